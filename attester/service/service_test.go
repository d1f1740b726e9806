package service

import (
	"context"
	"io"
	"log/slog"
	"slices"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"
	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/bech32"

	"github.com/flockchain/flockd/attester/batch"
	"github.com/flockchain/flockd/attester/chain"
	"github.com/flockchain/flockd/attester/journal"
	"github.com/flockchain/flockd/x/modeltoken/types"
)

// fakeChain is a chain at epoch 3, epoch 2 ended and open for usage. It
// records what the service signs and answers every broadcast with code 0.
type fakeChain struct {
	height   int64
	dropped  bool // sent transactions never reach a block
	me       sdk.AccAddress
	standing chain.Standing
	onchain  []types.UsageBatch
	signed   []*types.MsgSubmitUsage
}

var end2 = time.Date(2026, 12, 6, 12, 0, 0, 0, time.UTC)

func (f *fakeChain) Address() sdk.AccAddress { return f.me }
func (f *fakeChain) Head(context.Context) (chain.Head, error) {
	return chain.Head{Height: 100 + f.height, Time: end2.Add(time.Minute)}, nil
}
func (f *fakeChain) Params(context.Context) (types.Params, error) { return types.DefaultParams(), nil }
func (f *fakeChain) CurrentEpoch(context.Context) (types.EpochInfo, error) {
	return types.EpochInfo{Number: 3, StartTime: end2}, nil
}
func (f *fakeChain) EpochBounds(_ context.Context, e uint64) (*types.QueryEpochBoundsResponse, error) {
	if e == 2 {
		return &types.QueryEpochBoundsResponse{Epoch: 2, StartTime: end2.Add(-time.Hour), Ended: true, EndTime: end2, SealTime: end2.Add(6 * time.Hour)}, nil
	}
	return &types.QueryEpochBoundsResponse{Epoch: e, Ended: true, Sealed: true}, nil
}
func (f *fakeChain) Standing(context.Context) (chain.Standing, error) { return f.standing, nil }
func (f *fakeChain) Models(context.Context) (map[string]bool, error) {
	return map[string]bool{"mt/llama": true}, nil
}
func (f *fakeChain) Batches(context.Context, uint64) ([]types.UsageBatch, error) {
	return slices.Clone(f.onchain), nil
}
func (f *fakeChain) Sign(_ context.Context, msgs ...sdk.Msg) (chain.Signed, error) {
	m := msgs[0].(*types.MsgSubmitUsage)
	f.signed = append(f.signed, m)
	return chain.Signed{Bytes: []byte(m.ContentHash), Hash: "TX" + m.ContentHash[:8]}, nil
}
func (f *fakeChain) Broadcast(context.Context, chain.Signed) (uint32, string, string, error) {
	return 0, "", "", nil
}
func (f *fakeChain) TxResult(context.Context, string) (chain.Result, error) {
	if f.dropped {
		return chain.Result{}, nil
	}
	return chain.Result{Found: true, Height: 101}, nil
}

type fixedSource []batch.Event

func (s fixedSource) Events(context.Context, time.Time, time.Time) ([]batch.Event, error) {
	return s, nil
}
func (fixedSource) Close() error { return nil }

func account(t *testing.T, b byte) string {
	a, err := bech32.ConvertAndEncode("flock", slices.Repeat([]byte{b}, 20))
	require.NoError(t, err)
	return a
}

func setup(t *testing.T) (*fakeChain, *Service, journal.Journal, *Metrics, batch.Batch) {
	t.Helper()
	me := sdk.AccAddress(slices.Repeat([]byte{9}, 20))
	f := &fakeChain{me: me, standing: chain.Standing{Listed: true, Active: true, Bond: "10"}}
	events := fixedSource{
		{ID: "1", User: account(t, 1), Model: "mt/llama", Spend: 100, Time: end2.Add(-time.Minute)},
		{ID: "2", User: account(t, 2), Model: "mt/llama", Spend: 200, Time: end2.Add(-time.Minute)},
	}
	j, err := journal.OpenFile(t.TempDir())
	require.NoError(t, err)
	m := NewMetrics(prometheus.NewRegistry())
	s := New(f, events, j, m, slog.New(slog.NewTextHandler(io.Discard, nil)), Options{})
	plan := batch.Build(2, events, batch.Rules{MaxRowsPerBatch: 5000, MaxModelEpochSpend: 1 << 40, MaxAttesterShareBps: 5000,
		Model: func(string) (bool, bool) { return true, true }, Canonical: batch.CanonicalAddress("flock")})
	return f, s, j, m, plan.Batches[0]
}

