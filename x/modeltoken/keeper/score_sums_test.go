package keeper_test

import (
	"math/big"
	"testing"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	"github.com/flockchain/flockd/x/modeltoken/keeper"
)

// TestSqrtInt: exact squares, zero and negatives, and the largest Int. Its
// error path (ApproxSqrt not converging) is unreachable with an Int input;
// sqrtInt returns that error instead of reading it as a zero stake.
func TestSqrtInt(t *testing.T) {
	// The largest Int: 2^256 − 1 (its root rounds to 2^128 at 18 decimals).
	huge := math.NewIntFromBigInt(new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 256), big.NewInt(1)))
	tests := []struct {
		name    string
		x       math.Int
		want    math.LegacyDec
		wantErr bool
	}{
		{"zero", math.ZeroInt(), math.LegacyZeroDec(), false},
		{"negative", math.NewInt(-4), math.LegacyZeroDec(), false},
		{"one", math.OneInt(), math.LegacyOneDec(), false},
		{"square", math.NewInt(1_000_000), math.LegacyNewDec(1_000), false},
		{"largest Int", huge, math.LegacyMustNewDecFromStr("340282366920938463463374607431768211456"), false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := keeper.SqrtIntForTest(tc.x)
			if tc.wantErr {
				require.Error(t, err)
				return
			}
			require.NoError(t, err)
			require.True(t, tc.want.Equal(got), "sqrt(%s) = %s, want %s", tc.x, got, tc.want)
		})
	}
}
