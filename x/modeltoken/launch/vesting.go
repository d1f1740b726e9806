package launch

import (
	"context"
	"errors"
	"time"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/flockchain/flockd/x/modeltoken/types"
)

// vestedPart is the part of total released at now: linear from start over
// duration, floored (the remainder vests in later blocks, never lost).
func vestedPart(total math.Int, start time.Time, duration time.Duration, now time.Time) math.Int {
	if duration <= 0 || !now.Before(start.Add(duration)) {
		return total
	}
	if !now.After(start) {
		return math.ZeroInt()
	}
	return total.Mul(math.NewInt(int64(now.Sub(start)))).Quo(math.NewInt(int64(duration)))
}

// VestedAmount is the MT of v released at now.
func VestedAmount(v types.IssuerVesting, now time.Time) math.Int {
	return vestedPart(v.Total, v.Start, v.Duration, now)
}

// VestedFlock is the FLOCK of v released at now: the issuer's share of the
// raise vests on the same schedule as their MT.
func VestedFlock(v types.IssuerVesting, now time.Time) math.Int {
	return vestedPart(v.FlockTotal, v.Start, v.Duration, now)
}

// ClaimableVested is the MT and FLOCK ClaimVested would pay at now.
func ClaimableVested(v types.IssuerVesting, now time.Time) (mt, flock math.Int) {
	nonNeg := func(x math.Int) math.Int {
		if x.IsNegative() {
			return math.ZeroInt()
		}
		return x
	}
	return nonNeg(VestedAmount(v, now).Sub(v.Claimed)), nonNeg(VestedFlock(v, now).Sub(v.FlockClaimed))
}

// ClaimVested pays a graduated launch's payout address its vested issuer MT
// and FLOCK.
func (k Keeper) ClaimVested(ctx context.Context, beneficiary sdk.AccAddress, id uint64) (sdk.Coins, error) {
	now := sdk.UnwrapSDKContext(ctx).BlockTime()
	v, err := k.Vestings.Get(ctx, id)
	if errors.Is(err, collections.ErrNotFound) {
		if _, err := k.getLaunch(ctx, id); err != nil {
			return nil, err
		}
		return nil, errorsmod.Wrapf(types.ErrLaunchNotSettled, "launch %d has not graduated", id)
	}
	if err != nil {
		return nil, err
	}
	if v.Beneficiary != beneficiary.String() {
		return nil, errorsmod.Wrapf(types.ErrNotBeneficiary, "%s is not the beneficiary of launch %d", beneficiary, id)
	}
	mt, flock := ClaimableVested(v, now)
	if !mt.IsPositive() && !flock.IsPositive() {
		return nil, errorsmod.Wrapf(types.ErrNothingToClaim, "launch %d: vested %s MT and %s FLOCK, claimed %s and %s",
			id, VestedAmount(v, now), VestedFlock(v, now), v.Claimed, v.FlockClaimed)
	}
	v.Claimed = v.Claimed.Add(mt)
	v.FlockClaimed = v.FlockClaimed.Add(flock)
	if err := k.Vestings.Set(ctx, id, v); err != nil {
		return nil, err
	}
	paid := sdk.NewCoins(sdk.NewCoin(v.Denom, mt), sdk.NewCoin(k.flockDenom, flock))
	if err := k.bank.SendCoinsFromModuleToAccount(ctx, types.VestingAccount, beneficiary, paid); err != nil {
		return nil, err
	}
	return paid, emitVestedClaimed(ctx, id, v.Beneficiary, paid)
}
