package keeper

import (
	"context"
	"errors"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/flockchain/flockd/x/modeltoken/internal/storeread"
	"github.com/flockchain/flockd/x/modeltoken/types"
)

// PendingRewards returns what ClaimRewards would pay now, per model (all
// unclaimed settled entries, not only the first max_claim_entries).
func (q queryServer) PendingRewards(ctx context.Context, req *types.QueryPendingRewardsRequest) (*types.QueryPendingRewardsResponse, error) {
	if req == nil {
		return nil, status.Error(codes.InvalidArgument, "empty request")
	}
	owner, err := q.owner(req.Owner)
	if err != nil {
		return nil, err
	}
	p, err := q.Keeper.Params.Get(ctx)
	if err != nil {
		return nil, status.Error(codes.Internal, err.Error())
	}
	entries, err := q.pendingEntries(ctx, p, owner, "", 0)
	if err != nil {
		return nil, status.Error(codes.Internal, err.Error())
	}
	var models []types.ModelReward
	idx := map[string]int{}
	total := sdk.NewCoins()
	for _, e := range entries {
		d := e.key.K3()
		i, ok := idx[d]
		if !ok {
			i = len(models)
			idx[d] = i
			models = append(models, types.ModelReward{Denom: d, Flock: math.ZeroInt(), Mt: math.ZeroInt()})
		}
		models[i].Flock = models[i].Flock.Add(e.flock)
		models[i].Mt = models[i].Mt.Add(e.mt)
		models[i].Epochs++
		total = total.Add(sdk.NewCoin(q.flockDenom, e.flock)).Add(sdk.NewCoin(d, e.mt))
	}
	return &types.QueryPendingRewardsResponse{Models: models, Total: total}, nil
}

// EpochSummary returns a settled epoch's summary.
func (q queryServer) EpochSummary(ctx context.Context, req *types.QueryEpochSummaryRequest) (*types.QueryEpochSummaryResponse, error) {
	if req == nil {
		return nil, status.Error(codes.InvalidArgument, "empty request")
	}
	next, err := q.nextSettle(ctx)
	if err != nil {
		return nil, status.Error(codes.Internal, err.Error())
	}
	s, err := q.EpochSummaries.Get(ctx, req.Epoch)
	if err != nil {
		return nil, storeread.NotFoundOr(err, "settled epoch")
	}
	return &types.QueryEpochSummaryResponse{Summary: s, NextEpochToSettle: next}, nil
}

// EpochModelReward returns a model's sealed pools for an epoch.
func (q queryServer) EpochModelReward(ctx context.Context, req *types.QueryEpochModelRewardRequest) (*types.QueryEpochModelRewardResponse, error) {
	if req == nil {
		return nil, status.Error(codes.InvalidArgument, "empty request")
	}
	r, err := q.EpochRewards.Get(ctx, collections.Join(req.Epoch, req.Denom))
	if err != nil {
		return nil, storeread.NotFoundOr(err, "epoch reward")
	}
	return &types.QueryEpochModelRewardResponse{Reward: r}, nil
}

// ModelEconomy summarises one model token: supply, burned, stake,
// incentives. Rewards paid are summed over its sealed epochs still in the
// claim window: one point read per epoch, whatever the number of models or
// users.
func (q queryServer) ModelEconomy(ctx context.Context, req *types.QueryModelEconomyRequest) (*types.QueryModelEconomyResponse, error) {
	if req == nil {
		return nil, status.Error(codes.InvalidArgument, "empty request")
	}
	tok, err := q.Keeper.ModelTokens.Get(ctx, req.Denom)
	if err != nil {
		return nil, storeread.NotFoundOr(err, "model token")
	}
	ms, err := q.getModelStake(ctx, req.Denom)
	if err != nil {
		return nil, status.Error(codes.Internal, err.Error())
	}
	inc, err := q.getIncentives(ctx, req.Denom)
	if err != nil {
		return nil, status.Error(codes.Internal, err.Error())
	}
	paidF, paidM, err := q.paidSinceExpiry(ctx, req.Denom)
	if err != nil {
		return nil, status.Error(codes.Internal, err.Error())
	}
	return &types.QueryModelEconomyResponse{Token: tok, Stake: ms, Incentives: inc,
		Supply: q.bank.GetSupply(ctx, req.Denom).Amount, RewardsPaidFlock: paidF, RewardsPaidMt: paidM}, nil
}

// paidSinceExpiry sums what was paid from denom's sealed pools of the
// epochs not expired yet (expired pools are removed): a point read per
// settled epoch in the claim window.
func (k Keeper) paidSinceExpiry(ctx context.Context, denom string) (flock, mt math.Int, err error) {
	flock, mt = math.ZeroInt(), math.ZeroInt()
	expired, err := k.ExpiredEpochs.Peek(ctx)
	if err != nil {
		return flock, mt, err
	}
	next, err := k.nextSettle(ctx)
	if err != nil {
		return flock, mt, err
	}
	for e := expired + 1; e < next; e++ {
		r, err := k.EpochRewards.Get(ctx, collections.Join(e, denom))
		if errors.Is(err, collections.ErrNotFound) {
			continue
		}
		if err != nil {
			return flock, mt, err
		}
		flock, mt = flock.Add(r.PaidFlock), mt.Add(r.PaidMt)
	}
	return flock, mt, nil
}
