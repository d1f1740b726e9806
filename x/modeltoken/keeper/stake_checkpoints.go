package keeper

import (
	"context"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"

	"github.com/flockchain/flockd/x/modeltoken/types"
)

// A finished epoch is final: settlement of epoch e reads the model's
// counted stake total S(e) as it stood when e ended, however late it runs.
// The model's stake record rolls lazily (counted_stake.go) and remembers
// only the epoch before its current one, while epoch e settles after its
// grace and dispute window, two or more epochs later. So before a record
// rolls past an epoch it is kept as a checkpoint under (denom,
// counted_epoch); ModelCountedAt on the newest checkpoint at or before e
// then gives S(e): counted_total for e itself, total_staked for the quiet
// epochs after it (nothing changed in them). One write per model per epoch
// in which its stake changes; checkpoints no unsettled epoch can read are
// pruned as new ones are written, so a model keeps at most one checkpoint
// more than it has unsettled epochs with stake changes.

// rollModelStakeKept rolls ms to epoch, first checkpointing the record it
// rolls away from.
func (k Keeper) rollModelStakeKept(ctx context.Context, ms *types.ModelStake, epoch uint64) error {
	if ms.CountedEpoch >= epoch {
		return nil
	}
	if err := k.StakeCheckpoints.Set(ctx, collections.Join(ms.Denom, ms.CountedEpoch), *ms); err != nil {
		return err
	}
	if err := k.pruneStakeCheckpoints(ctx, ms.Denom); err != nil {
		return err
	}
	rollModelStake(ms, epoch)
	return nil
}

// pruneStakeCheckpoints removes denom's checkpoints that no unsettled
// epoch reads: a checkpoint is needed for epochs from its own up to the
// next checkpoint's, so it goes once the next one is at or before the
// oldest unsettled epoch. Amortised O(1): each checkpoint is removed once.
func (k Keeper) pruneStakeCheckpoints(ctx context.Context, denom string) error {
	oldest, err := k.nextSettle(ctx)
	if err != nil {
		return err
	}
	var stale []collections.Pair[string, uint64]
	var prev *collections.Pair[string, uint64]
	err = k.StakeCheckpoints.Walk(ctx, collections.NewPrefixedPairRange[string, uint64](denom),
		func(key collections.Pair[string, uint64], _ types.ModelStake) (bool, error) {
			if key.K2() > oldest {
				return true, nil
			}
			if prev != nil {
				stale = append(stale, *prev)
			}
			prev = &key
			return false, nil
		})
	if err != nil {
		return err
	}
	for _, key := range stale {
		if err := k.StakeCheckpoints.Remove(ctx, key); err != nil {
			return err
		}
	}
	return nil
}

// StakeTotalAt is the model's counted stake total S(e) for epoch e, as it
// stood at e's end (or now, for the current epoch). The live record
// answers for its own epoch and the one before; an older epoch is read
// from the newest checkpoint at or before it.
func (k Keeper) StakeTotalAt(ctx context.Context, denom string, e uint64) (math.Int, error) {
	ms, err := k.getModelStake(ctx, denom)
	if err != nil {
		return math.Int{}, err
	}
	if e+1 >= ms.CountedEpoch {
		return ModelCountedAt(ms, e), nil
	}
	rng := collections.NewPrefixedPairRange[string, uint64](denom).EndInclusive(e).Descending()
	iter, err := k.StakeCheckpoints.Iterate(ctx, rng)
	if err != nil {
		return math.Int{}, err
	}
	defer iter.Close()
	if !iter.Valid() {
		// No checkpoint at or before e: the record has not moved since
		// before e (state written before checkpoints existed reads as it
		// did then).
		return ModelCountedAt(ms, e), nil
	}
	cp, err := iter.Value()
	if err != nil {
		return math.Int{}, err
	}
	return ModelCountedAt(cp, e), nil
}
