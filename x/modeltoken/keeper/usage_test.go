package keeper_test

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"cosmossdk.io/math"

	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"

	"github.com/flockchain/flockd/x/modeltoken/types"
)

func TestSubmitUsageQuorumOne(t *testing.T) {
	f := newFixture(t)
	denom, epoch := f.usageSetup(t, 1, 1)
	att := f.Accounts[0].String()
	rows := rowsFor(0, 3, 1_000_000)
	res, err := f.msg.SubmitUsage(f.Ctx, &types.MsgSubmitUsage{Attester: att, Epoch: epoch, Denom: denom, BatchId: "b1", Rows: rows})
	require.NoError(t, err)
	require.True(t, res.Applied)
	require.Equal(t, types.UsageContentHash(denom, epoch, rows), res.ContentHash)
	require.EqualValues(t, 1_000_000, f.usage(t, epoch, denom, userAddr(1)))
	mu := f.modelUsage(t, epoch, denom)
	require.Equal(t, math.NewInt(3_000_000), mu.TotalSpend)
	require.EqualValues(t, 3, mu.Users)

	// The same batch id again is a replay.
	_, err = f.msg.SubmitUsage(f.Ctx, &types.MsgSubmitUsage{Attester: att, Epoch: epoch, Denom: denom, BatchId: "b1", Rows: rows})
	require.ErrorIs(t, err, types.ErrDuplicateBatch)
	// A second batch accumulates per user.
	_, err = f.msg.SubmitUsage(f.Ctx, &types.MsgSubmitUsage{Attester: att, Epoch: epoch, Denom: denom, BatchId: "b2", Rows: rowsFor(2, 2, 500)})
	require.NoError(t, err)
	require.EqualValues(t, 1_000_500, f.usage(t, epoch, denom, userAddr(2)))
	mu = f.modelUsage(t, epoch, denom)
	require.Equal(t, math.NewInt(3_001_000), mu.TotalSpend)
	require.EqualValues(t, 4, mu.Users)
	batches, err := f.query.UsageBatches(f.Ctx, &types.QueryUsageBatchesRequest{Epoch: epoch})
	require.NoError(t, err)
	require.Len(t, batches.Batches, 2)
}

