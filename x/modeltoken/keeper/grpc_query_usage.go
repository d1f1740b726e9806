package keeper

import (
	"context"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"cosmossdk.io/collections"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/flockchain/flockd/x/modeltoken/formulas"
	"github.com/flockchain/flockd/x/modeltoken/internal/storeread"
	"github.com/flockchain/flockd/x/modeltoken/types"
)

// UserUsage returns a user's spend on a model in an epoch (0 if none).
func (q queryServer) UserUsage(ctx context.Context, req *types.QueryUserUsageRequest) (*types.QueryUserUsageResponse, error) {
	if req == nil {
		return nil, status.Error(codes.InvalidArgument, "empty request")
	}
	user, err := q.addressCodec.StringToBytes(req.User)
	if err != nil {
		return nil, status.Errorf(codes.InvalidArgument, "user %q: %v", req.User, err)
	}
	rec, err := q.UsageByUser.Get(ctx, collections.Join3(req.Epoch, req.Denom, sdk.AccAddress(user)))
	if err != nil {
		if err := storeread.NotFoundOr(err, "usage"); status.Code(err) != codes.NotFound {
			return nil, err
		}
		rec = types.UsageRecord{}
	}
	return &types.QueryUserUsageResponse{Spend: rec.Spend}, nil
}

// ModelUsage returns a model's usage totals for an epoch (zero if none).
func (q queryServer) ModelUsage(ctx context.Context, req *types.QueryModelUsageRequest) (*types.QueryModelUsageResponse, error) {
	if req == nil {
		return nil, status.Error(codes.InvalidArgument, "empty request")
	}
	mu, err := q.ModelUsages.Get(ctx, collections.Join(req.Epoch, req.Denom))
	if err != nil {
		if err := storeread.NotFoundOr(err, "usage"); status.Code(err) != codes.NotFound {
			return nil, err
		}
		mu = newModelUsage(req.Epoch, req.Denom, formulas.Floors{})
	}
	return &types.QueryModelUsageResponse{Usage: mu}, nil
}

// UsageBatches lists an epoch's batches, paginated.
func (q queryServer) UsageBatches(ctx context.Context, req *types.QueryUsageBatchesRequest) (*types.QueryUsageBatchesResponse, error) {
	if req == nil {
		return nil, status.Error(codes.InvalidArgument, "empty request")
	}
	out, page, err := query.CollectionPaginate(ctx, q.Keeper.UsageBatches, req.Pagination,
		func(_ BatchKey, b types.UsageBatch) (types.UsageBatch, error) { return b, nil },
		func(o *query.CollectionsPaginateOptions[BatchKey]) {
			prefix := collections.TriplePrefix[uint64, string, string](req.Epoch)
			o.Prefix = &prefix
		})
	if err != nil {
		return nil, status.Error(codes.InvalidArgument, err.Error())
	}
	return &types.QueryUsageBatchesResponse{Batches: out, Pagination: page}, nil
}

// Attesters returns the attester set and quorum.
func (q queryServer) Attesters(ctx context.Context, req *types.QueryAttestersRequest) (*types.QueryAttestersResponse, error) {
	if req == nil {
		return nil, status.Error(codes.InvalidArgument, "empty request")
	}
	p, err := q.Keeper.Params.Get(ctx)
	if err != nil {
		return nil, status.Error(codes.Internal, err.Error())
	}
	return &types.QueryAttestersResponse{Attesters: p.Attesters, Quorum: p.AttestationQuorum}, nil
}