func state(t *testing.T, j journal.Journal, b batch.Batch) journal.Entry {
	t.Helper()
	e, err := j.Get(context.Background(), journal.Key{Epoch: b.Epoch, Denom: b.Denom, BatchID: b.ID})
	require.NoError(t, err)
	return e
}

func TestServiceDecides(t *testing.T) {
	ctx := context.Background()
	t.Run("posts the rows when nothing is on chain, then sees it included", func(t *testing.T) {
		f, s, j, _, b := setup(t)
		require.NoError(t, s.Tick(ctx))
		require.Len(t, f.signed, 1)
		require.Len(t, f.signed[0].Rows, 2)
		require.Equal(t, journal.Broadcast, state(t, j, b).State)
		require.NoError(t, s.Tick(ctx))
		require.Equal(t, journal.Included, state(t, j, b).State)
		require.Len(t, f.signed, 1, "never signed twice")
		require.Equal(t, 2.0, testutil.ToFloat64(s.metrics.rowsPosted))
	})
	t.Run("confirms by hash what another attester posted", func(t *testing.T) {
		f, s, j, _, b := setup(t)
		f.onchain = []types.UsageBatch{{Epoch: 2, BatchId: b.ID, Denom: b.Denom, ContentHash: b.ContentHash, Attesters: []string{account(t, 7)}}}
		require.NoError(t, s.Tick(ctx))
		require.Len(t, f.signed, 1)
		require.Empty(t, f.signed[0].Rows, "a confirmation carries the hash only")
		require.Equal(t, b.ContentHash, f.signed[0].ContentHash)
		require.Equal(t, journal.Confirm, state(t, j, b).Mode)
	})
	t.Run("another content on chain: reported, nothing signed", func(t *testing.T) {
		f, s, j, m, b := setup(t)
		f.onchain = []types.UsageBatch{{Epoch: 2, BatchId: b.ID, Denom: b.Denom, ContentHash: "ff", Attesters: []string{account(t, 7)}}}
		require.NoError(t, s.Tick(ctx))
		require.Empty(t, f.signed)
		require.Equal(t, journal.Disagreed, state(t, j, b).State)
		require.Equal(t, 1.0, testutil.ToFloat64(m.disagreements))
	})
	t.Run("journal lost: our own signature on chain settles the id", func(t *testing.T) {
		f, s, j, _, b := setup(t)
		f.onchain = []types.UsageBatch{{Epoch: 2, BatchId: b.ID, Denom: b.Denom, ContentHash: "ee", Attesters: []string{f.me.String()}}}
		require.NoError(t, s.Tick(ctx))
		require.Empty(t, f.signed, "a second content for an id we signed would be equivocation")
		require.Equal(t, journal.Conflict, state(t, j, b).State)
	})
	t.Run("a transaction the mempool dropped is signed again, with the same content", func(t *testing.T) {
		f, s, j, _, b := setup(t)
		f.dropped = true
		require.NoError(t, s.Tick(ctx))
		require.NoError(t, s.Tick(ctx))
		require.Len(t, f.signed, 1, "still waiting: fewer than resend_after_blocks blocks")
		f.height = 10
		require.NoError(t, s.Tick(ctx))
		require.Len(t, f.signed, 2)
		require.Equal(t, f.signed[0], f.signed[1], "the same message")
		f.dropped = false
		require.NoError(t, s.Tick(ctx))
		require.Equal(t, journal.Included, state(t, j, b).State)
	})
	t.Run("inactive: posts nothing and says so", func(t *testing.T) {
		f, s, j, m, b := setup(t)
		f.standing = chain.Standing{Listed: true, Active: false, Jailed: true}
		require.NoError(t, s.Tick(ctx))
		require.Empty(t, f.signed)
		_, err := j.Get(ctx, journal.Key{Epoch: b.Epoch, Denom: b.Denom, BatchID: b.ID})
		require.ErrorIs(t, err, journal.ErrNotFound)
		require.Equal(t, 0.0, testutil.ToFloat64(m.active))
	})
	t.Run("source changes after the content is fixed: the fixed content is the one signed, the rest is late", func(t *testing.T) {
		f, s, j, _, b := setup(t)
		require.NoError(t, s.Tick(ctx)) // fixed and sent
		s.source = append(s.source.(fixedSource), batch.Event{ID: "3", User: account(t, 3), Model: "mt/llama", Spend: 50, Time: end2.Add(-time.Second)})
		require.NoError(t, s.Tick(ctx))
		require.Len(t, f.signed, 1)
		require.Equal(t, b.ContentHash, state(t, j, b).ContentHash)
		q, err := j.Quarantined(ctx, 2)
		require.NoError(t, err)
		require.Len(t, q, 1)
		require.Equal(t, batch.Late, q[0].Reason)
		require.Equal(t, int64(50), q[0].Event.Spend)
	})
}
