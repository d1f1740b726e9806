package formulas

import (
	"math/big"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	"github.com/flockchain/flockd/x/modeltoken/types"
)

// The score terms of one user's record, u·g, u·g·√s and u·s·g (u spend, g
// multiplier, s counted stake): the keeper adds them into a model's sums A,
// B, C when usage or stake changes, and a claim recomputes them from the
// same record, so both sides use identical (truncated) values.

// SqrtInt is √x as a Dec (deterministic: big-integer Newton iterations),
// 0 for x ≤ 0. ApproxSqrt fails only if it does not converge or the value
// overflows a Dec; that error is returned, never read as a zero stake.
func SqrtInt(x math.Int) (math.LegacyDec, error) {
	if !x.IsPositive() {
		return math.LegacyZeroDec(), nil
	}
	r, err := math.LegacyNewDecFromInt(x).ApproxSqrt()
	if err != nil {
		return math.LegacyDec{}, errorsmod.Wrapf(err, "square root of %s", x)
	}
	return r, nil
}

// SqrtBracket returns √x rounded down and up to 18 decimals, exactly: the
// integer square root of x·10^36 (x > 0).
func SqrtBracket(x math.Int) (lo, hi math.LegacyDec) {
	scaled := new(big.Int).Mul(x.BigInt(), new(big.Int).Exp(big.NewInt(10), big.NewInt(36), nil))
	root := new(big.Int).Sqrt(scaled)
	lo = math.LegacyNewDecFromBigIntWithPrec(root, math.LegacyPrecision)
	if new(big.Int).Mul(root, root).Cmp(scaled) == 0 {
		return lo, lo
	}
	return lo, lo.Add(math.LegacySmallestDec())
}

// Floors are the eligibility floors of the stake-gated incentive pools.
type Floors struct {
	MinSpend uint64
	MinStake math.Int // nil means 0
}

// Eligible reports whether a record earns from the incentive pools: its
// spend and counted stake reach the floors. Below them, the user earns
// from the global pool only (dust farming of a model's incentives: a
// sole user with a fraction of a cent of spend and a dust stake would
// otherwise take the whole release).
func (fl Floors) Eligible(r types.UsageRecord) bool {
	return r.Spend >= fl.MinSpend && (fl.MinStake.IsNil() || r.Stake.GTE(fl.MinStake))
}

// ScoreTerms returns u·g, u·g·√s and u·s·g for one record; u·s·g is 0 for
// a record below the incentive floors.
func ScoreTerms(r types.UsageRecord, fl Floors) (ug, ugSqrtS, usg math.LegacyDec, err error) {
	sqrtS, err := SqrtInt(r.Stake)
	if err != nil {
		return ug, ugSqrtS, usg, err
	}
	ug = math.LegacyNewDecFromInt(math.NewIntFromUint64(r.Spend)).MulTruncate(r.Gm)
	ugSqrtS = ug.MulTruncate(sqrtS)
	usg = math.LegacyZeroDec()
	if fl.Eligible(r) {
		usg = math.LegacyNewDecFromInt(math.NewIntFromUint64(r.Spend).Mul(r.Stake)).MulTruncate(r.Gm)
	}
	return ug, ugSqrtS, usg, nil
}
