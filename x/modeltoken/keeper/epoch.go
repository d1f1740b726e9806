package keeper

import (
	"context"
	"errors"
	"time"

	"cosmossdk.io/collections"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/flockchain/flockd/x/modeltoken/types"
)

// GetEpoch returns the epoch clock. Before the first block has started
// epoch 1, it reports epoch 1 starting at the current block time.
func (k Keeper) GetEpoch(ctx context.Context) (types.EpochInfo, error) {
	e, err := k.Epoch.Get(ctx)
	if errors.Is(err, collections.ErrNotFound) {
		return types.EpochInfo{Number: 1, StartTime: sdk.UnwrapSDKContext(ctx).BlockTime()}, nil
	}
	return e, err
}

// AdvanceEpoch starts epoch 1 on the first block, and afterwards moves to
// the next epoch when the current one has lasted epoch_duration of block
// time. At most one epoch per block: after downtime the clock catches up one
// epoch per block, so per-epoch work is never skipped or batched unboundedly.
// It returns whether a new epoch started.
func (k Keeper) AdvanceEpoch(ctx context.Context) (bool, error) {
	now := sdk.UnwrapSDKContext(ctx).BlockTime()
	e, err := k.Epoch.Get(ctx)
	if errors.Is(err, collections.ErrNotFound) {
		return true, k.startEpoch(ctx, types.EpochInfo{Number: 1, StartTime: now})
	}
	if err != nil {
		return false, err
	}
	p, err := k.Params.Get(ctx)
	if err != nil {
		return false, err
	}
	next := e.StartTime.Add(p.EpochDuration)
	if now.Before(next) {
		return false, nil
	}
	return true, k.startEpoch(ctx, types.EpochInfo{Number: e.Number + 1, StartTime: next})
}

func (k Keeper) startEpoch(ctx context.Context, e types.EpochInfo) error {
	if err := k.Epoch.Set(ctx, e); err != nil {
		return err
	}
	return k.EpochStarts.Set(ctx, e.Number, types.EpochStart{Epoch: e.Number, StartTime: e.StartTime})
}

// EpochEnd returns when epoch ended (the next epoch's start) and whether it
// has ended at all.
func (k Keeper) EpochEnd(ctx context.Context, epoch uint64) (time.Time, bool, error) {
	next, err := k.EpochStarts.Get(ctx, epoch+1)
	if errors.Is(err, collections.ErrNotFound) {
		return time.Time{}, false, nil
	}
	if err != nil {
		return time.Time{}, false, err
	}
	return next.StartTime, true, nil
}
