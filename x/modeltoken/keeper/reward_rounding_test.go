package keeper_test

import (
	"math/big"
	"testing"

	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"cosmossdk.io/math"

	"github.com/flockchain/flockd/x/modeltoken/formulas"
	"github.com/flockchain/flockd/x/modeltoken/keeper"
	"github.com/flockchain/flockd/x/modeltoken/types"
)

// TestGlobalPayoutNeverExceedsExactShare (rapid): a user's global payout
// is at most E·(α·ug·√S + (1−α)·ugs) / (α·A·√S + (1−α)·B) (so at most its
// floor) over the sealed
// sums, computed here in 512-bit floats with the true √S — at the smallest
// α (10^-18, where a truncated α·A·√S used to pay one base unit too much)
// and at any other.
func TestGlobalPayoutNeverExceedsExactShare(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		alpha := math.LegacySmallestDec()
		if rapid.Bool().Draw(rt, "randomAlpha") {
			alpha = math.LegacyNewDecWithPrec(rapid.Int64Range(1, 1_000_000_000_000_000_000).Draw(rt, "alpha"), 18)
		}
		n := rapid.IntRange(1, 8).Draw(rt, "users")
		recs := make([]types.UsageRecord, n)
		for i := range recs {
			recs[i] = types.UsageRecord{
				Spend: rapid.Uint64Range(1, 1_000_000_000_000).Draw(rt, "spend"),
				Stake: math.NewInt(rapid.Int64Range(0, 1_000_000_000_000_000).Draw(rt, "stake")),
				Gm:    math.LegacyNewDecWithPrec(rapid.Int64Range(1_000_000_000_000_000_000, 1_999_999_999_999_999_999).Draw(rt, "gm"), 18),
			}
		}
		pool := math.NewInt(rapid.Int64Range(1, 1_000_000_000_000_000).Draw(rt, "pool"))
		r := keeper.SealForTest(recs, pool, alpha)
		r.ReservedFlock, r.Mt = math.ZeroInt(), math.ZeroInt()
		if !r.StakeTotal.IsPositive() {
			return
		}
		const prec = 512
		f := func(d math.LegacyDec) *big.Float {
			return new(big.Float).SetPrec(prec).Quo(new(big.Float).SetPrec(prec).SetInt(d.BigInt()), new(big.Float).SetPrec(prec).SetInt(math.LegacyOneDec().BigInt()))
		}
		sqrtS := new(big.Float).SetPrec(prec).Sqrt(new(big.Float).SetPrec(prec).SetInt(r.StakeTotal.BigInt()))
		a, oneMinus := f(alpha), f(math.LegacyOneDec().Sub(alpha))
		mul := func(xs ...*big.Float) *big.Float {
			out := new(big.Float).SetPrec(prec).SetInt64(1)
			for _, x := range xs {
				out.Mul(out, x)
			}
			return out
		}
		den := new(big.Float).SetPrec(prec).Add(mul(a, f(r.SumUg), sqrtS), mul(oneMinus, f(r.SumUgSqrtS)))
		for i, rec := range recs {
			ug, ugs, _, err := formulas.ScoreTerms(rec, formulas.Floors{})
			require.NoError(rt, err)
			num := new(big.Float).SetPrec(prec).Add(mul(a, f(ug), sqrtS), mul(oneMinus, f(ugs)))
			exact := mul(new(big.Float).SetPrec(prec).SetInt(pool.BigInt()), num)
			exact.Quo(exact, den)
			got, _, err := formulas.EntryReward(r, rec)
			require.NoError(rt, err)
			// got ≤ exact, up to the 512-bit float error of exact itself
			// (a sole user's share is exactly the pool).
			slack := new(big.Float).SetPrec(prec).Add(exact, big.NewFloat(1e-60))
			require.LessOrEqual(rt, new(big.Float).SetPrec(prec).SetInt(got.BigInt()).Cmp(slack), 0, "user %d: paid %s, exact share %s", i, got, exact.Text('f', 30))
		}
	})
}
