package keeper

import (
	"context"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"cosmossdk.io/math"

	"github.com/flockchain/flockd/x/modeltoken/internal/storeread"
	"github.com/flockchain/flockd/x/modeltoken/types"
)

// Revenue returns a model's revenue totals, supply and circulating supply.
func (q queryServer) Revenue(ctx context.Context, req *types.QueryRevenueRequest) (*types.QueryRevenueResponse, error) {
	if req == nil {
		return nil, status.Error(codes.InvalidArgument, "empty request")
	}
	if _, err := q.Keeper.ModelTokens.Get(ctx, req.Denom); err != nil {
		return nil, storeread.NotFoundOr(err, "model token")
	}
	rt, err := q.Market.GetRevenue(ctx, req.Denom)
	if err != nil {
		return nil, status.Error(codes.Internal, err.Error())
	}
	supply := q.bank.GetSupply(ctx, req.Denom).Amount
	held := math.ZeroInt()
	for _, acct := range []string{types.LiquidityAccount, types.IncentivesAccount, types.VestingAccount, types.RevenueAccount, types.LaunchEscrowAccount, types.RewardsAccount} {
		held = held.Add(q.bank.GetBalance(ctx, q.moduleAddr(acct), req.Denom).Amount)
	}
	return &types.QueryRevenueResponse{Totals: rt, Supply: supply, Circulating: supply.Sub(held)}, nil
}
