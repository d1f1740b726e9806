package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/flockchain/flockd/x/modeltoken/formulas"
	"github.com/flockchain/flockd/x/modeltoken/internal/blockstep"
	"github.com/flockchain/flockd/x/modeltoken/internal/storeread"
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

// MaxSettleModelsPerBlock bounds the models one block's settlement seals
// (about 0.13 ms each, docs/benchmarks.md): an epoch with more models with
// usage is settled over several blocks, resuming after the last denom.
const MaxSettleModelsPerBlock = 500

// SettleNextEpoch settles the oldest unsettled epoch once its usage is
// sealed (its end + attestation grace) and its dispute window is over: it
// mints the epoch's emission, releases incentives and fixes every model's
// normaliser sums, at most MaxSettleModelsPerBlock models per block. No
// user is visited. Each model runs in a cache context; a model that fails
// is logged, reported in an event and skipped (its share is not minted),
// never halting the chain. The epoch counts as settled (summary, claims,
// next_epoch_to_settle) only after its last model.
func (k Keeper) SettleNextEpoch(ctx context.Context) error {
	return k.settleNextEpoch(ctx, MaxSettleModelsPerBlock)
}

func (k Keeper) settleNextEpoch(ctx context.Context, limit int) error {
	sdkCtx := sdk.UnwrapSDKContext(ctx)
	e, err := k.nextSettle(ctx)
	if err != nil {
		return err
	}
	prog, err := k.SettleProgress.Get(ctx)
	if err != nil && !errors.Is(err, collections.ErrNotFound) {
		return err
	}
	resuming := err == nil && prog.Epoch == e
	if !resuming {
		// Most blocks end here: the oldest unsettled epoch is still current.
		cur, err := k.GetEpoch(ctx)
		if err != nil || e >= cur.Number {
			return err
		}
	}
	p, err := k.Params.Get(ctx)
	if err != nil {
		return err
	}
	if !resuming {
		// Settle only after the dispute window: until then a batch may be voided.
		over, err := k.DisputeOver(ctx, p, e)
		if err != nil || !over {
			return err
		}
		total, err := storeread.GetOr(ctx, k.EpochUsage, e, math.ZeroInt)
		if err != nil {
			return err
		}
		prog = types.SettleProgress{Epoch: e, Emission: math.ZeroInt(), TotalUsage: total, Emitted: math.ZeroInt()}
		if total.IsPositive() {
			prog.Emission = formulas.CappedEmission(p, e, k.bank.GetSupply(ctx, k.flockDenom).Amount)
		}
	}

	if prog.TotalUsage.IsPositive() {
		// One more than the limit tells whether another block is needed.
		rng := collections.NewPrefixedPairRange[uint64, string](e)
		if prog.LastDenom != "" {
			rng = collections.NewPrefixedPairRange[uint64, string](e).StartExclusive(prog.LastDenom)
		}
		var models []types.ModelUsage
		if err := k.ModelUsages.Walk(ctx, rng, func(_ collections.Pair[uint64, string], mu types.ModelUsage) (bool, error) {
			models = append(models, mu)
			return len(models) > limit, nil
		}); err != nil {
			return err
		}
		more := len(models) > limit
		if more {
			models = models[:limit]
		}
		for _, mu := range models {
			k.settleOrSkipModel(sdkCtx, p, &prog, mu)
		}
		if more {
			return k.SettleProgress.Set(ctx, prog)
		}
	}
	return k.finishSettlement(ctx, prog)
}

// settleOrSkipModel seals one model's pools in a cache context and adds it to
// the progress; a failure is logged and the model skipped.
func (k Keeper) settleOrSkipModel(sdkCtx sdk.Context, p types.Params, prog *types.SettleProgress, mu types.ModelUsage) {
	prog.LastDenom = mu.Denom
	pool := prog.Emission.Mul(mu.TotalSpend).Quo(prog.TotalUsage) // floor; the rest is not minted
	if err := blockstep.Run(sdkCtx, "reward settlement", func(c context.Context) error { return k.sealModelPools(c, p, mu, pool) }); err != nil {
		k.Logger(sdkCtx).Error("settling model rewards failed; skipped", "epoch", prog.Epoch, "denom", mu.Denom, "err", err)
		if err := emitModelSkipped(sdkCtx, prog.Epoch, mu.Denom, err); err != nil {
			k.Logger(sdkCtx).Error("emitting a skipped model failed", "denom", mu.Denom, "err", err)
		}
		prog.SkippedModels++
		return
	}
	prog.Emitted = prog.Emitted.Add(pool)
	prog.Models++
}

// finishSettlement records the epoch's summary and moves on to the next.
func (k Keeper) finishSettlement(ctx context.Context, prog types.SettleProgress) error {
	sdkCtx := sdk.UnwrapSDKContext(ctx)
	e := prog.Epoch
	summary := types.EpochSummary{Epoch: e, Emitted: prog.Emitted, TotalUsage: prog.TotalUsage,
		Models: prog.Models, SkippedModels: prog.SkippedModels}
	if err := k.SettleProgress.Remove(ctx); err != nil {
		return err
	}
	if err := k.EpochSummaries.Set(ctx, e, summary); err != nil {
		return err
	}
	if _, err := k.NextSettleEpoch.Next(ctx); err != nil {
		return err
	}
	k.Logger(sdkCtx).Info("epoch settled", "epoch", e, "emitted_uflock", summary.Emitted.String(),
		"models", summary.Models, "skipped", summary.SkippedModels, "usage_micro_usd", summary.TotalUsage.String())
	return emitRewardsSettled(ctx, summary)
}

// sealModelPools seals one model's pools for the epoch.
func (k Keeper) sealModelPools(ctx context.Context, p types.Params, mu types.ModelUsage, pool math.Int) error {
	// S(e) as it stood when e ended: no stake change since can move it.
	stakeTotal, err := k.StakeTotalAt(ctx, mu.Denom, mu.Epoch)
	if err != nil {
		return err
	}
	r := types.EpochModelReward{
		Epoch: mu.Epoch, Denom: mu.Denom, Emission: pool, ReservedFlock: math.ZeroInt(), Mt: math.ZeroInt(),
		Usage: mu.TotalSpend, SumUg: mu.SumUg, SumUgSqrtS: mu.SumUgSqrtS, SumUsg: mu.SumUsg,
		StakeTotal: stakeTotal, Alpha: p.Alpha, PaidFlock: math.ZeroInt(), PaidMt: math.ZeroInt(),
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