func TestSubmitUsageRejects(t *testing.T) {
	f := newFixture(t)
	denom, epoch := f.usageSetup(t, 1, 1)
	att := f.Accounts[0].String()
	_, err := f.msg.CreateLaunch(f.Ctx, launchMsg(f.Accounts[0], "RAISING"))
	require.NoError(t, err)
	_, err = f.msg.SubmitUsage(f.Ctx, &types.MsgSubmitUsage{Attester: att, Epoch: epoch, Denom: denom, BatchId: "taken", Rows: rowsFor(0, 1, 1)})
	require.NoError(t, err)
	p, err := f.ModelTokenKeeper.Params.Get(f.Ctx)
	require.NoError(t, err)
	tooMany := rowsFor(0, int(p.MaxRowsPerBatch)+1, 1)

	tests := []struct {
		name string
		msg  types.MsgSubmitUsage
		want error
	}{
		{"not an attester", types.MsgSubmitUsage{Attester: f.Accounts[1].String(), Epoch: epoch, Denom: denom, BatchId: "x", Rows: rowsFor(0, 1, 1)}, types.ErrNotAttester},
		{"malformed attester", types.MsgSubmitUsage{Attester: "flock1x", Epoch: epoch, Denom: denom, BatchId: "x", Rows: rowsFor(0, 1, 1)}, sdkerrors.ErrInvalidAddress},
		{"unknown model", types.MsgSubmitUsage{Attester: att, Epoch: epoch, Denom: "mt/nope", BatchId: "x", Rows: rowsFor(0, 1, 1)}, types.ErrUnknownModelToken},
		{"raising model", types.MsgSubmitUsage{Attester: att, Epoch: epoch, Denom: "mt/raising", BatchId: "x", Rows: rowsFor(0, 1, 1)}, types.ErrModelTokenNotLive},
		{"future epoch", types.MsgSubmitUsage{Attester: att, Epoch: epoch + 1, Denom: denom, BatchId: "x", Rows: rowsFor(0, 1, 1)}, types.ErrEpochNotOpen},
		{"epoch zero", types.MsgSubmitUsage{Attester: att, Epoch: 0, Denom: denom, BatchId: "x", Rows: rowsFor(0, 1, 1)}, types.ErrEpochNotOpen},
		{"empty batch", types.MsgSubmitUsage{Attester: att, Epoch: epoch, Denom: denom, BatchId: "x"}, types.ErrInvalidBatch},
		{"empty batch id", types.MsgSubmitUsage{Attester: att, Epoch: epoch, Denom: denom, Rows: rowsFor(0, 1, 1)}, types.ErrInvalidBatch},
		{"too many rows", types.MsgSubmitUsage{Attester: att, Epoch: epoch, Denom: denom, BatchId: "x", Rows: tooMany}, types.ErrInvalidBatch},
		{"malformed user", types.MsgSubmitUsage{Attester: att, Epoch: epoch, Denom: denom, BatchId: "x", Rows: append(rowsFor(0, 2, 1), types.UsageRow{User: "bad", Spend: 1})}, types.ErrInvalidBatch},
		{"zero spend", types.MsgSubmitUsage{Attester: att, Epoch: epoch, Denom: denom, BatchId: "x", Rows: append(rowsFor(0, 2, 1), types.UsageRow{User: userAddr(9).String()})}, types.ErrInvalidBatch},
		{"duplicate user", types.MsgSubmitUsage{Attester: att, Epoch: epoch, Denom: denom, BatchId: "x", Rows: append(rowsFor(0, 2, 1), rowsFor(1, 1, 5)...)}, types.ErrInvalidBatch},
		{"batch replayed by its attester", types.MsgSubmitUsage{Attester: att, Epoch: epoch, Denom: denom, BatchId: "taken", Rows: rowsFor(0, 1, 1)}, types.ErrDuplicateBatch},
		{"hash does not match rows", types.MsgSubmitUsage{Attester: att, Epoch: epoch, Denom: denom, BatchId: "x", Rows: rowsFor(0, 1, 1), ContentHash: strings.Repeat("0", 64)}, types.ErrContentMismatch},
		{"malformed content hash", types.MsgSubmitUsage{Attester: att, Epoch: epoch, Denom: denom, BatchId: "x", Rows: rowsFor(0, 1, 1), ContentHash: "00"}, types.ErrInvalidBatch},
		{"upper-case content hash", types.MsgSubmitUsage{Attester: att, Epoch: epoch, Denom: denom, BatchId: "x", ContentHash: strings.Repeat("A", 64)}, types.ErrInvalidBatch},
		{"hash-only confirmation of an unknown batch", types.MsgSubmitUsage{Attester: att, Epoch: epoch, Denom: denom, BatchId: "x", ContentHash: strings.Repeat("0", 64)}, types.ErrInvalidBatch},
		{"non-ASCII batch id", types.MsgSubmitUsage{Attester: att, Epoch: epoch, Denom: denom, BatchId: "b\u00e9", Rows: rowsFor(0, 1, 1)}, types.ErrInvalidBatch},
		{"control character in batch id", types.MsgSubmitUsage{Attester: att, Epoch: epoch, Denom: denom, BatchId: "x\x00y", Rows: rowsFor(0, 1, 1)}, types.ErrInvalidBatch},
		{"above one attester's share of the model cap", types.MsgSubmitUsage{Attester: att, Epoch: epoch, Denom: denom, BatchId: "x", Rows: rowsFor(0, 1, p.MaxModelEpochSpend/2+1)}, types.ErrAttesterShare},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before := f.modelUsage(t, epoch, denom)
			cache, _ := f.Ctx.CacheContext() // a failed tx's writes are discarded; check the keeper wrote nothing before failing too
			_, err := f.msg.SubmitUsage(cache, &tc.msg)
			require.ErrorIs(t, err, tc.want)
			_, err = f.msg.SubmitUsage(f.Ctx, &tc.msg)
			require.ErrorIs(t, err, tc.want)
			require.Equal(t, before, f.modelUsage(t, epoch, denom))
			require.Zero(t, countKeys(t, f, f.ModelTokenKeeper.UsageBatches, batchIDRange(epoch, "x")), "no batch stored")
		})
	}
}

