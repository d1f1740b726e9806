package keeper

import (
	"context"

	"cosmossdk.io/collections"

	"github.com/flockchain/flockd/x/modeltoken/types"
)

// BatchKey names one content of a usage batch: (epoch, batch_id,
// content_hash). A batch id does not own its content: whoever posts first
// cannot decide what the id means. Rival contents of one id are separate
// candidates, each gathering its own quorum; the first to reach it is
// applied and the others can no longer be confirmed. So an attester below
// quorum that takes an id with junk rows delays nothing (the honest content
// opens its own candidate under the same id), and a void of the junk does
// not burn the id for the honest content.
type BatchKey = collections.Triple[uint64, string, string]

// batchKeyCodec encodes a BatchKey: the epoch big-endian first, so an
// epoch's batches are one prefix range (expiry, listing by epoch).
var batchKeyCodec = collections.TripleKeyCodec(collections.Uint64Key, collections.StringKey, collections.StringKey)

// batchKey is b's key.
func batchKey(b types.UsageBatch) BatchKey {
	return collections.Join3(b.Epoch, b.BatchId, b.ContentHash)
}

// batchCandidates returns every content posted under (epoch, batchID), in
// content-hash order. There are at most as many as attesters that opened
// one: an attester that signs a second content of an id equivocates and is
// jailed, so it cannot open a third.
func (k Keeper) batchCandidates(ctx context.Context, epoch uint64, batchID string) ([]types.UsageBatch, error) {
	var out []types.UsageBatch
	rng := collections.NewSuperPrefixedTripleRange[uint64, string, string](epoch, batchID)
	err := k.UsageBatches.Walk(ctx, rng, func(_ BatchKey, b types.UsageBatch) (bool, error) {
		out = append(out, b)
		return false, nil
	})
	return out, err
}
