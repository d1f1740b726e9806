package keeper

import (
	"context"
	"errors"
	"math/big"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/flockchain/flockd/x/modeltoken/types"
)

// The epoch engine never visits users. Per (epoch, model) it keeps
//
//	A = Σ u·g,  B = Σ u·g·√s,  C = Σ u·s·g
//
// over users with usage (u spend, g multiplier, s counted stake), updated in
// O(1) whenever a usage row, or a stake change of a user with usage, touches
// a user. Each user's record keeps the u, g, s last added, so a change
// subtracts exactly the old terms and adds the new ones. The terms below are
// the only place these products are computed, so the sums and the claims
// use identical (truncated) values.

// sqrtInt is √x as a Dec (deterministic: big-integer Newton iterations),
// 0 for x ≤ 0. ApproxSqrt fails only if it does not converge or the value
// overflows a Dec; that error is returned, never read as a zero stake.
func sqrtInt(x math.Int) (math.LegacyDec, error) {
	if !x.IsPositive() {
		return math.LegacyZeroDec(), nil
	}
	r, err := math.LegacyNewDecFromInt(x).ApproxSqrt()
	if err != nil {
		return math.LegacyDec{}, errorsmod.Wrapf(err, "square root of %s", x)
	}
	return r, nil
}

// sqrtBracket returns √x rounded down and up to 18 decimals, exactly: the
// integer square root of x·10^36 (x > 0).
func sqrtBracket(x math.Int) (lo, hi math.LegacyDec) {
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

// eligible reports whether a record earns from the incentive pools: its
// spend and counted stake reach the floors. Below them, the user earns
// from the global pool only (dust farming of a model's incentives: a
// sole user with a fraction of a cent of spend and a dust stake would
// otherwise take the whole release).
func (fl Floors) eligible(r types.UsageRecord) bool {
	return r.Spend >= fl.MinSpend && (fl.MinStake.IsNil() || r.Stake.GTE(fl.MinStake))
}

func floorsOf(mu types.ModelUsage) Floors {
	return Floors{MinSpend: mu.MinIncentiveSpend, MinStake: mu.MinIncentiveStake}
}

// scoreTerms returns u·g, u·g·√s and u·s·g for one record; u·s·g is 0 for
// a record below the incentive floors.
func scoreTerms(r types.UsageRecord, fl Floors) (ug, ugSqrtS, usg math.LegacyDec, err error) {
	sqrtS, err := sqrtInt(r.Stake)
	if err != nil {
		return ug, ugSqrtS, usg, err
	}
	ug = math.LegacyNewDecFromInt(math.NewIntFromUint64(r.Spend)).MulTruncate(r.Gm)
	ugSqrtS = ug.MulTruncate(sqrtS)
	usg = math.LegacyZeroDec()
	if fl.eligible(r) {
		usg = math.LegacyNewDecFromInt(math.NewIntFromUint64(r.Spend).Mul(r.Stake)).MulTruncate(r.Gm)
	}
	return ug, ugSqrtS, usg, nil
}

// addTerms adds (sign > 0) or subtracts (sign < 0) one record's terms,
// with the model's floors for the epoch.
func addTerms(mu *types.ModelUsage, r types.UsageRecord, sign int) error {
	ug, ugs, usg, err := scoreTerms(r, floorsOf(*mu))
	if err != nil {
		return err
	}
	if sign < 0 {
		ug, ugs, usg = ug.Neg(), ugs.Neg(), usg.Neg()
	}
	mu.SumUg = mu.SumUg.Add(ug)
	mu.SumUgSqrtS = mu.SumUgSqrtS.Add(ugs)
	mu.SumUsg = mu.SumUsg.Add(usg)
	return nil
}

// newModelUsage starts an (epoch, model)'s sums with the floors fl fixed
// for the epoch.
func newModelUsage(epoch uint64, denom string, fl Floors) types.ModelUsage {
	minStake := fl.MinStake
	if minStake.IsNil() {
		minStake = math.ZeroInt()
	}
	return types.ModelUsage{Epoch: epoch, Denom: denom, TotalSpend: math.ZeroInt(),
		SumUg: math.LegacyZeroDec(), SumUgSqrtS: math.LegacyZeroDec(), SumUsg: math.LegacyZeroDec(),
		MinIncentiveSpend: fl.MinSpend, MinIncentiveStake: minStake}
}

// floorsFromParams are the floors a new (epoch, model) fixes.
func floorsFromParams(p types.Params) Floors {
	return Floors{MinSpend: p.MinIncentiveSpend, MinStake: p.MinIncentiveStake}
}

// gmSnapshot returns user's multiplier for epoch, computed from the locks at
// the epoch's start the first time it is needed and frozen afterwards.
func (k Keeper) gmSnapshot(ctx context.Context, p types.Params, epoch uint64, user sdk.AccAddress) (math.LegacyDec, error) {
	key := collections.Join(epoch, user)
	g, err := k.GmSnapshots.Get(ctx, key)
	if err == nil {
		return g, nil
	}
	if !errors.Is(err, collections.ErrNotFound) {
		return math.LegacyDec{}, err
	}
	locks, err := k.LocksOf(ctx, user) // one point read (the lock count) for a user without locks
	if err != nil {
		return math.LegacyDec{}, err
	}
	if len(locks) == 0 {
		// No locks now: locks cannot be back-dated, so any lock that counted
		// at the epoch's start has been unlocked, and a snapshot taken now
		// would be 1 as well. Nothing needs storing.
		return math.LegacyOneDec(), nil
	}
	start, err := k.EpochStarts.Get(ctx, epoch)
	if err != nil {
		return math.LegacyDec{}, err
	}
	x := math.ZeroInt()
	for _, l := range locks {
		x = x.Add(EffectiveGm(l, start.StartTime))
	}
	g = GmMultiplier(p, x)
	return g, k.GmSnapshots.Set(ctx, key, g)
}

// countedFor returns user's counted stake of denom for epoch (0 without a position).
func (k Keeper) countedFor(ctx context.Context, user sdk.AccAddress, denom string, epoch uint64) (math.Int, error) {
	pos, err := k.Positions.Get(ctx, collections.Join(user, denom))
	if errors.Is(err, collections.ErrNotFound) {
		return math.ZeroInt(), nil
	}
	if err != nil {
		return math.Int{}, err
	}
	return CountedStakeAt(pos, epoch), nil
}

// onCountedStakeChange is the one hook through which stake changes reach
// the score sums: staking calls it after user's counted stake of denom in
// the current epoch changed to s. Only the current epoch's record can
// change: the previous epoch's counted stake was frozen when the position
// rolled (counted_stake.go). A user without usage this epoch has no terms
// in the sums, so nothing changes.
func (k Keeper) onCountedStakeChange(ctx context.Context, epoch uint64, denom string, user sdk.AccAddress, s math.Int) error {
	key := collections.Join3(epoch, denom, user)
	rec, err := k.UsageByUser.Get(ctx, key)
	if errors.Is(err, collections.ErrNotFound) {
		return nil
	}
	if err != nil || rec.Stake.Equal(s) {
		return err
	}
	mkey := collections.Join(epoch, denom)
	mu, err := k.ModelUsages.Get(ctx, mkey)
	if err != nil {
		return err
	}
	if err := addTerms(&mu, rec, -1); err != nil {
		return err
	}
	rec.Stake = s
	if err := addTerms(&mu, rec, +1); err != nil {
		return err
	}
	if err := k.UsageByUser.Set(ctx, key, rec); err != nil {
		return err
	}
	return k.ModelUsages.Set(ctx, mkey, mu)
}
