package keeper

import (
	"context"
	"errors"
	"slices"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/flockchain/flockd/x/modeltoken/internal/storeread"
	"github.com/flockchain/flockd/x/modeltoken/types"
)

// UsageSubmission is a decoded, statelessly checked MsgSubmitUsage: Users[i]
// is Rows[i].User decoded, Total the sum of the rows' spend.
type UsageSubmission struct {
	Epoch       uint64
	Denom       string
	BatchID     string
	ContentHash string
	Rows        []types.UsageRow
	Users       []sdk.AccAddress
	Total       uint64
}

// CheckUsageRows is the stateless check of a batch's rows: every user a
// valid address, no user twice (compared as bytes, so an upper-case
// spelling of the same address is a duplicate), every spend positive, and
// a total that fits in 64 bits. It returns the decoded users and the total.
func (k Keeper) CheckUsageRows(rows []types.UsageRow) ([]sdk.AccAddress, uint64, error) {
	users := make([]sdk.AccAddress, len(rows))
	seen := make(map[string]struct{}, len(rows))
	var total uint64
	for i, r := range rows {
		user, err := k.addressCodec.StringToBytes(r.User)
		if err != nil || len(user) == 0 {
			return nil, 0, errorsmod.Wrapf(types.ErrInvalidBatch, "row %d: user %q: %v", i, r.User, err)
		}
		if r.Spend == 0 {
			return nil, 0, errorsmod.Wrapf(types.ErrInvalidBatch, "row %d: zero spend", i)
		}
		if _, dup := seen[string(user)]; dup {
			return nil, 0, errorsmod.Wrapf(types.ErrInvalidBatch, "row %d: user %s appears twice", i, r.User)
		}
		seen[string(user)] = struct{}{}
		if total+r.Spend < total {
			return nil, 0, errorsmod.Wrapf(types.ErrInvalidBatch, "row %d: batch total overflows", i)
		}
		total += r.Spend
		users[i] = user
	}
	return users, total, nil
}

// SubmitUsage posts or confirms a usage batch. The whole batch is checked
// before anything is written, so a bad row rejects the batch and changes
// nothing.
//
// Quorum: a content of batch (epoch, batch_id) is opened by its first
// submission, which fixes its quorum (the attestation_quorum at that
// moment). Each further attester submits the same content (rows or just the
// hash). When `quorum` distinct attesters agree, the rows are applied, in
// that transaction. With quorum 1 they apply at once and are never stored
// as pending.
//
// Rival contents: a batch id does not belong to its first poster. Another
// content under a taken id opens a rival candidate (batch_keys.go), so
// junk posted first by a key below quorum blocks nothing. Once one content
// of an id is applied, every other is refused with ErrContentMismatch.
//
// Ids are scoped per model (loadBatchID). An attester that signs two
// contents of one model's id equivocates: it is slashed
// and jailed, the call succeeds (so the slash is kept) without counting the
// submission, and the outcome says Equivocation. Dissent (a content the
// signer never contradicted) is never slashed.
func (k Keeper) SubmitUsage(ctx context.Context, attester sdk.AccAddress, sub UsageSubmission) (UsageOutcome, error) {
	b, equivocation, err := k.submitUsage(ctx, attester, sub)
	return UsageOutcome{Batch: b, Equivocation: equivocation}, err
}

// UsageOutcome is what one submission did: the batch as it stands after it,
// and whether the submission was an equivocation (slashed, not counted).
type UsageOutcome struct {
	Batch        types.UsageBatch
	Equivocation bool
}

// batchID is the candidates of one model's batch id and the one a
// submission names.
type batchID struct {
	all     []types.UsageBatch
	target  types.UsageBatch // the candidate with the submission's content
	exists  bool             // whether target was posted before
	applied *types.UsageBatch
}

