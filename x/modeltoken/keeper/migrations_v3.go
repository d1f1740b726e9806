package keeper

import (
	"context"
	"strconv"

	"cosmossdk.io/collections"

	storetypes "github.com/cosmos/cosmos-sdk/store/v2/types"

	"github.com/flockchain/flockd/x/modeltoken/types"
)

// Migrate2to3 re-keys usage batches and their pending rows from (epoch,
// batch_id) to (epoch, batch_id, content_hash) (batch_keys.go). Nothing
// else changes: every stored batch keeps its record and its rows. It reads
// and rewrites every batch not yet expired, a one-time cost of the upgrade.
//
// Ids are now printable ASCII (types.CheckBatchID): a non-final string key cannot
// hold a NUL byte, and collections v1.4.0 drops the continuation bytes of a
// multi-byte character in one (it copies a string's bytes with a range
// loop, which steps over runes). A legacy id outside printable ASCII is
// stored spelled as a Go string literal without its quotes (strconv.
// QuoteToASCII: "nul\x00id"); ids are labels, and voids and queries then
// use that spelling.
func (m Migrator) Migrate2to3(ctx context.Context) error {
	k := m.k
	legacyKey := collections.PairKeyCodec(collections.Uint64Key, collections.StringKey)
	type legacyBatch struct {
		raw []byte
		b   types.UsageBatch
	}
	var batches []legacyBatch
	hashOf := map[string]string{} // legacy raw key suffix -> content hash
	if err := k.walkRaw(ctx, types.UsageBatchesKey, func(suffix, value []byte) error {
		var b types.UsageBatch
		if err := b.Unmarshal(value); err != nil {
			return err
		}
		batches = append(batches, legacyBatch{raw: suffix, b: b})
		hashOf[string(suffix)] = b.ContentHash
		return nil
	}); err != nil {
		return err
	}
	type legacyRows struct {
		raw []byte
		r   types.PendingRows
	}
	var pending []legacyRows
	if err := k.walkRaw(ctx, types.PendingRowsKey, func(suffix, value []byte) error {
		var r types.PendingRows
		if err := r.Unmarshal(value); err != nil {
			return err
		}
		pending = append(pending, legacyRows{raw: suffix, r: r})
		return nil
	}); err != nil {
		return err
	}
	store := k.storeService.OpenKVStore(ctx)
	for _, lb := range batches {
		if err := store.Delete(append(types.UsageBatchesKey.Bytes(), lb.raw...)); err != nil {
			return err
		}
		lb.b.BatchId = keySafeID(lb.b.BatchId)
		if err := k.UsageBatches.Set(ctx, batchKey(lb.b), lb.b); err != nil {
			return err
		}
	}
	for _, lr := range pending {
		_, key, err := legacyKey.Decode(lr.raw)
		if err != nil {
			return err
		}
		if err := store.Delete(append(types.PendingRowsKey.Bytes(), lr.raw...)); err != nil {
			return err
		}
		hash, ok := hashOf[string(lr.raw)]
		if !ok {
			continue // rows of no batch: nothing could ever apply them
		}
		if err := k.PendingRows.Set(ctx, collections.Join3(key.K1(), keySafeID(key.K2()), hash), lr.r); err != nil {
			return err
		}
	}
	return nil
}

// keySafeID spells a legacy batch id in printable ASCII.
func keySafeID(id string) string {
	if types.PrintableASCII(id) {
		return id
	}
	q := strconv.QuoteToASCII(id)
	return q[1 : len(q)-1]
}

// walkRaw calls fn with the key (after prefix) and value of every entry
// under prefix, after iterating (fn may not write the store).
func (k Keeper) walkRaw(ctx context.Context, prefix collections.Prefix, fn func(suffix, value []byte) error) error {
	p := prefix.Bytes()
	it, err := k.storeService.OpenKVStore(ctx).Iterator(p, storetypes.PrefixEndBytes(p))
	if err != nil {
		return err
	}
	type kv struct{ k, v []byte }
	var all []kv
	for ; it.Valid(); it.Next() {
		all = append(all, kv{append([]byte(nil), it.Key()[len(p):]...), append([]byte(nil), it.Value()...)})
	}
	if err := it.Close(); err != nil {
		return err
	}
	for _, e := range all {
		if err := fn(e.k, e.v); err != nil {
			return err
		}
	}
	return nil
}
