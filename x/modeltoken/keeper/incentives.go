package keeper

import (
	"context"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/flockchain/flockd/x/modeltoken/types"
)

// Each model has two incentive budgets released linearly, epoch by epoch,
// into the stake-gated pools of reward settlement: its MT incentive
// allocation (from graduation) and reserved FLOCK (MsgFundIncentive).

func (k Keeper) getIncentives(ctx context.Context, denom string) (types.ModelIncentives, error) {
	return getOr(ctx, k.Incentives, denom, func() types.ModelIncentives {
		return types.ModelIncentives{Denom: denom, ReservedFlock: math.ZeroInt(), FlockRate: math.ZeroInt(),
			MtRemaining: math.ZeroInt(), MtRate: math.ZeroInt()}
	})
}

// releaseIncentives moves this epoch's linear release of both budgets into
// the sealed reward r (and the coins to the rewards account).
func (k Keeper) releaseIncentives(ctx context.Context, r *types.EpochModelReward) error {
	inc, err := k.getIncentives(ctx, r.Denom)
	if err != nil {
		return err
	}
	r.ReservedFlock = linearRelease(inc.ReservedFlock, inc.FlockRate, inc.FlockEpochsLeft)
	r.Mt = linearRelease(inc.MtRemaining, inc.MtRate, inc.MtEpochsLeft)
	if r.ReservedFlock.IsPositive() {
		inc.ReservedFlock = inc.ReservedFlock.Sub(r.ReservedFlock)
		inc.FlockEpochsLeft--
		if err := k.bank.SendCoinsFromModuleToModule(ctx, types.IncentivesAccount, types.RewardsAccount, k.flock(r.ReservedFlock)); err != nil {
			return err
		}
	}
	if r.Mt.IsPositive() {
		inc.MtRemaining = inc.MtRemaining.Sub(r.Mt)
		inc.MtEpochsLeft--
		tok, err := k.ModelTokens.Get(ctx, r.Denom)
		if err != nil {
			return err
		}
		tok.IncentivePool = tok.IncentivePool.Sub(r.Mt)
		if err := k.ModelTokens.Set(ctx, r.Denom, tok); err != nil {
			return err
		}
		if err := k.bank.SendCoinsFromModuleToModule(ctx, types.IncentivesAccount, types.RewardsAccount, sdk.NewCoins(sdk.NewCoin(r.Denom, r.Mt))); err != nil {
			return err
		}
	}
	return k.Incentives.Set(ctx, r.Denom, inc)
}

// FundIncentive adds reserved FLOCK to a model's incentive budget and
// re-spreads everything unreleased over incentive_release_epochs from now.
func (k Keeper) FundIncentive(ctx context.Context, funder sdk.AccAddress, denom string, amount sdk.Coin) error {
	if err := k.liveModelToken(ctx, denom); err != nil {
		return err
	}
	if err := k.requireSpendable(ctx, funder, amount); err != nil {
		return err
	}
	p, err := k.Params.Get(ctx)
	if err != nil {
		return err
	}
	inc, err := k.getIncentives(ctx, denom)
	if err != nil {
		return err
	}
	if err := k.bank.SendCoinsFromAccountToModule(ctx, funder, types.IncentivesAccount, sdk.NewCoins(amount)); err != nil {
		return err
	}
	inc.ReservedFlock = inc.ReservedFlock.Add(amount.Amount)
	inc.FlockEpochsLeft = p.IncentiveReleaseEpochs
	inc.FlockRate = inc.ReservedFlock.QuoRaw(int64(p.IncentiveReleaseEpochs))
	if err := k.Incentives.Set(ctx, denom, inc); err != nil {
		return err
	}
	sdk.UnwrapSDKContext(ctx).EventManager().EmitEvent(sdk.NewEvent(types.EventFundIncentive,
		sdk.NewAttribute(types.AttrDenom, denom),
		sdk.NewAttribute(types.AttrAmount, amount.String())))
	return nil
}

// initMTIncentives starts releasing a new model's MT incentive allocation.
func (k Keeper) initMTIncentives(ctx context.Context, denom string, amount math.Int) error {
	p, err := k.Params.Get(ctx)
	if err != nil {
		return err
	}
	inc, err := k.getIncentives(ctx, denom)
	if err != nil {
		return err
	}
	inc.MtRemaining = amount
	inc.MtEpochsLeft = p.IncentiveReleaseEpochs
	inc.MtRate = amount.QuoRaw(int64(p.IncentiveReleaseEpochs))
	return k.Incentives.Set(ctx, denom, inc)
}
