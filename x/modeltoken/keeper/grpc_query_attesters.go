package keeper

import (
	"context"
	"fmt"
	"slices"

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

// encodeBatchKey is a DisputableBatches next_key: the batch's store key
// (epoch big-endian, batch id, content hash).
func encodeBatchKey(k BatchKey) ([]byte, error) {
	return collections.EncodeKeyWithPrefix(nil, batchKeyCodec, k)
}

func decodeBatchKey(b []byte) (BatchKey, error) {
	n, k, err := batchKeyCodec.Decode(b)
	if err == nil && n != len(b) {
		err = fmt.Errorf("%d trailing bytes", len(b)-n)
	}
	return k, err
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
	return &types.QueryAttesterStatusResponse{Bond: b, Listed: slices.Contains(p.Attesters, b.Attester), Active: active}, nil
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
	start := collections.Join3(first, "", "")
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
	rng := new(collections.Range[BatchKey]).StartInclusive(start)
	if after {
		rng = new(collections.Range[BatchKey]).StartExclusive(start)
	}
	err = q.Keeper.UsageBatches.Walk(ctx, rng, func(key BatchKey, b types.UsageBatch) (bool, error) {
		seen++
		if seen <= offset || b.Voided {
			return false, nil
		}
		if uint64(len(resp.Batches))+1 >= limit {
			next, err := encodeBatchKey(key)
			if err != nil {
				return true, err
			}
			resp.Pagination.NextKey = next
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
