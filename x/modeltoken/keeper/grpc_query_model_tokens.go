package keeper

import (
	"context"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/flockchain/flockd/x/modeltoken/internal/storeread"
	"github.com/flockchain/flockd/x/modeltoken/types"
)

// Queries of the model-token registry: the live model tokens launches
// created.

// ModelToken returns a live model token by denom.
func (q queryServer) ModelToken(ctx context.Context, req *types.QueryModelTokenRequest) (*types.QueryModelTokenResponse, error) {
	if req == nil {
		return nil, status.Error(codes.InvalidArgument, "empty request")
	}
	t, err := q.Keeper.ModelTokens.Get(ctx, req.Denom)
	if err != nil {
		return nil, storeread.NotFoundOr(err, "model token")
	}
	return &types.QueryModelTokenResponse{ModelToken: t}, nil
}

// ModelTokenByLaunch returns the model token a launch created.
func (q queryServer) ModelTokenByLaunch(ctx context.Context, req *types.QueryModelTokenByLaunchRequest) (*types.QueryModelTokenResponse, error) {
	if req == nil {
		return nil, status.Error(codes.InvalidArgument, "empty request")
	}
	l, err := q.Keeper.Launch.Launches.Get(ctx, req.LaunchId)
	if err != nil {
		return nil, storeread.NotFoundOr(err, "launch")
	}
	t, err := q.Keeper.ModelTokens.Get(ctx, l.Denom)
	if err != nil {
		return nil, storeread.NotFoundOr(err, "model token (launch not graduated)")
	}
	return &types.QueryModelTokenResponse{ModelToken: t}, nil
}

// ModelTokens lists live model tokens by denom, paginated.
func (q queryServer) ModelTokens(ctx context.Context, req *types.QueryModelTokensRequest) (*types.QueryModelTokensResponse, error) {
	if req == nil {
		return nil, status.Error(codes.InvalidArgument, "empty request")
	}
	tokens, page, err := query.CollectionPaginate(ctx, q.Keeper.ModelTokens, req.Pagination,
		func(_ string, t types.ModelToken) (types.ModelToken, error) { return t, nil })
	if err != nil {
		return nil, status.Error(codes.InvalidArgument, err.Error())
	}
	return &types.QueryModelTokensResponse{ModelTokens: tokens, Pagination: page}, nil
}
