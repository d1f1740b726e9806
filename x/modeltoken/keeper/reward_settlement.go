package keeper

import (
	"context"
	"errors"
	"strconv"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/flockchain/flockd/x/modeltoken/types"
)

// nextSettle returns the oldest unsettled epoch (epochs start at 1).
func (k Keeper) nextSettle(ctx context.Context) (uint64, error) {
	n, err := k.NextSettleEpoch.Peek(ctx)
	if err != nil {
		return 0, err
	}
	return n + 1, nil
}

// SettleNextEpoch settles at most one epoch per block: once an epoch's usage
// is sealed (its end + attestation grace), it mints the epoch's emission,
// releases incentives and fixes every model's normaliser sums. Cost:
// O(models with usage in the epoch); no user is visited. Each model runs in
// a cache context; a model that fails is logged, reported in an event and
// skipped (its share is not minted), never halting the chain.
func (k Keeper) SettleNextEpoch(ctx context.Context) error {
	sdkCtx := sdk.UnwrapSDKContext(ctx)
	e, err := k.nextSettle(ctx)
	if err != nil {
		return err
	}
	cur, err := k.GetEpoch(ctx)
	if err != nil || e >= cur.Number {
		return err
	}
	p, err := k.Params.Get(ctx)
	if err != nil {
		return err
	}
	sealed, err := k.UsageSealed(ctx, p, e)
	if err != nil || !sealed {
		return err
	}

	summary := types.EpochSummary{Epoch: e, Emitted: math.ZeroInt(), TotalUsage: math.ZeroInt()}
	total, err := k.EpochUsage.Get(ctx, e)
	if err != nil && !errors.Is(err, collections.ErrNotFound) {
		return err
	}
	if err == nil && total.IsPositive() {
		summary.TotalUsage = total
		emission := CappedEmission(p, e, k.bank.GetSupply(ctx, k.flockDenom).Amount)
		var models []types.ModelUsage
		if err := k.ModelUsages.Walk(ctx, collections.NewPrefixedPairRange[uint64, string](e),
			func(_ collections.Pair[uint64, string], mu types.ModelUsage) (bool, error) {
				models = append(models, mu)
				return false, nil
			}); err != nil {
			return err
		}
		for _, mu := range models {
			pool := emission.Mul(mu.TotalSpend).Quo(total) // floor; the rest is not minted
			cacheCtx, write := sdkCtx.CacheContext()
			if err := k.settleModel(cacheCtx, p, mu, pool); err != nil {
				k.Logger(sdkCtx).Error("settling model rewards failed; skipped", "epoch", e, "denom", mu.Denom, "err", err)
				sdkCtx.EventManager().EmitEvent(sdk.NewEvent(types.EventModelSkipped,
					sdk.NewAttribute(types.AttrEpoch, strconv.FormatUint(e, 10)),
					sdk.NewAttribute(types.AttrDenom, mu.Denom),
					sdk.NewAttribute(types.AttrReason, err.Error())))
				summary.SkippedModels++
				continue
			}
			write()
			summary.Emitted = summary.Emitted.Add(pool)
			summary.Models++
		}
	}
	if err := k.EpochSummaries.Set(ctx, e, summary); err != nil {
		return err
	}
	if _, err := k.NextSettleEpoch.Next(ctx); err != nil {
		return err
	}
	sdkCtx.EventManager().EmitEvent(sdk.NewEvent(types.EventEpochSettled,
		sdk.NewAttribute(types.AttrEpoch, strconv.FormatUint(e, 10)),
		sdk.NewAttribute(types.AttrAmount, summary.Emitted.String()),
		sdk.NewAttribute(types.AttrTotalSpend, summary.TotalUsage.String())))
	return nil
}

// settleModel seals one model's pools for the epoch.
func (k Keeper) settleModel(ctx context.Context, p types.Params, mu types.ModelUsage, pool math.Int) error {
	ms, err := k.getModelStake(ctx, mu.Denom)
	if err != nil {
		return err
	}
	r := types.EpochModelReward{
		Epoch: mu.Epoch, Denom: mu.Denom, Emission: pool, ReservedFlock: math.ZeroInt(), Mt: math.ZeroInt(),
		Usage: mu.TotalSpend, SumUg: mu.SumUg, SumUgSqrtS: mu.SumUgSqrtS, SumUsg: mu.SumUsg,
		StakeTotal: ModelCountedAt(ms, mu.Epoch), Alpha: p.Alpha, PaidFlock: math.ZeroInt(), PaidMt: math.ZeroInt(),
	}
	if pool.IsPositive() {
		if err := k.bank.MintCoins(ctx, types.ModuleName, k.flock(pool)); err != nil {
			return err
		}
		if err := k.bank.SendCoinsFromModuleToModule(ctx, types.ModuleName, types.RewardsAccount, k.flock(pool)); err != nil {
			return err
		}
	}
	// Incentive pools pay by incentive score, which is zero without stake:
	// if nobody is eligible (C = 0) the release stays in the model's pool.
	if mu.SumUsg.IsPositive() {
		if err := k.releaseIncentives(ctx, &r); err != nil {
			return err
		}
	}
	return k.EpochRewards.Set(ctx, collections.Join(r.Epoch, r.Denom), r)
}

func (k Keeper) getIncentives(ctx context.Context, denom string) (types.ModelIncentives, error) {
	inc, err := k.Incentives.Get(ctx, denom)
	if errors.Is(err, collections.ErrNotFound) {
		return types.ModelIncentives{Denom: denom, ReservedFlock: math.ZeroInt(), FlockRate: math.ZeroInt(),
			MtRemaining: math.ZeroInt(), MtRate: math.ZeroInt()}, nil
	}
	return inc, err
}

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
func (k Keeper) FundIncentive(ctx context.Context, funderStr, denom string, amount sdk.Coin) error {
	funder, err := k.decodeAddr("funder", funderStr)
	if err != nil {
		return err
	}
	if err := k.liveModelToken(ctx, denom); err != nil {
		return err
	}
	if amount.Denom != k.flockDenom {
		return errorsmodWrapDenom(k.flockDenom, amount.Denom)
	}
	if amount.Amount.IsNil() || !amount.Amount.IsPositive() {
		return errorsmodWrapAmount()
	}
	if err := k.requireSpendable(ctx, funder, amount.Amount); err != nil {
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

func errorsmodWrapDenom(want, got string) error {
	return errorsmod.Wrapf(types.ErrInvalidDenom, "incentives are funded in %s, got %q", want, got)
}

func errorsmodWrapAmount() error {
	return errorsmod.Wrap(types.ErrInvalidAmount, "amount must be positive")
}
