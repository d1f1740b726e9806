package keeper

import (
	"context"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/flockchain/flockd/x/modeltoken/internal/storeread"
	"github.com/flockchain/flockd/x/modeltoken/types"
)

// Batches waiting for their quorum are bounded three ways, so an attester
// below quorum cannot grow state or begin-block work with them (the share
// cap bounds the spend a key opens, not how many batches: at 1 micro-USD a
// batch it could open any number):
//
//   - count: an attester has at most MaxPendingBatchesPerAttester batches
//     of one (epoch, model) waiting at a time;
//   - lifetime: once an epoch's usage is sealed no confirmation can apply a
//     pending batch, so its rows are dropped then, by a bounded begin-block
//     sweep (the batch record stays, for voids and queries, until expiry);
//   - deletion: every key an epoch leaves behind is removed by the expiry
//     sweep under MaxExpiryKeysPerBlock (reward_expiry.go).

// MaxPendingBatchesPerAttester bounds the batches one attester has waiting
// for their quorum per (epoch, model). An honest opener's batches are
// confirmed within minutes by the other attesters, so far fewer wait at a
// time; 100 of max_rows_per_batch rows each is still a day's usage of a
// large model.
const MaxPendingBatchesPerAttester = 100

// MaxPendingDropsPerBlock bounds the keys the sealed-pending sweep removes
// per block.
const MaxPendingDropsPerBlock = 1000

func pendingCountKey(b types.UsageBatch, opener sdk.AccAddress) collections.Triple[uint64, string, sdk.AccAddress] {
	return collections.Join3(b.Epoch, b.Denom, opener)
}

// checkPendingCap refuses a batch opener would leave waiting past the cap;
// it writes nothing, so the submission is refused before any write.
func (k Keeper) checkPendingCap(ctx context.Context, b types.UsageBatch, opener sdk.AccAddress) (uint64, error) {
	n, err := storeread.GetOr(ctx, k.PendingCounts, pendingCountKey(b, opener), func() uint64 { return 0 })
	if err != nil {
		return 0, err
	}
	if n >= MaxPendingBatchesPerAttester {
		return n, errorsmod.Wrapf(types.ErrTooManyPending, "%s has %d batches of %s epoch %d waiting (at most %d)", opener, n, b.Denom, b.Epoch, MaxPendingBatchesPerAttester)
	}
	return n, nil
}

// addPending counts a batch opener leaves waiting.
func (k Keeper) addPending(ctx context.Context, b types.UsageBatch, opener sdk.AccAddress) error {
	n, err := k.checkPendingCap(ctx, b, opener)
	if err != nil {
		return err
	}
	return k.PendingCounts.Set(ctx, pendingCountKey(b, opener), n+1)
}

// donePending uncounts a batch that stopped waiting (applied or voided).
func (k Keeper) donePending(ctx context.Context, b types.UsageBatch) error {
	opener, err := k.addressCodec.StringToBytes(b.Attesters[0])
	if err != nil {
		return err
	}
	key := pendingCountKey(b, opener)
	n, err := storeread.GetOr(ctx, k.PendingCounts, key, func() uint64 { return 0 })
	if err != nil || n == 0 {
		return err
	}
	if n == 1 {
		return k.PendingCounts.Remove(ctx, key)
	}
	return k.PendingCounts.Set(ctx, key, n-1)
}

// DropSealedPendingStep removes, up to budget keys, the rows and counts of
// batches still waiting for a quorum in epochs whose usage is sealed: they
// can never apply. Keys are ordered by epoch, so the walk stops at the
// first epoch still open.
func (k Keeper) DropSealedPendingStep(ctx context.Context, budget int) error {
	p, err := k.Params.Get(ctx)
	if err != nil {
		return err
	}
	sealedCache := map[uint64]bool{}
	sealed := func(e uint64) (bool, error) {
		if s, ok := sealedCache[e]; ok {
			return s, nil
		}
		s, err := k.usageClosed(ctx, p, e)
		sealedCache[e] = s
		return s, err
	}
	n, err := dropWhile(ctx, k.PendingRows, func(key BatchKey) uint64 { return key.K1() }, sealed, budget)
	if err != nil {
		return err
	}
	_, err = dropWhile(ctx, k.PendingCounts, func(key collections.Triple[uint64, string, sdk.AccAddress]) uint64 { return key.K1() }, sealed, budget-n)
	return err
}

// dropWhile removes up to budget keys of m from its start while closed
// holds for their epoch, and returns how many it removed.
func dropWhile[K, V any](ctx context.Context, m collections.Map[K, V], epochOf func(K) uint64, closed func(uint64) (bool, error), budget int) (int, error) {
	return removeUpTo(ctx, m, nil, func(key K) (bool, error) { return closed(epochOf(key)) }, budget)
}

// usageClosed reports whether no batch of epoch can be applied any more:
// its usage is sealed, or it is settled (an expired epoch has no start).
func (k Keeper) usageClosed(ctx context.Context, p types.Params, epoch uint64) (bool, error) {
	next, err := k.nextSettle(ctx)
	if err != nil {
		return false, err
	}
	if epoch < next {
		return true, nil
	}
	return k.UsageSealed(ctx, p, epoch)
}

// clearUpTo removes up to budget keys of m in rng and returns how many it
// removed.
func clearUpTo[K, V any](ctx context.Context, m collections.Map[K, V], rng collections.Ranger[K], budget int) (int, error) {
	return removeUpTo(ctx, m, rng, func(K) (bool, error) { return true, nil }, budget)
}

// removeUpTo walks m in rng and removes up to budget keys, stopping at the
// first key for which take is false; it returns how many it removed.
func removeUpTo[K, V any](ctx context.Context, m collections.Map[K, V], rng collections.Ranger[K], take func(K) (bool, error), budget int) (int, error) {
	if budget <= 0 {
		return 0, nil
	}
	var keys []K
	if err := m.Walk(ctx, rng, func(key K, _ V) (bool, error) {
		ok, err := take(key)
		if err != nil || !ok {
			return true, err
		}
		keys = append(keys, key)
		return len(keys) >= budget, nil
	}); err != nil {
		return 0, err
	}
	for _, key := range keys {
		if err := m.Remove(ctx, key); err != nil {
			return 0, err
		}
	}
	return len(keys), nil
}

// rebuildPendingCounts derives the pending counts from the batches still
// waiting for their quorum (InitGenesis).
func (k Keeper) rebuildPendingCounts(ctx context.Context) error {
	return k.PendingRows.Walk(ctx, nil, func(key BatchKey, _ types.PendingRows) (bool, error) {
		b, err := k.UsageBatches.Get(ctx, key)
		if err != nil {
			return true, err
		}
		opener, err := k.addressCodec.StringToBytes(b.Attesters[0])
		if err != nil {
			return true, err
		}
		ck := pendingCountKey(b, opener)
		n, err := storeread.GetOr(ctx, k.PendingCounts, ck, func() uint64 { return 0 })
		if err != nil {
			return true, err
		}
		return false, k.PendingCounts.Set(ctx, ck, n+1)
	})
}
