package keeper

import (
	"context"

	"github.com/flockchain/flockd/x/modeltoken/types"
)

// BondAttester adds FLOCK to a listed attester's bond (see Keeper.BondAttester).
func (m msgServer) BondAttester(ctx context.Context, msg *types.MsgBondAttester) (*types.MsgBondAttesterResponse, error) {
	attester, err := m.decodeAddr("attester", msg.Attester)
	if err != nil {
		return nil, err
	}
	if err := m.flockCoin("amount", "a bond", msg.Amount); err != nil {
		return nil, err
	}
	active, err := m.Keeper.BondAttester(ctx, attester, msg.Amount.Amount)
	if err != nil {
		return nil, err
	}
	return &types.MsgBondAttesterResponse{Active: active}, nil
}

// UnbondAttester starts an attester unbonding (see Keeper.UnbondAttester).
func (m msgServer) UnbondAttester(ctx context.Context, msg *types.MsgUnbondAttester) (*types.MsgUnbondAttesterResponse, error) {
	attester, err := m.decodeAddr("attester", msg.Attester)
	if err != nil {
		return nil, err
	}
	if err := m.flockCoin("amount", "an unbonding", msg.Amount); err != nil {
		return nil, err
	}
	done, err := m.Keeper.UnbondAttester(ctx, attester, msg.Amount.Amount)
	if err != nil {
		return nil, err
	}
	return &types.MsgUnbondAttesterResponse{CompletionTime: done}, nil
}

// VoidBatch voids a usage batch (governance or a guardian; see
// Keeper.VoidBatch). The rows are checked statelessly first.
func (m msgServer) VoidBatch(ctx context.Context, msg *types.MsgVoidBatch) (*types.MsgVoidBatchResponse, error) {
	signer, err := m.decodeAddr("authority", msg.Authority)
	if err != nil {
		return nil, err
	}
	if err := checkBatchID(msg.BatchId); err != nil {
		return nil, err
	}
	if err := checkContentHash(msg.ContentHash); err != nil {
		return nil, err
	}
	users, _, err := m.CheckUsageRows(msg.Rows)
	if err != nil {
		return nil, err
	}
	slashed, err := m.Keeper.VoidBatch(ctx, signer, VoidRequest{
		Epoch: msg.Epoch, BatchID: msg.BatchId, ContentHash: msg.ContentHash, Rows: msg.Rows, Users: users, Reason: msg.Reason,
	})
	if err != nil {
		return nil, err
	}
	return &types.MsgVoidBatchResponse{Slashed: slashed}, nil
}

// ReinstateAttester lifts an attester's jail (governance only).
func (m msgServer) ReinstateAttester(ctx context.Context, msg *types.MsgReinstateAttester) (*types.MsgReinstateAttesterResponse, error) {
	if err := m.checkAuthority(msg.Authority); err != nil {
		return nil, err
	}
	attester, err := m.decodeAddr("attester", msg.Attester)
	if err != nil {
		return nil, err
	}
	if err := m.Keeper.ReinstateAttester(ctx, attester); err != nil {
		return nil, err
	}
	return &types.MsgReinstateAttesterResponse{}, nil
}
