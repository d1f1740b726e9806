package keeper

import (
	"context"
	"encoding/binary"
	"fmt"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"cosmossdk.io/collections"

	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/flockchain/flockd/x/modeltoken/types"
)

// maxDisputableBatches bounds one DisputableBatches page, and
// maxDisputableOffset the batches an offset may skip (each is read).
const (
	maxDisputableBatches = 1000
	maxDisputableOffset  = 10_000
)

// encodeBatchKey is a DisputableBatches next_key: the epoch (8 bytes, big
// endian) and the batch id.
func encodeBatchKey(k collections.Pair[uint64, string]) []byte {
	return append(binary.BigEndian.AppendUint64(nil, k.K1()), k.K2()...)
}

func decodeBatchKey(b []byte) (collections.Pair[uint64, string], error) {
	if len(b) < 8 {
		return collections.Pair[uint64, string]{}, fmt.Errorf("%d bytes, want at least 8", len(b))
	}
	return collections.Join(binary.BigEndian.Uint64(b[:8]), string(b[8:])), nil
}

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
	start := collections.Join(first, "")
	after := false
	if req.Pagination != nil {
		if req.Pagination.Limit > 0 {
			limit = min(req.Pagination.Limit, maxDisputableBatches)
		}
		// An offset is walked, so it is bounded; pages beyond it go by key.
		if req.Pagination.Offset > maxDisputableOffset {
			return nil, status.Errorf(codes.InvalidArgument, "offset %d above %d: page with pagination.key (next_key)", req.Pagination.Offset, maxDisputableOffset)
		}
		offset = req.Pagination.Offset
		if len(req.Pagination.Key) > 0 {
			k, err := decodeBatchKey(req.Pagination.Key)
			if err != nil {
				return nil, status.Errorf(codes.InvalidArgument, "pagination.key: %v", err)
			}
			if k.K1() >= first {
				start, after = k, true
			}
		}
	}
	resp := &types.QueryDisputableBatchesResponse{Pagination: &query.PageResponse{}}
	var seen uint64
	rng := new(collections.Range[collections.Pair[uint64, string]]).StartInclusive(start)
	if after {
		rng = new(collections.Range[collections.Pair[uint64, string]]).StartExclusive(start)
	}
	err = q.Keeper.UsageBatches.Walk(ctx, rng, func(key collections.Pair[uint64, string], b types.UsageBatch) (bool, error) {
		seen++
		if seen <= offset || b.Voided {
			return false, nil
		}
		if uint64(len(resp.Batches))+1 >= limit {
			resp.Pagination.NextKey = encodeBatchKey(key)
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
