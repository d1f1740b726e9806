package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/flockchain/flockd/x/modeltoken/formulas"
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

func floorsOf(mu types.ModelUsage) formulas.Floors {
	return formulas.Floors{MinSpend: mu.MinIncentiveSpend, MinStake: mu.MinIncentiveStake}
}

// addTerms adds (sign > 0) or subtracts (sign < 0) one record's terms,
// with the model's floors for the epoch.
func addTerms(mu *types.ModelUsage, r types.UsageRecord, sign int) error {
	ug, ugs, usg, err := formulas.ScoreTerms(r, floorsOf(*mu))
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
func newModelUsage(epoch uint64, denom string, fl formulas.Floors) types.ModelUsage {
	minStake := fl.MinStake
	if minStake.IsNil() {
		minStake = math.ZeroInt()
	}
	return types.ModelUsage{Epoch: epoch, Denom: denom, TotalSpend: math.ZeroInt(),
		SumUg: math.LegacyZeroDec(), SumUgSqrtS: math.LegacyZeroDec(), SumUsg: math.LegacyZeroDec(),
		MinIncentiveSpend: fl.MinSpend, MinIncentiveStake: minStake}
}

// floorsFromParams are the floors a new (epoch, model) fixes.
func floorsFromParams(p types.Params) formulas.Floors {
	return formulas.Floors{MinSpend: p.MinIncentiveSpend, MinStake: p.MinIncentiveStake}
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
		x = x.Add(formulas.EffectiveGm(l, start.StartTime))
	}
	g = formulas.GmMultiplier(p, x)
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
