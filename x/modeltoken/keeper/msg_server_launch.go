package keeper

import (
	"context"

	"github.com/flockchain/flockd/x/modeltoken/types"
)

// CreateLaunch opens a raise (see Keeper.CreateLaunch).
func (m msgServer) CreateLaunch(ctx context.Context, msg *types.MsgCreateLaunch) (*types.MsgCreateLaunchResponse, error) {
	l, err := m.Keeper.CreateLaunch(ctx, msg)
	if err != nil {
		return nil, err
	}
	return &types.MsgCreateLaunchResponse{LaunchId: l.Id, Denom: l.Denom}, nil
}

// Buy buys MT along a launch's curve (see Keeper.Buy).
func (m msgServer) Buy(ctx context.Context, msg *types.MsgBuy) (*types.MsgBuyResponse, error) {
	q, err := m.Keeper.Buy(ctx, msg)
	if err != nil {
		return nil, err
	}
	return &types.MsgBuyResponse{Result: q}, nil
}

// Graduate settles an ended raise that reached its minimum.
func (m msgServer) Graduate(ctx context.Context, msg *types.MsgGraduate) (*types.MsgGraduateResponse, error) {
	if _, err := m.decodeAddr("sender", msg.Sender); err != nil {
		return nil, err
	}
	l, err := m.GraduateLaunch(ctx, msg.LaunchId)
	if err != nil {
		return nil, err
	}
	return &types.MsgGraduateResponse{Denom: l.Denom}, nil
}

// ClaimLaunch pays a supporter's MT or refund.
func (m msgServer) ClaimLaunch(ctx context.Context, msg *types.MsgClaimLaunch) (*types.MsgClaimLaunchResponse, error) {
	paid, err := m.Keeper.ClaimLaunch(ctx, msg.Supporter, msg.LaunchId)
	if err != nil {
		return nil, err
	}
	return &types.MsgClaimLaunchResponse{Paid: paid}, nil
}

// ClaimVested pays the issuer's vested MT.
func (m msgServer) ClaimVested(ctx context.Context, msg *types.MsgClaimVested) (*types.MsgClaimVestedResponse, error) {
	paid, err := m.Keeper.ClaimVested(ctx, msg.Beneficiary, msg.LaunchId)
	if err != nil {
		return nil, err
	}
	return &types.MsgClaimVestedResponse{Paid: paid}, nil
}
