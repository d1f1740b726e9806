package keeper

import (
	"context"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/flockchain/flockd/x/modeltoken/market"
	"github.com/flockchain/flockd/x/modeltoken/types"
)

type queryServer struct {
	Keeper
	// The market's queries (Pool, SwapQuote, Twap) are served by its
	// sub-keeper.
	market.Querier
}

var _ types.QueryServer = queryServer{}

// NewQueryServerImpl returns the module's Query service implementation.
func NewQueryServerImpl(k Keeper) types.QueryServer {
	return queryServer{Keeper: k, Querier: market.Querier{Keeper: k.Market}}
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