// loadBatchID reads the contents posted under (epoch, id) for denom. Ids
// are scoped per model: an attester that numbers its batches per model
// posts batch "1" on two models without either seeing the other (their
// contents differ, since the content hash covers the denom).
func (k Keeper) loadBatchID(ctx context.Context, epoch uint64, denom, id, hash string) (batchID, error) {
	candidates, err := k.batchCandidates(ctx, epoch, id)
	if err != nil {
		return batchID{}, err
	}
	all := slices.DeleteFunc(candidates, func(b types.UsageBatch) bool { return b.Denom != denom })
	out := batchID{all: all}
	for i := range all {
		if all[i].ContentHash == hash {
			out.target, out.exists = all[i], true
		}
		if all[i].Applied {
			out.applied = &all[i]
		}
	}
	return out, nil
}

func (k Keeper) submitUsage(ctx context.Context, attester sdk.AccAddress, sub UsageSubmission) (types.UsageBatch, bool, error) {
	sdkCtx := sdk.UnwrapSDKContext(ctx)
	p, err := k.Params.Get(ctx)
	if err != nil {
		return types.UsageBatch{}, false, err
	}
	attesterStr := attester.String()
	if !slices.Contains(p.Attesters, attesterStr) {
		return types.UsageBatch{}, false, errorsmod.Wrapf(types.ErrNotAttester, "%s", attesterStr)
	}
	if len(sub.Rows) > int(p.MaxRowsPerBatch) {
		return types.UsageBatch{}, false, errorsmod.Wrapf(types.ErrInvalidBatch, "%d rows, at most %d", len(sub.Rows), p.MaxRowsPerBatch)
	}
	if err := k.liveModelToken(ctx, sub.Denom); err != nil {
		return types.UsageBatch{}, false, err
	}

	// Content: the rows (hashed) or, to confirm, just a hash.
	hash := sub.ContentHash
	if len(sub.Rows) > 0 {
		hash = types.UsageContentHash(sub.Denom, sub.Epoch, sub.Rows)
		if sub.ContentHash != "" && sub.ContentHash != hash {
			return types.UsageBatch{}, false, errorsmod.Wrapf(types.ErrContentMismatch, "rows hash to %s, message says %s", hash, sub.ContentHash)
		}
	}
	id, err := k.loadBatchID(ctx, sub.Epoch, sub.Denom, sub.BatchID, hash)
	if err != nil {
		return types.UsageBatch{}, false, err
	}
	batch, exists := id.target, id.exists

	// A second submission by the same attester: the same content is a
	// replay (refused whatever the epoch's state); different content is
	// equivocation, slashed once, whenever it is found.
	for _, signed := range id.all {
		if !slices.Contains(signed.Attesters, attesterStr) {
			continue
		}
		if signed.ContentHash == hash || slices.Contains(signed.Equivocators, attesterStr) {
			return types.UsageBatch{}, false, errorsmod.Wrapf(types.ErrDuplicateBatch, "%s already submitted batch %s of epoch %d", attesterStr, sub.BatchID, sub.Epoch)
		}
		if _, err := k.slashAttester(ctx, p, attesterStr, p.EquivocationSlashBps, signed.OpenedAt, types.AttestationEvidence{
			Epoch: sub.Epoch, BatchId: sub.BatchID, Kind: types.EvidenceEquivocation, ContentHash: signed.ContentHash, ConflictingHash: hash,
		}); err != nil {
			return types.UsageBatch{}, false, err
		}
		signed.Equivocators = append(signed.Equivocators, attesterStr)
		return signed, true, k.UsageBatches.Set(ctx, batchKey(signed), signed)
	}
	if !exists && len(sub.Rows) == 0 {
		if len(id.all) > 0 {
			return types.UsageBatch{}, false, errorsmod.Wrapf(types.ErrContentMismatch, "batch %s of epoch %d has no content %s: post the rows to open it", sub.BatchID, sub.Epoch, hash)
		}
		return types.UsageBatch{}, false, errorsmod.Wrap(types.ErrInvalidBatch, "the first submission of a batch must carry its rows")
	}
	if exists && batch.Voided {
		return types.UsageBatch{}, false, errorsmod.Wrapf(types.ErrBatchVoided, "batch %s of epoch %d content %s", sub.BatchID, sub.Epoch, hash)
	}
	if id.applied != nil && id.applied.ContentHash != hash {
		return types.UsageBatch{}, false, errorsmod.Wrapf(types.ErrContentMismatch, "batch %s of epoch %d was applied with content %s", sub.BatchID, sub.Epoch, id.applied.ContentHash)
	}
	if active, err := k.attesterActive(ctx, p, attesterStr); err != nil {
		return types.UsageBatch{}, false, err
	} else if !active {
		return types.UsageBatch{}, false, errorsmod.Wrapf(types.ErrAttesterInactive, "%s (attester_min_bond %s)", attesterStr, p.AttesterMinBond)
	}
	if err := k.usageWindowOpen(ctx, p, sub.Epoch); err != nil {
		return types.UsageBatch{}, false, err
	}

	if exists {
		batch.Attesters = append(batch.Attesters, attesterStr)
		if batch.Applied {
			// Late confirmations of an applied batch are recorded, nothing more.
			return batch, false, k.saveBatch(ctx, p, batch, nil, nil)
		}
	} else {
		if p.AttestationQuorum > 1 { // one signature cannot apply it: it will wait
			if _, err := k.checkPendingCap(ctx, types.UsageBatch{Epoch: sub.Epoch, Denom: sub.Denom}, attester); err != nil {
				return types.UsageBatch{}, false, err
			}
		}
		if err := k.addAttesterSpend(ctx, p, sub.Epoch, sub.Denom, attester, sub.Total); err != nil {
			return types.UsageBatch{}, false, err
		}
		batch = types.UsageBatch{
			Epoch: sub.Epoch, BatchId: sub.BatchID, Denom: sub.Denom, ContentHash: hash,
			RowCount: uint64(len(sub.Rows)), TotalSpend: sub.Total, Quorum: p.AttestationQuorum,
			Attesters: []string{attesterStr}, OpenedAt: sdkCtx.BlockTime(),
		}
	}
	key := batchKey(batch)

	// Only attesters active now count toward the quorum.
	confirmed, err := k.activeCount(ctx, p, batch.Attesters)
	if err != nil {
		return types.UsageBatch{}, false, err
	}
	if confirmed < batch.Quorum {
		if !exists {
			if err := k.addPending(ctx, batch, attester); err != nil {
				return types.UsageBatch{}, false, err
			}
			if err := k.PendingRows.Set(ctx, key, types.PendingRows{Rows: sub.Rows}); err != nil {
				return types.UsageBatch{}, false, err
			}
		}
		return batch, false, k.saveBatch(ctx, p, batch, nil, nil)
	}

	rows, users := sub.Rows, sub.Users
	if exists {
		pending, err := k.PendingRows.Get(ctx, key)
		if err != nil {
			return types.UsageBatch{}, false, err
		}
		rows = pending.Rows
		// Pending rows were checked when the batch was opened.
		if users, _, err = k.CheckUsageRows(rows); err != nil {
			return types.UsageBatch{}, false, err
		}
		if err := k.PendingRows.Remove(ctx, key); err != nil {
			return types.UsageBatch{}, false, err
		}
		if err := k.donePending(ctx, batch); err != nil {
			return types.UsageBatch{}, false, err
		}
	}
	batch.Applied = true
	return batch, false, k.saveBatch(ctx, p, batch, rows, users)
}

