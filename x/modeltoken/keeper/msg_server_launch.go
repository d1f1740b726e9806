package keeper

import (
	"context"

	"github.com/flockchain/flockd/x/modeltoken/launch"
	"github.com/flockchain/flockd/x/modeltoken/types"
)

// CreateLaunch opens a raise (see launch.Keeper.CreateLaunch).
func (m msgServer) CreateLaunch(ctx context.Context, msg *types.MsgCreateLaunch) (*types.MsgCreateLaunchResponse, error) {
	creator, err := m.decodeAddr("creator", msg.Creator)
	if err != nil {
		return nil, err
	}
	payout := creator
	if msg.PayoutAddress != "" {
		if payout, err = m.decodeAddr("payout_address", msg.PayoutAddress); err != nil {
			return nil, err
		}
	}
	bundle, err := nonNegative("bundle_flock", msg.BundleFlock)
	if err != nil {
		return nil, err
	}
	if err := types.ValidateSymbol(msg.Symbol); err != nil {
		return nil, err
	}
	if err := types.ValidateLaunchMetadata(msg.Name, msg.Description, msg.ModelId); err != nil {
		return nil, err
	}
	l, err := m.Launch.CreateLaunch(ctx, launch.Spec{
		Creator: creator, Payout: payout, ModelType: msg.ModelType, Symbol: msg.Symbol,
		Name: msg.Name, Description: msg.Description, ModelID: msg.ModelId, Bundle: bundle,
	})
	if err != nil {
		return nil, err
	}
	return &types.MsgCreateLaunchResponse{LaunchId: l.Id, Denom: l.Denom}, nil
}

// Buy buys MT along a launch's curve (see launch.Keeper.Buy).
func (m msgServer) Buy(ctx context.Context, msg *types.MsgBuy) (*types.MsgBuyResponse, error) {
	buyer, err := m.decodeAddr("buyer", msg.Buyer)
	if err != nil {
		return nil, err
	}
	if err := m.flockCoin("flock_in", "buys are paid", msg.FlockIn); err != nil {
		return nil, err
	}
	minOut, err := nonNegative("min_mt_out", msg.MinMtOut)
	if err != nil {
		return nil, err
	}
	q, err := m.Launch.Buy(ctx, buyer, msg.LaunchId, msg.FlockIn.Amount, minOut)
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
	l, err := m.Launch.GraduateLaunch(ctx, msg.LaunchId)
	if err != nil {
		return nil, err
	}
	return &types.MsgGraduateResponse{Denom: l.Denom}, nil
}

// ClaimLaunch pays a supporter's MT or refund (see launch.Keeper.ClaimLaunch).
func (m msgServer) ClaimLaunch(ctx context.Context, msg *types.MsgClaimLaunch) (*types.MsgClaimLaunchResponse, error) {
	supporter, err := m.decodeAddr("supporter", msg.Supporter)
	if err != nil {
		return nil, err
	}
	paid, err := m.Launch.ClaimLaunch(ctx, supporter, msg.LaunchId)
	if err != nil {
		return nil, err
	}
	return &types.MsgClaimLaunchResponse{Paid: paid}, nil
}

// ClaimVested pays the issuer's vested MT and FLOCK (see launch.Keeper.ClaimVested).
func (m msgServer) ClaimVested(ctx context.Context, msg *types.MsgClaimVested) (*types.MsgClaimVestedResponse, error) {
	beneficiary, err := m.decodeAddr("beneficiary", msg.Beneficiary)
	if err != nil {
		return nil, err
	}
	paid, err := m.Launch.ClaimVested(ctx, beneficiary, msg.LaunchId)
	if err != nil {
		return nil, err
	}
	return &types.MsgClaimVestedResponse{Paid: paid}, nil
}
