package keeper

import (
	"context"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"cosmossdk.io/collections"

	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/flockchain/flockd/x/modeltoken/types"
)

// maxDisputableBatches bounds one DisputableBatches page.
const maxDisputableBatches = 1000

// AttesterStatus returns an attester's bond and whether it is listed and active.
func (q queryServer) AttesterStatus(ctx context.Context, req *types.QueryAttesterStatusRequest) (*types.QueryAttesterStatusResponse, error) {
	if req == nil {
		return nil, status.Error(codes.InvalidArgument, "empty request")
	}
	addr, err := q.addressCodec.StringToBytes(req.Attester)
	if err != nil {
		return nil, status.Errorf(codes.InvalidArgument, "attester %q: %v", req.Attester, err)
	}
	p, err := q.Keeper.Params.Get(ctx)
	if err != nil {
		return nil, status.Error(codes.Internal, err.Error())
	}
	b, err := q.getBond(ctx, addr)
	if err != nil {
		return nil, status.Error(codes.Internal, err.Error())
	}
	active, err := q.attesterActive(ctx, p, b.Attester)
	if err != nil {
		return nil, status.Error(codes.Internal, err.Error())
	}
	return &types.QueryAttesterStatusResponse{Bond: b, Listed: listed(p.Attesters, b.Attester), Active: active}, nil
}

// DisputableBatches lists the batches of every epoch not settled yet (the
// ones that may still be voided), with when each epoch may settle. The
// pagination takes a limit and an offset.
func (q queryServer) DisputableBatches(ctx context.Context, req *types.QueryDisputableBatchesRequest) (*types.QueryDisputableBatchesResponse, error) {
	if req == nil {
		return nil, status.Error(codes.InvalidArgument, "empty request")
	}
	p, err := q.Keeper.Params.Get(ctx)
	if err != nil {
		return nil, status.Error(codes.Internal, err.Error())
	}
	first, err := q.nextSettle(ctx)
	if err != nil {
		return nil, status.Error(codes.Internal, err.Error())
	}
	limit, offset := uint64(100), uint64(0)
	if req.Pagination != nil {
		if req.Pagination.Limit > 0 {
			limit = min(req.Pagination.Limit, maxDisputableBatches)
		}
		offset = req.Pagination.Offset
	}
	resp := &types.QueryDisputableBatchesResponse{Pagination: &query.PageResponse{}}
	var seen uint64
	rng := new(collections.Range[collections.Pair[uint64, string]]).StartInclusive(collections.Join(first, ""))
	err = q.Keeper.UsageBatches.Walk(ctx, rng, func(_ collections.Pair[uint64, string], b types.UsageBatch) (bool, error) {
		seen++
		if seen <= offset || b.Voided {
			return false, nil
		}
		end, err := q.disputeEnd(ctx, p, b.Epoch)
		if err != nil {
			return true, err
		}
		resp.Batches = append(resp.Batches, b)
		resp.DisputeEnds = append(resp.DisputeEnds, end)
		return uint64(len(resp.Batches)) >= limit, nil
	})
	if err != nil {
		return nil, status.Error(codes.Internal, err.Error())
	}
	return resp, nil
}

// Evidence lists slashes, optionally of one attester, paginated.
func (q queryServer) Evidence(ctx context.Context, req *types.QueryEvidenceRequest) (*types.QueryEvidenceResponse, error) {
	if req == nil {
		return nil, status.Error(codes.InvalidArgument, "empty request")
	}
	if req.Attester != "" {
		if _, err := q.addressCodec.StringToBytes(req.Attester); err != nil {
			return nil, status.Errorf(codes.InvalidArgument, "attester %q: %v", req.Attester, err)
		}
	}
	ev, page, err := query.CollectionFilteredPaginate(ctx, q.Keeper.Evidence, req.Pagination,
		func(_ uint64, e types.AttestationEvidence) (bool, error) {
			return req.Attester == "" || e.Attester == req.Attester, nil
		},
		func(_ uint64, e types.AttestationEvidence) (types.AttestationEvidence, error) { return e, nil })
	if err != nil {
		return nil, status.Error(codes.InvalidArgument, err.Error())
	}
	return &types.QueryEvidenceResponse{Evidence: ev, Pagination: page}, nil
}
