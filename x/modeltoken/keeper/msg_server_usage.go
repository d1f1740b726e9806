package keeper

import (
	"context"

	errorsmod "cosmossdk.io/errors"

	"github.com/flockchain/flockd/x/modeltoken/types"
)

// SubmitUsage posts or confirms a usage batch (see Keeper.SubmitUsage). The
// signer and every row are decoded and checked here, before any state is
// read, so a malformed batch is refused the same way whatever the epoch.
func (m msgServer) SubmitUsage(ctx context.Context, msg *types.MsgSubmitUsage) (*types.MsgSubmitUsageResponse, error) {
	attester, err := m.decodeAddr("attester", msg.Attester)
	if err != nil {
		return nil, err
	}
	if err := checkBatchID(msg.BatchId); err != nil {
		return nil, err
	}
	if err := checkContentHash(msg.ContentHash); err != nil {
		return nil, err
	}
	users, total, err := m.CheckUsageRows(msg.Rows)
	if err != nil {
		return nil, err
	}
	if len(msg.Rows) == 0 && msg.ContentHash == "" {
		return nil, errorsmod.Wrap(types.ErrInvalidBatch, "a submission carries rows or, to confirm, a content hash")
	}
	out, err := m.Keeper.SubmitUsage(ctx, attester, UsageSubmission{
		Epoch: msg.Epoch, Denom: msg.Denom, BatchID: msg.BatchId, ContentHash: msg.ContentHash,
		Rows: msg.Rows, Users: users, Total: total,
	})
	if err != nil {
		return nil, err
	}
	b := out.Batch
	return &types.MsgSubmitUsageResponse{ContentHash: b.ContentHash, Confirmations: uint32(len(b.Attesters)), Applied: b.Applied,
		Equivocation: out.Equivocation}, nil
}

// checkBatchID and checkContentHash turn types' checks into typed errors.
func checkBatchID(id string) error {
	if err := types.CheckBatchID(id); err != nil {
		return errorsmod.Wrap(types.ErrInvalidBatch, err.Error())
	}
	return nil
}

func checkContentHash(h string) error {
	if h == "" {
		return nil
	}
	if err := types.CheckContentHash(h); err != nil {
		return errorsmod.Wrap(types.ErrInvalidBatch, err.Error())
	}
	return nil
}
