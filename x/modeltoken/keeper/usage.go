package keeper

import (
	"context"
	"errors"
	"strconv"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/flockchain/flockd/x/modeltoken/types"
)

// SubmitUsage posts or confirms a usage batch. The whole batch is checked
// before anything is written, so a bad row rejects the batch and changes
// nothing.
//
// Quorum: the batch (epoch, batch_id) is opened by its first submission,
// which fixes its content hash and its quorum (the attestation_quorum at
// that moment). Each further attester must submit the same content (rows
// or just the hash). When `quorum` distinct attesters agree, the rows are
// applied, in that transaction. With quorum 1 they apply at once and are
// never stored as pending.
func (k Keeper) SubmitUsage(ctx context.Context, msg *types.MsgSubmitUsage) (*types.MsgSubmitUsageResponse, error) {
	sdkCtx := sdk.UnwrapSDKContext(ctx)
	if _, err := k.decodeAddr("attester", msg.Attester); err != nil {
		return nil, err
	}
	p, err := k.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	if !isAttester(p, msg.Attester) {
		return nil, errorsmod.Wrapf(types.ErrNotAttester, "%s", msg.Attester)
	}
	if msg.BatchId == "" || len(msg.BatchId) > 128 {
		return nil, errorsmod.Wrap(types.ErrInvalidBatch, "batch_id must be 1-128 bytes")
	}
	if err := k.liveModelToken(ctx, msg.Denom); err != nil {
		return nil, err
	}
	if err := k.usageWindowOpen(ctx, p, msg.Epoch); err != nil {
		return nil, err
	}
	key := collections.Join(msg.Epoch, msg.BatchId)
	batch, err := k.UsageBatches.Get(ctx, key)
	exists := err == nil
	if err != nil && !errors.Is(err, collections.ErrNotFound) {
		return nil, err
	}

	// Content: the rows (validated and hashed) or, to confirm, just a hash.
	var hash string
	var total uint64
	if len(msg.Rows) > 0 {
		if total, err = k.validateRows(p, msg.Rows); err != nil {
			return nil, err
		}
		hash = types.UsageContentHash(msg.Denom, msg.Epoch, msg.Rows)
		if msg.ContentHash != "" && msg.ContentHash != hash {
			return nil, errorsmod.Wrapf(types.ErrContentMismatch, "rows hash to %s, message says %s", hash, msg.ContentHash)
		}
		sdkCtx.GasMeter().ConsumeGas(p.UsageRowGas*uint64(len(msg.Rows)), "usage rows")
	} else {
		if !exists {
			return nil, errorsmod.Wrap(types.ErrInvalidBatch, "the first submission of a batch must carry its rows")
		}
		hash = msg.ContentHash
	}

	if exists {
		if batch.Denom != msg.Denom || batch.ContentHash != hash {
			return nil, errorsmod.Wrapf(types.ErrContentMismatch, "batch %s of epoch %d has content %s", msg.BatchId, msg.Epoch, batch.ContentHash)
		}
		for _, a := range batch.Attesters {
			if a == msg.Attester {
				return nil, errorsmod.Wrapf(types.ErrDuplicateBatch, "%s already submitted batch %s of epoch %d", msg.Attester, msg.BatchId, msg.Epoch)
			}
		}
		if batch.Applied {
			// Late confirmations of an applied batch are recorded, nothing more.
			batch.Attesters = append(batch.Attesters, msg.Attester)
			return k.saveBatch(ctx, key, batch, nil)
		}
		batch.Attesters = append(batch.Attesters, msg.Attester)
	} else {
		batch = types.UsageBatch{
			Epoch: msg.Epoch, BatchId: msg.BatchId, Denom: msg.Denom, ContentHash: hash,
			RowCount: uint64(len(msg.Rows)), TotalSpend: total, Quorum: p.AttestationQuorum,
			Attesters: []string{msg.Attester}, OpenedAt: sdkCtx.BlockTime(),
		}
	}

	if uint32(len(batch.Attesters)) < batch.Quorum {
		if !exists {
			if err := k.PendingRows.Set(ctx, key, types.PendingRows{Rows: msg.Rows}); err != nil {
				return nil, err
			}
		}
		return k.saveBatch(ctx, key, batch, nil)
	}

	rows := msg.Rows
	if exists {
		pending, err := k.PendingRows.Get(ctx, key)
		if err != nil {
			return nil, err
		}
		rows = pending.Rows
		if err := k.PendingRows.Remove(ctx, key); err != nil {
			return nil, err
		}
	}
	batch.Applied = true
	return k.saveBatch(ctx, key, batch, rows)
}