// addAttesterSpend adds a batch an attester opens to its spend for the
// (epoch, model), refusing it past max_attester_share_bps of the model's
// per-epoch cap: no single key can fill a model's cap alone.
func (k Keeper) addAttesterSpend(ctx context.Context, p types.Params, epoch uint64, denom string, attester sdk.AccAddress, total uint64) error {
	key := collections.Join3(epoch, denom, attester)
	spent, err := storeread.GetOr(ctx, k.AttesterSpend, key, func() uint64 { return 0 })
	if err != nil {
		return err
	}
	limit := math.NewIntFromUint64(p.MaxModelEpochSpend).MulRaw(int64(p.MaxAttesterShareBps)).QuoRaw(types.BpsDenominator)
	next := math.NewIntFromUint64(spent).Add(math.NewIntFromUint64(total))
	if next.GT(limit) {
		return errorsmod.Wrapf(types.ErrAttesterShare, "%s would open %s micro-USD for %s in epoch %d, at most %s", attester, next, denom, epoch, limit)
	}
	return k.AttesterSpend.Set(ctx, key, next.Uint64())
}

// saveBatch stores the batch, applies rows if given, and emits one event.
func (k Keeper) saveBatch(ctx context.Context, p types.Params, b types.UsageBatch, rows []types.UsageRow, users []sdk.AccAddress) error {
	if rows != nil {
		// The per-row surcharge is paid by the submission that applies the
		// rows (it does the per-row store work): the opener at quorum 1, the
		// confirmer that completes a quorum otherwise.
		sdk.UnwrapSDKContext(ctx).GasMeter().ConsumeGas(p.UsageRowGas*uint64(len(rows)), "usage rows")
		if err := k.applyUsage(ctx, p, b, rows, users); err != nil {
			return err
		}
	}
	if err := k.UsageBatches.Set(ctx, batchKey(b), b); err != nil {
		return err
	}
	return emitUsagePosted(ctx, b)
}

