package keeper

import (
	"context"

	"github.com/flockchain/flockd/x/modeltoken/types"
)

// Stake stakes MT of a live model token (see Keeper.Stake).
func (m msgServer) Stake(ctx context.Context, msg *types.MsgStake) (*types.MsgStakeResponse, error) {
	staker, err := m.decodeAddr("staker", msg.Staker)
	if err != nil {
		return nil, err
	}
	if err := m.modelTokenCoin(msg.Amount); err != nil {
		return nil, err
	}
	if err := m.Keeper.Stake(ctx, staker, msg.Amount); err != nil {
		return nil, err
	}
	return &types.MsgStakeResponse{}, nil
}

// Unstake starts unbonding MT (see Keeper.Unstake).
func (m msgServer) Unstake(ctx context.Context, msg *types.MsgUnstake) (*types.MsgUnstakeResponse, error) {
	staker, err := m.decodeAddr("staker", msg.Staker)
	if err != nil {
		return nil, err
	}
	if err := m.modelTokenCoin(msg.Amount); err != nil {
		return nil, err
	}
	e, err := m.Keeper.Unstake(ctx, staker, msg.Amount)
	if err != nil {
		return nil, err
	}
	return &types.MsgUnstakeResponse{UnbondingId: e.Id, CompletionTime: e.CompletionTime}, nil
}
