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
