package keeper

import (
	"context"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"cosmossdk.io/collections"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/flockchain/flockd/x/modeltoken/internal/storeread"
	"github.com/flockchain/flockd/x/modeltoken/types"
)

// Position returns one stake and what counts of it this epoch.
func (q queryServer) Position(ctx context.Context, req *types.QueryPositionRequest) (*types.QueryPositionResponse, error) {
	if req == nil {
		return nil, status.Error(codes.InvalidArgument, "empty request")
	}
	owner, err := q.owner(req.Owner)
	if err != nil {
		return nil, err
	}
	pos, err := q.Positions.Get(ctx, collections.Join(owner, req.Denom))
	if err != nil {
		return nil, storeread.NotFoundOr(err, "position")
	}
	e, err := q.GetEpoch(ctx)
	if err != nil {
		return nil, status.Error(codes.Internal, err.Error())
	}
	return &types.QueryPositionResponse{Position: pos, Counted: CountedStake(pos, e.Number)}, nil
}

// PositionsByOwner lists an owner's positions, paginated.
func (q queryServer) PositionsByOwner(ctx context.Context, req *types.QueryPositionsByOwnerRequest) (*types.QueryPositionsByOwnerResponse, error) {
	if req == nil {
		return nil, status.Error(codes.InvalidArgument, "empty request")
	}
	owner, err := q.owner(req.Owner)
	if err != nil {
		return nil, err
	}
	out, page, err := query.CollectionPaginate(ctx, q.Positions, req.Pagination,
		func(_ collections.Pair[sdk.AccAddress, string], p types.StakePosition) (types.StakePosition, error) {
			return p, nil
		},
		query.WithCollectionPaginationPairPrefix[sdk.AccAddress, string](owner))
	if err != nil {
		return nil, status.Error(codes.InvalidArgument, err.Error())
	}
	return &types.QueryPositionsByOwnerResponse{Positions: out, Pagination: page}, nil
}

// Stakers lists one model token's positions, paginated.
func (q queryServer) Stakers(ctx context.Context, req *types.QueryStakersRequest) (*types.QueryStakersResponse, error) {
	if req == nil {
		return nil, status.Error(codes.InvalidArgument, "empty request")
	}
	out, page, err := query.CollectionPaginate(ctx, q.Keeper.Positions.Indexes.ByDenom, req.Pagination,
		func(key collections.Pair[string, sdk.AccAddress], _ collections.NoValue) (types.StakePosition, error) {
			return q.Positions.Get(ctx, collections.Join(key.K2(), key.K1()))
		},
		query.WithCollectionPaginationPairPrefix[string, sdk.AccAddress](req.Denom))
	if err != nil {
		return nil, status.Error(codes.InvalidArgument, err.Error())
	}
	return &types.QueryStakersResponse{Positions: out, Pagination: page}, nil
}

// ModelStake returns a model token's staking totals, rolled to this epoch.
func (q queryServer) ModelStake(ctx context.Context, req *types.QueryModelStakeRequest) (*types.QueryModelStakeResponse, error) {
	if req == nil {
		return nil, status.Error(codes.InvalidArgument, "empty request")
	}
	if has, err := q.Keeper.ModelTokens.Has(ctx, req.Denom); err != nil {
		return nil, status.Error(codes.Internal, err.Error())
	} else if !has {
		return nil, status.Errorf(codes.NotFound, "model token %q not found", req.Denom)
	}
	ms, err := q.getModelStake(ctx, req.Denom)
	if err != nil {
		return nil, status.Error(codes.Internal, err.Error())
	}
	e, err := q.GetEpoch(ctx)
	if err != nil {
		return nil, status.Error(codes.Internal, err.Error())
	}
	rollModelStake(&ms, e.Number)
	return &types.QueryModelStakeResponse{ModelStake: ms}, nil
}

// Unbondings lists an owner's unbonding entries, paginated.
func (q queryServer) Unbondings(ctx context.Context, req *types.QueryUnbondingsRequest) (*types.QueryUnbondingsResponse, error) {
	if req == nil {
		return nil, status.Error(codes.InvalidArgument, "empty request")
	}
	owner, err := q.owner(req.Owner)
	if err != nil {
		return nil, err
	}
	out, page, err := query.CollectionPaginate(ctx, q.Keeper.Unbondings.Indexes.ByOwner, req.Pagination,
		func(key collections.Pair[sdk.AccAddress, uint64], _ collections.NoValue) (types.UnbondingEntry, error) {
			return q.Keeper.Unbondings.Get(ctx, key.K2())
		},
		query.WithCollectionPaginationPairPrefix[sdk.AccAddress, uint64](owner))
	if err != nil {
		return nil, status.Error(codes.InvalidArgument, err.Error())
	}
	return &types.QueryUnbondingsResponse{Entries: out, Pagination: page}, nil
}

// Discount returns the tier the owner's current stake reaches on a model.
func (q queryServer) Discount(ctx context.Context, req *types.QueryDiscountRequest) (*types.QueryDiscountResponse, error) {
	if req == nil {
		return nil, status.Error(codes.InvalidArgument, "empty request")
	}
	owner, err := q.owner(req.Owner)
	if err != nil {
		return nil, err
	}
	if err := q.liveModelToken(ctx, req.Denom); err != nil {
		return nil, status.Error(codes.NotFound, err.Error())
	}
	staked, err := q.StakedAmount(ctx, owner, req.Denom)
	if err != nil {
		return nil, status.Error(codes.Internal, err.Error())
	}
	tiers, err := q.DiscountTiers(ctx, req.Denom)
	if err != nil {
		return nil, status.Error(codes.Internal, err.Error())
	}
	tier, bps := TierFor(tiers, staked)
	return &types.QueryDiscountResponse{Staked: staked, Tier: tier, DiscountBps: bps, Tiers: tiers}, nil
}
