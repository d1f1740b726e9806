package keeper

import (
	"context"
	"errors"
	"time"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/flockchain/flockd/x/modeltoken/types"
)

// The epoch clock and the rules relative to it, in one place: when an epoch
// starts (AdvanceEpoch), when it ended (EpochEnd), and when its usage is
// sealed (UsageSealed: end + attestation_grace), after which reward
// settlement may run and no attestation for it is accepted.

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

// UsageSealed reports whether epoch's usage can no longer change: it ended
// at least attestation_grace ago.
func (k Keeper) UsageSealed(ctx context.Context, p types.Params, epoch uint64) (bool, error) {
	end, ended, err := k.EpochEnd(ctx, epoch)
	if err != nil || !ended {
		return false, err
	}
	return !sdk.UnwrapSDKContext(ctx).BlockTime().Before(end.Add(p.AttestationGrace)), nil
}

// usageWindowOpen: usage for epoch e is accepted from e's start until e's
// end plus attestation_grace; later the epoch's usage is sealed.
func (k Keeper) usageWindowOpen(ctx context.Context, p types.Params, epoch uint64) error {
	cur, err := k.GetEpoch(ctx)
	if err != nil {
		return err
	}
	if epoch == 0 || epoch > cur.Number {
		return errorsmod.Wrapf(types.ErrEpochNotOpen, "epoch %d (current %d)", epoch, cur.Number)
	}
	// A settled epoch is sealed whatever its recorded end (the start of an
	// expired epoch is removed, so EpochEnd alone could not tell).
	if next, err := k.nextSettle(ctx); err != nil {
		return err
	} else if epoch < next {
		return errorsmod.Wrapf(types.ErrEpochSealed, "epoch %d is settled", epoch)
	}
	sealed, err := k.UsageSealed(ctx, p, epoch)
	if err != nil {
		return err
	}
	if sealed {
		return errorsmod.Wrapf(types.ErrEpochSealed, "epoch %d", epoch)
	}
	return nil
}

// sdkBlockTime is the block time (consensus time; never the wall clock).
func sdkBlockTime(ctx context.Context) time.Time {
	return sdk.UnwrapSDKContext(ctx).BlockTime()
}
