package keeper

import (
	"context"
	"fmt"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"github.com/flockchain/flockd/x/modeltoken/internal/storeread"
	"github.com/flockchain/flockd/x/modeltoken/types"
)

// CurrentEpoch returns the epoch clock and when the next epoch may start.
func (q queryServer) CurrentEpoch(ctx context.Context, req *types.QueryCurrentEpochRequest) (*types.QueryCurrentEpochResponse, error) {
	if req == nil {
		return nil, status.Error(codes.InvalidArgument, "empty request")
	}
	e, err := q.GetEpoch(ctx)
	if err != nil {
		return nil, status.Error(codes.Internal, err.Error())
	}
	p, err := q.Keeper.Params.Get(ctx)
	if err != nil {
		return nil, status.Error(codes.Internal, err.Error())
	}
	return &types.QueryCurrentEpochResponse{Epoch: e, NextEpochTime: e.StartTime.Add(p.EpochDuration)}, nil
}

// EpochBounds returns an epoch's start, end and seal time, from the
// recorded epoch starts (an expired epoch's start is swept: NotFound).
func (q queryServer) EpochBounds(ctx context.Context, req *types.QueryEpochBoundsRequest) (*types.QueryEpochBoundsResponse, error) {
	if req == nil {
		return nil, status.Error(codes.InvalidArgument, "empty request")
	}
	start, err := q.EpochStarts.Get(ctx, req.Epoch)
	if err != nil {
		return nil, storeread.NotFoundOr(err, fmt.Sprintf("start of epoch %d", req.Epoch))
	}
	p, err := q.Keeper.Params.Get(ctx)
	if err != nil {
		return nil, status.Error(codes.Internal, err.Error())
	}
	out := &types.QueryEpochBoundsResponse{Epoch: req.Epoch, StartTime: start.StartTime}
	end, ended, err := q.EpochEnd(ctx, req.Epoch)
	if err != nil {
		return nil, status.Error(codes.Internal, err.Error())
	}
	if ended {
		out.Ended, out.EndTime, out.SealTime = true, end, end.Add(p.AttestationGrace)
	}
	next, err := q.nextSettle(ctx)
	if err != nil {
		return nil, status.Error(codes.Internal, err.Error())
	}
	sealed, err := q.UsageSealed(ctx, p, req.Epoch)
	if err != nil {
		return nil, status.Error(codes.Internal, err.Error())
	}
	out.Sealed = sealed || req.Epoch < next
	return out, nil
}
