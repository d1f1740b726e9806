package keeper

import (
	"context"

	"github.com/flockchain/flockd/x/modeltoken/types"
)

// ClaimRewards pays settled rewards (see Keeper.ClaimRewards).
func (m msgServer) ClaimRewards(ctx context.Context, msg *types.MsgClaimRewards) (*types.MsgClaimRewardsResponse, error) {
	paid, n, err := m.Keeper.ClaimRewards(ctx, msg.Claimer, msg.Denom)
	if err != nil {
		return nil, err
	}
	return &types.MsgClaimRewardsResponse{Paid: paid, Entries: n}, nil
}

// FundIncentive adds reserved FLOCK to a model's incentives.
func (m msgServer) FundIncentive(ctx context.Context, msg *types.MsgFundIncentive) (*types.MsgFundIncentiveResponse, error) {
	if err := m.Keeper.FundIncentive(ctx, msg.Funder, msg.Denom, msg.Amount); err != nil {
		return nil, err
	}
	return &types.MsgFundIncentiveResponse{}, nil
}

// Swap trades through a model's pool.
func (m msgServer) Swap(ctx context.Context, msg *types.MsgSwap) (*types.MsgSwapResponse, error) {
	res, err := m.Keeper.Swap(ctx, msg)
	if err != nil {
		return nil, err
	}
	return &types.MsgSwapResponse{Result: res}, nil
}

// DepositRevenue routes revenue (see Keeper.DepositRevenue).
func (m msgServer) DepositRevenue(ctx context.Context, msg *types.MsgDepositRevenue) (*types.MsgDepositRevenueResponse, error) {
	bought, err := m.Keeper.DepositRevenue(ctx, msg)
	if err != nil {
		return nil, err
	}
	return &types.MsgDepositRevenueResponse{MtBought: bought}, nil
}