// saveBatch stores the batch, applies rows if given, and emits one event.
func (k Keeper) saveBatch(ctx context.Context, key collections.Pair[uint64, string], b types.UsageBatch, rows []types.UsageRow) (*types.MsgSubmitUsageResponse, error) {
	if rows != nil {
		if err := k.applyUsage(ctx, b, rows); err != nil {
			return nil, err
		}
	}
	if err := k.UsageBatches.Set(ctx, key, b); err != nil {
		return nil, err
	}
	sdk.UnwrapSDKContext(ctx).EventManager().EmitEvent(sdk.NewEvent(types.EventUsageBatch,
		sdk.NewAttribute(types.AttrEpoch, strconv.FormatUint(b.Epoch, 10)),
		sdk.NewAttribute(types.AttrBatchID, b.BatchId),
		sdk.NewAttribute(types.AttrDenom, b.Denom),
		sdk.NewAttribute(types.AttrAttester, b.Attesters[len(b.Attesters)-1]),
		sdk.NewAttribute(types.AttrRows, strconv.FormatUint(b.RowCount, 10)),
		sdk.NewAttribute(types.AttrTotalSpend, strconv.FormatUint(b.TotalSpend, 10)),
		sdk.NewAttribute(types.AttrContentHash, b.ContentHash),
		sdk.NewAttribute(types.AttrConfirmations, strconv.Itoa(len(b.Attesters))),
		sdk.NewAttribute(types.AttrApplied, strconv.FormatBool(b.Applied)),
	))
	return &types.MsgSubmitUsageResponse{ContentHash: b.ContentHash, Confirmations: uint32(len(b.Attesters)), Applied: b.Applied}, nil
}

func isAttester(p types.Params, addr string) bool {
	for _, a := range p.Attesters {
		if a == addr {
			return true
		}
	}
	return false
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
	sealed, err := k.UsageSealed(ctx, p, epoch)
	if err != nil {
		return err
	}
	if sealed {
		return errorsmod.Wrapf(types.ErrEpochSealed, "epoch %d", epoch)
	}
	return nil
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

// validateRows checks every row and returns the batch total. Rows are
// checked in full before any write: one bad row rejects the batch.
func (k Keeper) validateRows(p types.Params, rows []types.UsageRow) (uint64, error) {
	if len(rows) > int(p.MaxRowsPerBatch) {
		return 0, errorsmod.Wrapf(types.ErrInvalidBatch, "%d rows, at most %d", len(rows), p.MaxRowsPerBatch)
	}
	seen := make(map[string]struct{}, len(rows))
	var total uint64
	for i, r := range rows {
		if _, err := k.addressCodec.StringToBytes(r.User); err != nil {
			return 0, errorsmod.Wrapf(types.ErrInvalidBatch, "row %d: user %q: %v", i, r.User, err)
		}
		if r.Spend == 0 {
			return 0, errorsmod.Wrapf(types.ErrInvalidBatch, "row %d: zero spend", i)
		}
		if _, dup := seen[r.User]; dup {
			return 0, errorsmod.Wrapf(types.ErrInvalidBatch, "row %d: user %s appears twice", i, r.User)
		}
		seen[r.User] = struct{}{}
		if total+r.Spend < total {
			return 0, errorsmod.Wrapf(types.ErrInvalidBatch, "row %d: batch total overflows", i)
		}
		total += r.Spend
	}
	return total, nil
}

// applyUsage adds a batch's rows to the per-user and per-model totals: O(1)
// store work per row, never a loop over existing users.
func (k Keeper) applyUsage(ctx context.Context, b types.UsageBatch, rows []types.UsageRow) error {
	p, err := k.Params.Get(ctx)
	if err != nil {
		return err
	}
	mkey := collections.Join(b.Epoch, b.Denom)
	mu, err := k.ModelUsages.Get(ctx, mkey)
	if errors.Is(err, collections.ErrNotFound) {
		mu = newModelUsage(b.Epoch, b.Denom)
	} else if err != nil {
		return err
	}
	newTotal := mu.TotalSpend.Add(math.NewIntFromUint64(b.TotalSpend))
	if newTotal.GT(math.NewIntFromUint64(p.MaxModelEpochSpend)) {
		return errorsmod.Wrapf(types.ErrUsageCapExceeded, "%s epoch %d would reach %s micro-USD, cap %d", b.Denom, b.Epoch, newTotal, p.MaxModelEpochSpend)
	}
	for _, r := range rows {
		user, _ := k.addressCodec.StringToBytes(r.User) // validated in validateRows
		ukey := collections.Join3(b.Epoch, b.Denom, sdk.AccAddress(user))
		rec, err := k.UsageByUser.Get(ctx, ukey)
		switch {
		case errors.Is(err, collections.ErrNotFound):
			mu.Users++
			g, err := k.gmSnapshot(ctx, p, b.Epoch, user)
			if err != nil {
				return err
			}
			rec = types.UsageRecord{Gm: g, Stake: math.ZeroInt()}
			if err := k.RewardIndex.Set(ctx, collections.Join3(sdk.AccAddress(user), b.Epoch, b.Denom)); err != nil {
				return err
			}
		case err != nil:
			return err
		default:
			addTerms(&mu, rec, -1)
		}
		if rec.Spend+r.Spend < rec.Spend {
			return errorsmod.Wrapf(types.ErrInvalidBatch, "user %s spend overflows", r.User)
		}
		rec.Spend += r.Spend
		if rec.Stake, err = k.countedFor(ctx, user, b.Denom, b.Epoch); err != nil {
			return err
		}
		addTerms(&mu, rec, +1)
		if err := k.UsageByUser.Set(ctx, ukey, rec); err != nil {
			return err
		}
	}
	mu.TotalSpend = newTotal
	mu.Batches++
	if err := k.ModelUsages.Set(ctx, mkey, mu); err != nil {
		return err
	}
	epochTotal, err := k.EpochUsage.Get(ctx, b.Epoch)
	if errors.Is(err, collections.ErrNotFound) {
		epochTotal = math.ZeroInt()
	} else if err != nil {
		return err
	}
	return k.EpochUsage.Set(ctx, b.Epoch, epochTotal.Add(math.NewIntFromUint64(b.TotalSpend)))
}
