package formulas

import (
	"math/big"

	"cosmossdk.io/math"

	"github.com/flockchain/flockd/x/modeltoken/types"
)

// EntryReward is a user's reward from one sealed (epoch, model), computed
// from their own record and the model's sealed sums:
//
//	global:    emission · u·g·(α√S + (1−α)√s) / (α·A·√S + (1−α)·B)
//	incentive: pool · u·s·g / C
//
// (the spec's shares multiplied through by √S; with S = 0 nobody has stake
// share and the global share is u·g / A). The global payout is computed
// exactly from the sealed terms (GlobalPayout); the incentive share is
// truncated; payouts are floored and also capped by what is left unpaid of
// the pool.
func EntryReward(r types.EpochModelReward, rec types.UsageRecord) (flockOut, mtOut math.Int, err error) {
	flockOut, mtOut = math.ZeroInt(), math.ZeroInt()
	ug, ugSqrtS, usg, err := ScoreTerms(rec, Floors{MinSpend: r.MinIncentiveSpend, MinStake: r.MinIncentiveStake})
	if err != nil {
		return flockOut, mtOut, err
	}
	if r.Emission.IsPositive() && r.SumUg.IsPositive() {
		flockOut = GlobalPayout(r, ug, ugSqrtS)
	}
	if r.SumUsg.IsPositive() && usg.IsPositive() {
		share := usg.QuoTruncate(r.SumUsg)
		flockOut = flockOut.Add(math.LegacyNewDecFromInt(r.ReservedFlock).MulTruncate(share).TruncateInt())
		mtOut = math.LegacyNewDecFromInt(r.Mt).MulTruncate(share).TruncateInt()
	}
	return flockOut, mtOut, nil
}

// GlobalPayout is ⌊E·(α·ug·r + (1−α)·ugs) / (α·A·r + (1−α)·B)⌋ in exact
// integer arithmetic on the 18-decimal sealed terms, where r is √S rounded
// down or up to 18 decimals, whichever gives this user the smaller share:
// the share moves with r in the sign of ug·B − ugs·A, so r = ⌊√S⌋ when it
// is ≥ 0 and ⌈√S⌉ otherwise. No payout exceeds the floor of the exact
// share at any α (a truncated α·A·√S used to pay ⌊exact⌋+1 at α = 1e-18),
// and as A and B are exact sums of the users' terms the shares add up to at
// most E; a sole user gets all of E.
func GlobalPayout(r types.EpochModelReward, ug, ugSqrtS math.LegacyDec) math.Int {
	if !r.StakeTotal.IsPositive() {
		return math.LegacyNewDecFromInt(r.Emission).MulTruncate(ug).QuoTruncate(r.SumUg).TruncateInt()
	}
	one := math.LegacyOneDec().BigInt()
	alpha, oneMinus := r.Alpha.BigInt(), new(big.Int).Sub(one, r.Alpha.BigInt())
	a, b, sumA, sumB := ug.BigInt(), ugSqrtS.BigInt(), r.SumUg.BigInt(), r.SumUgSqrtS.BigInt()
	lo, hi := SqrtBracket(r.StakeTotal)
	root := lo.BigInt()
	if new(big.Int).Mul(a, sumB).Cmp(new(big.Int).Mul(b, sumA)) < 0 {
		root = hi.BigInt()
	}
	// α·x·r + (1−α)·y·10^18: both terms carry 10^54.
	terms := func(x, y *big.Int) *big.Int {
		t := new(big.Int).Mul(alpha, x)
		t.Mul(t, root)
		u := new(big.Int).Mul(oneMinus, y)
		u.Mul(u, one)
		return t.Add(t, u)
	}
	den := terms(sumA, sumB)
	if den.Sign() <= 0 {
		return math.ZeroInt()
	}
	num := terms(a, b)
	num.Mul(num, r.Emission.BigInt())
	return math.NewIntFromBigInt(num.Quo(num, den))
}
