package keeper

import (
	"context"
	"errors"
	"slices"
	"time"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/flockchain/flockd/x/modeltoken/types"
)

// An epoch settles only after its end + attestation_grace + dispute_window.
// Until then governance or a guardian may void any of its usage batches:
// the rows come out of the sums as if never posted, the per-model cap frees
// up again, and every attester of the batch is slashed void_slash_bps and
// jailed.

// DisputeOver reports whether epoch's dispute window has passed, so that it
// may settle.
func (k Keeper) DisputeOver(ctx context.Context, p types.Params, epoch uint64) (bool, error) {
	end, err := k.disputeEnd(ctx, p, epoch)
	if err != nil || end.IsZero() {
		return false, err
	}
	return !sdk.UnwrapSDKContext(ctx).BlockTime().Before(end), nil
}

// disputeEnd is when epoch may settle: its end + attestation_grace +
// dispute_window (zero if it has not ended).
func (k Keeper) disputeEnd(ctx context.Context, p types.Params, epoch uint64) (time.Time, error) {
	end, ok, err := k.EpochEnd(ctx, epoch)
	if err != nil || !ok {
		return time.Time{}, err
	}
	return end.Add(p.AttestationGrace).Add(p.DisputeWindow), nil
}

// VoidRequest names the batch content to void: Rows (decoded as Users)
// must be its rows if it was applied; ContentHash may be empty when Rows
// name it or the id has a single content.
type VoidRequest struct {
	Epoch       uint64
	BatchID     string
	ContentHash string
	Rows        []types.UsageRow
	Users       []sdk.AccAddress
	Reason      string
}

// VoidBatch voids one content of a batch id for signer, the governance
// authority or a guardian. It returns the attesters it slashed.
func (k Keeper) VoidBatch(ctx context.Context, signer sdk.AccAddress, req VoidRequest) ([]string, error) {
	p, err := k.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	if signer.String() != k.authority && !slices.Contains(p.Guardians, signer.String()) {
		return nil, errorsmod.Wrapf(types.ErrNotGuardian, "%s", signer)
	}
	epoch, batchID, rows, users := req.Epoch, req.BatchID, req.Rows, req.Users
	batch, err := k.voidTarget(ctx, req)
	if err != nil {
		return nil, err
	}
	key := batchKey(batch)
	if batch.Voided {
		return nil, errorsmod.Wrapf(types.ErrBatchVoided, "batch %q of epoch %d", batchID, epoch)
	}
	if err := k.disputeOpen(ctx, p, epoch); err != nil {
		return nil, err
	}
	if batch.Applied {
		if got := types.UsageContentHash(batch.Denom, epoch, rows); got != batch.ContentHash {
			return nil, errorsmod.Wrapf(types.ErrContentMismatch, "rows hash to %s, the batch is %s", got, batch.ContentHash)
		}
		if err := k.subtractUsage(ctx, batch, rows, users); err != nil {
			return nil, err
		}
	} else {
		if err := k.PendingRows.Remove(ctx, key); err != nil {
			return nil, err
		}
		if err := k.donePending(ctx, batch); err != nil {
			return nil, err
		}
	}
	if err := k.releaseAttesterSpend(ctx, batch); err != nil {
		return nil, err
	}
	batch.Voided = true
	if err := k.UsageBatches.Set(ctx, key, batch); err != nil {
		return nil, err
	}
	var slashed []string
	for _, a := range batch.Attesters {
		if slices.Contains(batch.Equivocators, a) {
			continue // already slashed for this batch
		}
		// A void slashes an attester once per jail: while jailed (by an
		// earlier void or an equivocation) it cannot sign, and only
		// governance reinstates it. So one guardian key, honest or not,
		// takes at most void_slash_bps of an attester's bond before
		// governance has looked at it (docs: the module README's trust model).
		if bond, err := k.bondOf(ctx, a); err != nil {
			return nil, err
		} else if bond.Jailed {
			continue
		}
		if _, err := k.slashAttester(ctx, p, a, p.VoidSlashBps, batch.OpenedAt, types.AttestationEvidence{
			Epoch: epoch, BatchId: batchID, Kind: types.EvidenceVoid, ContentHash: batch.ContentHash,
		}); err != nil {
			return nil, err
		}
		slashed = append(slashed, a)
	}
	return slashed, emitBatchVoided(ctx, batch, signer, req.Reason)
}

