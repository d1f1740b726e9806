package launch

import (
	"context"
	"strings"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/flockchain/flockd/x/modeltoken/internal/storeread"
	"github.com/flockchain/flockd/x/modeltoken/types"
)

// Querier serves the launch domain's queries of the module's Query service:
// model types, launches, claims, quotes and vesting.
type Querier struct {
	Keeper
}

// ModelTypes lists every launch template (a short, gov-managed list).
func (q Querier) ModelTypes(ctx context.Context, req *types.QueryModelTypesRequest) (*types.QueryModelTypesResponse, error) {
	if req == nil {
		return nil, status.Error(codes.InvalidArgument, "empty request")
	}
	var out []types.ModelType
	err := q.Keeper.ModelTypes.Walk(ctx, nil, func(_ string, mt types.ModelType) (bool, error) {
		out = append(out, mt)
		return false, nil
	})
	if err != nil {
		return nil, status.Error(codes.Internal, err.Error())
	}
	return &types.QueryModelTypesResponse{ModelTypes: out}, nil
}

// Launch returns one launch.
func (q Querier) Launch(ctx context.Context, req *types.QueryLaunchRequest) (*types.QueryLaunchResponse, error) {
	if req == nil {
		return nil, status.Error(codes.InvalidArgument, "empty request")
	}
	l, err := q.Keeper.Launches.Get(ctx, req.LaunchId)
	if err != nil {
		return nil, storeread.NotFoundOr(err, "launch")
	}
	return &types.QueryLaunchResponse{Launch: l}, nil
}

// Launches lists launches by id, optionally only one status, paginated.
func (q Querier) Launches(ctx context.Context, req *types.QueryLaunchesRequest) (*types.QueryLaunchesResponse, error) {
	if req == nil {
		return nil, status.Error(codes.InvalidArgument, "empty request")
	}
	if req.Status == types.LAUNCH_STATUS_UNSPECIFIED {
		launches, page, err := query.CollectionPaginate(ctx, q.Keeper.Launches, req.Pagination,
			func(_ uint64, l types.Launch) (types.Launch, error) { return l, nil })
		if err != nil {
			return nil, status.Error(codes.InvalidArgument, err.Error())
		}
		return &types.QueryLaunchesResponse{Launches: launches, Pagination: page}, nil
	}
	launches, page, err := query.CollectionPaginate(ctx, q.Keeper.Launches.Indexes.ByStatus, req.Pagination,
		func(key collections.Pair[int32, uint64], _ collections.NoValue) (types.Launch, error) {
			return q.Keeper.Launches.Get(ctx, key.K2())
		},
		query.WithCollectionPaginationPairPrefix[int32, uint64](int32(req.Status)))
	if err != nil {
		return nil, status.Error(codes.InvalidArgument, err.Error())
	}
	return &types.QueryLaunchesResponse{Launches: launches, Pagination: page}, nil
}

// Claim returns a supporter's claim in a launch.
func (q Querier) Claim(ctx context.Context, req *types.QueryClaimRequest) (*types.QueryClaimResponse, error) {
	if req == nil {
		return nil, status.Error(codes.InvalidArgument, "empty request")
	}
	addr, err := q.addressCodec.StringToBytes(req.Supporter)
	if err != nil {
		return nil, status.Errorf(codes.InvalidArgument, "supporter %q: %v", req.Supporter, err)
	}
	c, err := q.Claims.Get(ctx, collections.Join(req.LaunchId, sdk.AccAddress(addr)))
	if err != nil {
		return nil, storeread.NotFoundOr(err, "claim")
	}
	return &types.QueryClaimResponse{Claim: c}, nil
}

// BuyQuote prices a buy at the current block time.
func (q Querier) BuyQuote(ctx context.Context, req *types.QueryBuyQuoteRequest) (*types.QueryBuyQuoteResponse, error) {
	if req == nil {
		return nil, status.Error(codes.InvalidArgument, "empty request")
	}
	// The amount is uflock, written bare ("2000000000") or as a coin
	// ("2000000000uflock", like MsgBuy's flock_in).
	amount, ok := math.NewIntFromString(strings.TrimSuffix(req.Amount, q.flockDenom))
	if !ok {
		return nil, status.Errorf(codes.InvalidArgument, "amount %q is neither an integer of %s nor a %s coin", req.Amount, q.flockDenom, q.flockDenom)
	}
	l, err := q.raisingLaunch(ctx, req.LaunchId)
	if err != nil {
		return nil, status.Error(codes.FailedPrecondition, err.Error())
	}
	p, err := q.params.Get(ctx)
	if err != nil {
		return nil, status.Error(codes.Internal, err.Error())
	}
	quote, err := QuoteBuy(p, l, sdk.UnwrapSDKContext(ctx).BlockTime(), amount, false)
	if err != nil {
		return nil, status.Error(codes.InvalidArgument, err.Error())
	}
	return &types.QueryBuyQuoteResponse{Quote: quote}, nil
}

// IssuerVesting returns a graduated launch's issuer vesting.
func (q Querier) IssuerVesting(ctx context.Context, req *types.QueryIssuerVestingRequest) (*types.QueryIssuerVestingResponse, error) {
	if req == nil {
		return nil, status.Error(codes.InvalidArgument, "empty request")
	}
	v, err := q.Vestings.Get(ctx, req.LaunchId)
	if err != nil {
		return nil, storeread.NotFoundOr(err, "vesting")
	}
	mt, flock := ClaimableVested(v, sdk.UnwrapSDKContext(ctx).BlockTime())
	return &types.QueryIssuerVestingResponse{Vesting: v, Claimable: mt, ClaimableFlock: flock}, nil
}
