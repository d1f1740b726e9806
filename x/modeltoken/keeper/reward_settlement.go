package keeper

import (
	"context"
	"errors"
	"strconv"

	"cosmossdk.io/collections"
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
	// Settle only after the dispute window: until then a batch may be voided.
	over, err := k.DisputeOver(ctx, p, e)
	if err != nil || !over {
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
			if err := inCache(sdkCtx, func(c context.Context) error { return k.settleModel(c, p, mu, pool) }); err != nil {
				k.Logger(sdkCtx).Error("settling model rewards failed; skipped", "epoch", e, "denom", mu.Denom, "err", err)
				sdkCtx.EventManager().EmitEvent(sdk.NewEvent(types.EventModelSkipped,
					sdk.NewAttribute(types.AttrEpoch, strconv.FormatUint(e, 10)),
					sdk.NewAttribute(types.AttrDenom, mu.Denom),
					sdk.NewAttribute(types.AttrReason, err.Error())))
				summary.SkippedModels++
				continue
			}
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
	k.Logger(sdkCtx).Info("epoch settled", "epoch", e, "emitted_uflock", summary.Emitted.String(),
		"models", summary.Models, "skipped", summary.SkippedModels, "usage_micro_usd", summary.TotalUsage.String())
	return emitTyped(ctx, &types.EventRewardsSettled{Epoch: e, Emitted: summary.Emitted.String(), TotalUsage: summary.TotalUsage.String(), Models: summary.Models})
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
		MinIncentiveSpend: mu.MinIncentiveSpend, MinIncentiveStake: mu.MinIncentiveStake,
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
