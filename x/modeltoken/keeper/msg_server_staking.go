package keeper

import (
	"context"

	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"

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

// WithdrawUnbonded pays the owner's matured unbonding entries now (see
// Keeper.WithdrawUnbonded).
func (m msgServer) WithdrawUnbonded(ctx context.Context, msg *types.MsgWithdrawUnbonded) (*types.MsgWithdrawUnbondedResponse, error) {
	owner, err := m.decodeAddr("owner", msg.Owner)
	if err != nil {
		return nil, err
	}
	if msg.Denom != "" {
		if err := sdk.ValidateDenom(msg.Denom); err != nil {
			return nil, errorsmod.Wrapf(types.ErrInvalidDenom, "%q: %v", msg.Denom, err)
		}
	}
	paid, n, err := m.Keeper.WithdrawUnbonded(ctx, owner, msg.Denom)
	if err != nil {
		return nil, err
	}
	return &types.MsgWithdrawUnbondedResponse{Paid: paid, Entries: n}, nil
}

// CancelUnbonding puts (part of) an unbonding entry back into the owner's
// position (see Keeper.CancelUnbonding).
func (m msgServer) CancelUnbonding(ctx context.Context, msg *types.MsgCancelUnbonding) (*types.MsgCancelUnbondingResponse, error) {
	owner, err := m.decodeAddr("owner", msg.Owner)
	if err != nil {
		return nil, err
	}
	if err := m.modelTokenCoin(msg.Amount); err != nil {
		return nil, err
	}
	if err := m.Keeper.CancelUnbonding(ctx, owner, msg.UnbondingId, msg.Amount); err != nil {
		return nil, err
	}
	return &types.MsgCancelUnbondingResponse{}, nil
}