// TestUsageWindowAndSealing: the previous epoch accepts usage during the
// grace period and is sealed after it.
func TestUsageWindowAndSealing(t *testing.T) {
	f := newFixture(t)
	denom, epoch := f.usageSetup(t, 1, 1)
	att := f.Accounts[0].String()
	f.nextEpoch(t)
	f.advance(types.DefaultAttestationGrace - time.Minute)
	_, err := f.msg.SubmitUsage(f.Ctx, &types.MsgSubmitUsage{Attester: att, Epoch: epoch, Denom: denom, BatchId: "late-ok", Rows: rowsFor(0, 1, 7)})
	require.NoError(t, err, "within the grace period")
	f.advance(time.Minute)
	_, err = f.msg.SubmitUsage(f.Ctx, &types.MsgSubmitUsage{Attester: att, Epoch: epoch, Denom: denom, BatchId: "too-late", Rows: rowsFor(0, 1, 7)})
	require.ErrorIs(t, err, types.ErrEpochSealed)
	_, err = f.msg.SubmitUsage(f.Ctx, &types.MsgSubmitUsage{Attester: att, Epoch: epoch + 1, Denom: denom, BatchId: "current", Rows: rowsFor(0, 1, 7)})
	require.NoError(t, err, "the current epoch is open")
	require.EqualValues(t, 7, f.usage(t, epoch, denom, userAddr(0)))
}

// TestEpochBoundsFollowTheWindow: the bounds query an attester service
// assigns events by agrees with what SubmitUsage accepts.
func TestEpochBoundsFollowTheWindow(t *testing.T) {
	f := newFixture(t)
	_, epoch := f.usageSetup(t, 1, 1)
	bounds := func() *types.QueryEpochBoundsResponse {
		res, err := f.query.EpochBounds(f.Ctx, &types.QueryEpochBoundsRequest{Epoch: epoch})
		require.NoError(t, err)
		return res
	}
	b := bounds()
	require.False(t, b.Ended)
	require.False(t, b.Sealed)
	start := b.StartTime
	f.nextEpoch(t)
	b = bounds()
	require.True(t, b.Ended)
	require.Equal(t, start, b.StartTime)
	require.Equal(t, f.Ctx.BlockTime(), b.EndTime, "an epoch ends when the next starts")
	require.Equal(t, b.EndTime.Add(types.DefaultAttestationGrace), b.SealTime)
	require.False(t, b.Sealed)
	f.advance(types.DefaultAttestationGrace)
	require.True(t, bounds().Sealed)
	_, err := f.query.EpochBounds(f.Ctx, &types.QueryEpochBoundsRequest{Epoch: epoch + 5})
	require.Equal(t, codes.NotFound, status.Code(err), "an epoch that has not started")
}

