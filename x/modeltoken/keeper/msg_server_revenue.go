package keeper

import (
	"context"

	"github.com/flockchain/flockd/x/modeltoken/types"
)

// DepositRevenue routes a model's revenue (see market.Keeper.DepositRevenue).
func (m msgServer) DepositRevenue(ctx context.Context, msg *types.MsgDepositRevenue) (*types.MsgDepositRevenueResponse, error) {
	reporter, err := m.decodeAddr("reporter", msg.Reporter)
	if err != nil {
		return nil, err
	}
	if err := m.flockCoin("amount", "revenue is deposited", msg.Amount); err != nil {
		return nil, err
	}
	bought, err := m.Market.DepositRevenue(ctx, reporter, msg.Denom, msg.Amount.Amount)
	if err != nil {
		return nil, err
	}
	return &types.MsgDepositRevenueResponse{BuybackQueued: bought}, nil
}
