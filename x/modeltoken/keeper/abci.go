package keeper

import (
	"context"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/flockchain/flockd/x/modeltoken/internal/blockstep"
	"github.com/flockchain/flockd/x/modeltoken/launch"
	"github.com/flockchain/flockd/x/modeltoken/market"
)

// BeginBlocker runs the module's bounded per-block work, in this order (the
// steps table below is the one list): the epoch clock (and, at an epoch's
// start, the burn of bought-back MT); one bounded buyback slice for each of
// up to MaxBuybacksPerBlock models; the sweep of ended launches; payout of
// matured unbondings; payout of matured attester unbondings; settlement of
// the next sealed reward epoch (paged); dropping the rows of pending batches
// whose epoch sealed; and the bounded expiry of rewards past their claim
// window. Each step runs in its own cache context (blockstep.Run);
// a failing or panicking step is logged and reported in a
// begin_block_step_failed event, its writes are dropped and it is retried
// next block. Errors are never returned: an error from BeginBlock halts the
// chain.
func (k Keeper) BeginBlocker(ctx context.Context) error {
	sdkCtx := sdk.UnwrapSDKContext(ctx)
	steps := []struct {
		name string
		run  func(context.Context) error
	}{
		{"epoch", k.advanceEpochStep},
		{"buyback", func(c context.Context) error { return k.Market.ExecuteBuybacksStep(c, market.MaxBuybacksPerBlock) }},
		{"launch settlement", func(c context.Context) error { return k.Launch.SettleEndedLaunches(c, launch.MaxSettlementsPerBlock) }},
		{"unbonding payout", func(c context.Context) error { return k.PayMaturedUnbondings(c, MaxUnbondingsPerBlock) }},
		{"attester unbonding payout", func(c context.Context) error { return k.PayMaturedAttesterUnbondings(c, MaxAttesterUnbondingsPerBlock) }},
		{"reward settlement", k.SettleNextEpoch},
		{"sealed pending batches", func(c context.Context) error { return k.DropSealedPendingStep(c, MaxPendingDropsPerBlock) }},
		{"reward expiry", func(c context.Context) error { return k.ExpireRewardsStep(c, MaxExpiryKeysPerBlock) }},
	}
	for _, step := range steps {
		err := blockstep.Run(sdkCtx, step.name, func(c context.Context) error {
			if faultHook != nil {
				faultHook(step.name)
			}
			return step.run(c)
		})
		if err != nil {
			// A failing or panicking step is skipped, never fatal: logged,
			// reported in an event, its writes dropped, retried next block.
			blockstep.Failed(sdkCtx, step.name, "", err)
		}
	}
	return nil
}

func (k Keeper) advanceEpochStep(ctx context.Context) error {
	started, err := k.AdvanceEpoch(ctx)
	if err != nil || !started {
		return err
	}
	// Each new epoch burns the MT bought back with revenue since the last.
	if err := k.Market.BurnPendingMT(ctx); err != nil {
		return err
	}
	e, err := k.GetEpoch(ctx)
	if err != nil {
		return err
	}
	return emitEpochStarted(ctx, e.Number, e.StartTime)
}
