package keeper

import (
	"context"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"cosmossdk.io/math"

	"github.com/flockchain/flockd/x/modeltoken/internal/storeread"
	"github.com/flockchain/flockd/x/modeltoken/types"
)

// GmLock returns one lock.
func (q queryServer) GmLock(ctx context.Context, req *types.QueryGmLockRequest) (*types.QueryGmLockResponse, error) {
	if req == nil {
		return nil, status.Error(codes.InvalidArgument, "empty request")
	}
	l, err := q.GmLocks.Get(ctx, req.LockId)
	if err != nil {
		return nil, storeread.NotFoundOr(err, "lock")
	}
	return &types.QueryGmLockResponse{Lock: l}, nil
}

// GmFlock returns a holder's locks, gmFLOCK and multiplier.
func (q queryServer) GmFlock(ctx context.Context, req *types.QueryGmFlockRequest) (*types.QueryGmFlockResponse, error) {
	if req == nil {
		return nil, status.Error(codes.InvalidArgument, "empty request")
	}
	owner, err := q.owner(req.Owner)
	if err != nil {
		return nil, err
	}
	locks, err := q.LocksOf(ctx, owner)
	if err != nil {
		return nil, status.Error(codes.Internal, err.Error())
	}
	total := math.ZeroInt()
	for _, l := range locks {
		total = total.Add(l.Gmflock)
	}
	x, g, err := q.Multiplier(ctx, owner)
	if err != nil {
		return nil, status.Error(codes.Internal, err.Error())
	}
	return &types.QueryGmFlockResponse{Locks: locks, Gmflock: total, Effective: x, Multiplier: g}, nil
}
