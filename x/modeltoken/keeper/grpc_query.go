package keeper

import (
	"context"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/flockchain/flockd/x/modeltoken/launch"
	"github.com/flockchain/flockd/x/modeltoken/market"
	"github.com/flockchain/flockd/x/modeltoken/types"
)

type queryServer struct {
	Keeper
	// The market's queries (Pool, SwapQuote, Twap) and the launch domain's
	// (model types, launches, claims, buy quotes, vesting) are served by
	// their sub-keepers.
	marketQueries
	launchQueries
}

// Launch is named explicitly: the embedded Keeper's Launch field (the
// launch sub-keeper) would make the promoted method ambiguous.
func (q queryServer) Launch(ctx context.Context, req *types.QueryLaunchRequest) (*types.QueryLaunchResponse, error) {
	return q.launchQueries.Launch(ctx, req)
}

// Aliases, so that the two embedded queriers have distinct field names.
type (
	marketQueries = market.Querier
	launchQueries = launch.Querier
)

var _ types.QueryServer = queryServer{}

// NewQueryServerImpl returns the module's Query service implementation.
func NewQueryServerImpl(k Keeper) types.QueryServer {
	return queryServer{Keeper: k, marketQueries: market.Querier{Keeper: k.Market}, launchQueries: launch.Querier{Keeper: k.Launch}}
}

// Params returns the current module parameters.
func (q queryServer) Params(ctx context.Context, req *types.QueryParamsRequest) (*types.QueryParamsResponse, error) {
	if req == nil {
		return nil, status.Error(codes.InvalidArgument, "empty request")
	}
	p, err := q.Keeper.Params.Get(ctx)
	if err != nil {
		return nil, status.Error(codes.Internal, err.Error())
	}
	return &types.QueryParamsResponse{Params: p}, nil
}

func (q queryServer) owner(s string) (sdk.AccAddress, error) {
	bz, err := q.addressCodec.StringToBytes(s)
	if err != nil || len(bz) == 0 {
		return nil, status.Errorf(codes.InvalidArgument, "owner %q is not a valid address", s)
	}
	return bz, nil
}