// applyUsage adds a batch's rows to the per-user and per-model totals: O(1)
// store work per row, never a loop over existing users.
func (k Keeper) applyUsage(ctx context.Context, p types.Params, b types.UsageBatch, rows []types.UsageRow, users []sdk.AccAddress) error {
	mkey := collections.Join(b.Epoch, b.Denom)
	mu, err := storeread.GetOr(ctx, k.ModelUsages, mkey, func() types.ModelUsage { return newModelUsage(b.Epoch, b.Denom, floorsFromParams(p)) })
	if err != nil {
		return err
	}
	newTotal := mu.TotalSpend.Add(math.NewIntFromUint64(b.TotalSpend))
	if newTotal.GT(math.NewIntFromUint64(p.MaxModelEpochSpend)) {
		return errorsmod.Wrapf(types.ErrUsageCapExceeded, "%s epoch %d would reach %s micro-USD, cap %d", b.Denom, b.Epoch, newTotal, p.MaxModelEpochSpend)
	}
	for i, r := range rows {
		user := users[i]
		ukey := collections.Join3(b.Epoch, b.Denom, user)
		rec, err := k.UsageByUser.Get(ctx, ukey)
		switch {
		case errors.Is(err, collections.ErrNotFound):
			mu.Users++
			g, err := k.gmSnapshot(ctx, p, b.Epoch, user)
			if err != nil {
				return err
			}
			rec = types.UsageRecord{Gm: g, Stake: math.ZeroInt()}
			if err := k.RewardIndex.Set(ctx, collections.Join3(user, b.Epoch, b.Denom)); err != nil {
				return err
			}
		case err != nil:
			return err
		default:
			if err := addTerms(&mu, rec, -1); err != nil {
				return err
			}
		}
		if rec.Spend+r.Spend < rec.Spend {
			return errorsmod.Wrapf(types.ErrInvalidBatch, "user %s spend overflows", r.User)
		}
		rec.Spend += r.Spend
		if rec.Stake, err = k.countedFor(ctx, user, b.Denom, b.Epoch); err != nil {
			return err
		}
		if err := addTerms(&mu, rec, +1); err != nil {
			return err
		}
		if err := k.UsageByUser.Set(ctx, ukey, rec); err != nil {
			return err
		}
	}
	mu.TotalSpend = newTotal
	mu.Batches++
	if err := k.ModelUsages.Set(ctx, mkey, mu); err != nil {
		return err
	}
	epochTotal, err := storeread.GetOr(ctx, k.EpochUsage, b.Epoch, math.ZeroInt)
	if err != nil {
		return err
	}
	return k.EpochUsage.Set(ctx, b.Epoch, epochTotal.Add(math.NewIntFromUint64(b.TotalSpend)))
}