// voidTarget finds the content of req's batch id to void: the one named by
// its hash, else the one its rows hash to, else the id's only content.
func (k Keeper) voidTarget(ctx context.Context, req VoidRequest) (types.UsageBatch, error) {
	all, err := k.batchCandidates(ctx, req.Epoch, req.BatchID)
	if err != nil {
		return types.UsageBatch{}, err
	}
	if len(all) == 0 {
		return types.UsageBatch{}, errorsmod.Wrapf(types.ErrUnknownBatch, "batch %q of epoch %d", req.BatchID, req.Epoch)
	}
	for _, b := range all {
		switch {
		case req.ContentHash != "":
			if b.ContentHash == req.ContentHash {
				return b, nil
			}
		case len(req.Rows) > 0:
			if types.UsageContentHash(b.Denom, req.Epoch, req.Rows) == b.ContentHash {
				return b, nil
			}
		case len(all) == 1:
			return b, nil
		}
	}
	switch {
	case req.ContentHash != "":
		return types.UsageBatch{}, errorsmod.Wrapf(types.ErrUnknownBatch, "batch %q of epoch %d has no content %s", req.BatchID, req.Epoch, req.ContentHash)
	case len(req.Rows) > 0:
		return types.UsageBatch{}, errorsmod.Wrapf(types.ErrContentMismatch, "the rows match no content of batch %q of epoch %d", req.BatchID, req.Epoch)
	default:
		return types.UsageBatch{}, errorsmod.Wrapf(types.ErrInvalidBatch, "batch %q of epoch %d has %d contents: name one with content_hash or its rows", req.BatchID, req.Epoch, len(all))
	}
}

// disputeOpen: a batch of epoch may be voided only after the epoch has
// ended (its usage is what is disputed, and a guardian cannot erase a
// running epoch) and until its dispute window closes, whether or not its
// settlement has started: a void during a settlement spread over several
// blocks would change a model already sealed.
func (k Keeper) disputeOpen(ctx context.Context, p types.Params, epoch uint64) error {
	if settled, err := k.nextSettle(ctx); err != nil {
		return err
	} else if epoch < settled {
		return errorsmod.Wrapf(types.ErrEpochSealed, "epoch %d is settled: its dispute window has passed", epoch)
	}
	end, err := k.disputeEnd(ctx, p, epoch)
	if err != nil {
		return err
	}
	if end.IsZero() {
		return errorsmod.Wrapf(types.ErrEpochRunning, "epoch %d", epoch)
	}
	if !sdk.UnwrapSDKContext(ctx).BlockTime().Before(end) {
		return errorsmod.Wrapf(types.ErrEpochSealed, "the dispute window of epoch %d closed at %s", epoch, end)
	}
	return nil
}

// releaseAttesterSpend gives the opener of a voided batch its share back.
func (k Keeper) releaseAttesterSpend(ctx context.Context, b types.UsageBatch) error {
	opener, err := k.addressCodec.StringToBytes(b.Attesters[0])
	if err != nil {
		return err
	}
	key := collections.Join3(b.Epoch, b.Denom, sdk.AccAddress(opener))
	spent, err := k.AttesterSpend.Get(ctx, key)
	if errors.Is(err, collections.ErrNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	if spent <= b.TotalSpend {
		return k.AttesterSpend.Remove(ctx, key)
	}
	return k.AttesterSpend.Set(ctx, key, spent-b.TotalSpend)
}

// subtractUsage takes an applied batch's rows back out of the per-user
// records, the model's sums and the epoch total: O(rows), the inverse of
// applyUsage. A user left with no spend loses the record and its reward
// entry.
func (k Keeper) subtractUsage(ctx context.Context, b types.UsageBatch, rows []types.UsageRow, users []sdk.AccAddress) error {
	mkey := collections.Join(b.Epoch, b.Denom)
	mu, err := k.ModelUsages.Get(ctx, mkey)
	if err != nil {
		return err
	}
	for i, r := range rows {
		ukey := collections.Join3(b.Epoch, b.Denom, users[i])
		rec, err := k.UsageByUser.Get(ctx, ukey)
		if err != nil {
			return err
		}
		if rec.Spend < r.Spend {
			return errorsmod.Wrapf(types.ErrInvalidBatch, "user %s has %d of spend, the batch %d", r.User, rec.Spend, r.Spend)
		}
		if err := addTerms(&mu, rec, -1); err != nil {
			return err
		}
		rec.Spend -= r.Spend
		if rec.Spend == 0 {
			mu.Users--
			if err := k.UsageByUser.Remove(ctx, ukey); err != nil {
				return err
			}
			if err := k.RewardIndex.Remove(ctx, collections.Join3(users[i], b.Epoch, b.Denom)); err != nil {
				return err
			}
			continue
		}
		if err := addTerms(&mu, rec, +1); err != nil {
			return err
		}
		if err := k.UsageByUser.Set(ctx, ukey, rec); err != nil {
			return err
		}
	}
	total := math.NewIntFromUint64(b.TotalSpend)
	mu.TotalSpend = mu.TotalSpend.Sub(total)
	mu.Batches--
	if mu.Users == 0 && mu.TotalSpend.IsZero() {
		err = k.ModelUsages.Remove(ctx, mkey)
	} else {
		err = k.ModelUsages.Set(ctx, mkey, mu)
	}
	if err != nil {
		return err
	}
	epochTotal, err := k.EpochUsage.Get(ctx, b.Epoch)
	if err != nil {
		return err
	}
	return k.EpochUsage.Set(ctx, b.Epoch, epochTotal.Sub(total))
}
