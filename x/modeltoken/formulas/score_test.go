package formulas_test

import (
	"math/big"
	"testing"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	"github.com/flockchain/flockd/x/modeltoken/formulas"
)

// TestSqrtInt: exact squares, zero and negatives, and the largest Int. Its
// error path (ApproxSqrt not converging) is unreachable with an Int input;
// SqrtInt returns that error instead of reading it as a zero stake.
func TestSqrtInt(t *testing.T) {
	// The largest Int: 2^256 − 1 (its root rounds to 2^128 at 18 decimals).
	huge := math.NewIntFromBigInt(new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 256), big.NewInt(1)))
	tests := []struct {
		name string
		x    math.Int
		want math.LegacyDec
	}{
		{"zero", math.ZeroInt(), math.LegacyZeroDec()},
		{"negative", math.NewInt(-4), math.LegacyZeroDec()},
		{"one", math.OneInt(), math.LegacyOneDec()},
		{"square", math.NewInt(1_000_000), math.LegacyNewDec(1_000)},
		{"largest Int", huge, math.LegacyMustNewDecFromStr("340282366920938463463374607431768211456")},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := formulas.SqrtInt(tc.x)
			require.NoError(t, err)
			require.True(t, tc.want.Equal(got), "sqrt(%s) = %s, want %s", tc.x, got, tc.want)
		})
	}
}

// TestSqrtBracket: on the 18-decimal integers (value·10^18) the bracket is
// exact on squares and one step apart around every other root, with
// lo² ≤ x·10^36 < hi², checked in exact integer arithmetic.
func TestSqrtBracket(t *testing.T) {
	scale := new(big.Int).Exp(big.NewInt(10), big.NewInt(36), nil)
	sq := func(d math.LegacyDec) *big.Int { return new(big.Int).Mul(d.BigInt(), d.BigInt()) }
	for _, x := range []int64{1, 2, 3, 4, 10, 1_000_000, 999_999_999_999} {
		lo, hi := formulas.SqrtBracket(math.NewInt(x))
		target := new(big.Int).Mul(big.NewInt(x), scale)
		require.True(t, sq(lo).Cmp(target) <= 0, "lo² ≤ x for %d", x)
		if lo.Equal(hi) {
			require.Zero(t, sq(lo).Cmp(target), "equal ends only for a square: %d", x)
			continue
		}
		require.Equal(t, lo.Add(math.LegacySmallestDec()), hi, "one step apart for %d", x)
		require.Positive(t, sq(hi).Cmp(target), "hi² > x for %d", x)
	}
}