// TestQuorumTwoWithALiar: one attester posts rows, another posts different
// rows under the same batch id: the lie opens a rival content that needs a
// quorum of its own, nothing takes effect until a second attester confirms
// one content, and the liar cannot then confirm the honest content without
// equivocating.
func TestQuorumTwoWithALiar(t *testing.T) {
	f := newFixture(t)
	denom, epoch := f.usageSetup(t, 3, 2)
	honest := rowsFor(0, 3, 100)
	lie := rowsFor(0, 3, 100_000)
	res, err := f.msg.SubmitUsage(f.Ctx, &types.MsgSubmitUsage{Attester: f.Accounts[0].String(), Epoch: epoch, Denom: denom, BatchId: "b", Rows: honest})
	require.NoError(t, err)
	require.False(t, res.Applied)
	require.Zero(t, f.usage(t, epoch, denom, userAddr(0)), "one attester is not a quorum")

	rival, err := f.msg.SubmitUsage(f.Ctx, &types.MsgSubmitUsage{Attester: f.Accounts[1].String(), Epoch: epoch, Denom: denom, BatchId: "b", Rows: lie})
	require.NoError(t, err, "another content under the id is a rival candidate, not a mismatch")
	require.False(t, rival.Applied)
	require.EqualValues(t, 1, rival.Confirmations)
	_, err = f.msg.SubmitUsage(f.Ctx, &types.MsgSubmitUsage{Attester: f.Accounts[1].String(), Epoch: epoch, Denom: denom, BatchId: "b", ContentHash: types.UsageContentHash(denom, epoch, lie)})
	require.ErrorIs(t, err, types.ErrDuplicateBatch)
	require.Zero(t, f.usage(t, epoch, denom, userAddr(0)), "the lie changed nothing")
	require.Equal(t, 2, countKeys(t, f, f.ModelTokenKeeper.UsageBatches, batchIDRange(epoch, "b")))
	_, err = f.msg.SubmitUsage(f.Ctx, &types.MsgSubmitUsage{Attester: f.Accounts[0].String(), Epoch: epoch, Denom: denom, BatchId: "b", ContentHash: res.ContentHash})
	require.ErrorIs(t, err, types.ErrDuplicateBatch, "the same attester cannot confirm itself")

	// Quorum changes do not apply to an open batch.
	f.withAttesters(t, 4, 1)
	conf, err := f.msg.SubmitUsage(f.Ctx, &types.MsgSubmitUsage{Attester: f.Accounts[2].String(), Epoch: epoch, Denom: denom, BatchId: "b", ContentHash: res.ContentHash})
	require.NoError(t, err)
	require.True(t, conf.Applied)
	require.EqualValues(t, 2, conf.Confirmations)
	require.EqualValues(t, 100, f.usage(t, epoch, denom, userAddr(0)))
	require.Equal(t, math.NewInt(300), f.modelUsage(t, epoch, denom).TotalSpend)

	// The id is applied: its rival content can no longer be confirmed, and
	// the liar, having signed the lie, equivocates by signing the truth.
	_, err = f.msg.SubmitUsage(f.Ctx, &types.MsgSubmitUsage{Attester: f.attester(3).String(), Epoch: epoch, Denom: denom, BatchId: "b", Rows: lie})
	require.ErrorIs(t, err, types.ErrContentMismatch)
	eq, err := f.msg.SubmitUsage(f.Ctx, &types.MsgSubmitUsage{Attester: f.Accounts[1].String(), Epoch: epoch, Denom: denom, BatchId: "b", ContentHash: res.ContentHash})
	require.NoError(t, err)
	require.True(t, eq.Equivocation)

	late, err := f.msg.SubmitUsage(f.Ctx, &types.MsgSubmitUsage{Attester: f.attester(3).String(), Epoch: epoch, Denom: denom, BatchId: "b", Rows: honest})
	require.NoError(t, err)
	require.EqualValues(t, 3, late.Confirmations)
	require.Equal(t, math.NewInt(300), f.modelUsage(t, epoch, denom).TotalSpend, "a late confirmation does not apply twice")
}

// TestUsageGasIsPerRow: a batch's gas grows with its rows, so attesters pay.
func TestUsageGasIsPerRow(t *testing.T) {
	f := newFixture(t)
	denom, epoch := f.usageSetup(t, 1, 1)
	gasFor := func(id string, from, n int) uint64 {
		ctx := f.Ctx.WithGasMeter(storeGasMeter())
		_, err := f.msg.SubmitUsage(ctx, &types.MsgSubmitUsage{Attester: f.Accounts[0].String(), Epoch: epoch, Denom: denom, BatchId: id, Rows: rowsFor(from, n, 1)})
		require.NoError(t, err)
		return ctx.GasMeter().GasConsumed()
	}
	small, large := gasFor("small", 0, 10), gasFor("large", 1000, 1010)
	require.Greater(t, large, small*50, "1010 rows cost far more than 10: %d vs %d", large, small)
	require.Greater(t, large-small, uint64(1000)*types.DefaultUsageRowGas)
}
