package keeper_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/flockchain/flockd/x/modeltoken/types"
)

// Batch-id squatting: a bonded attester below quorum takes the id an honest
// attester will use (predictable, or seen in the mempool) with junk rows.

// honestRewards is what the honest users of c earn when only the honest
// batch is posted (quorum 2 of 3, no attacker).
func honestRewards(t *testing.T) []sdk.Coins {
	base := newCompromisedEpoch(t, 3, 2)
	_, err := base.f.submit(t, base.f.Accounts[0], base.epoch, base.denom, "b", base.honest, "")
	require.NoError(t, err)
	_, err = base.f.submit(t, base.f.Accounts[2], base.epoch, base.denom, "b", nil, types.UsageContentHash(base.denom, base.epoch, base.honest))
	require.NoError(t, err)
	return base.rewards(t)
}

// TestBatchIDSquattingDelaysNothing: the squatter posts junk under "b"
// first. The honest opener and confirmer go through under the same id
// (their content is a rival candidate with its own quorum), the honest users
// are paid exactly as without the squat, the junk can no longer be
// confirmed, no honest attester is slashed, and the squatter that then signs
// the honest content is slashed for equivocation.
func TestBatchIDSquattingDelaysNothing(t *testing.T) {
	want := honestRewards(t)
	c := newCompromisedEpoch(t, 3, 2)
	f, honestA, squatter, honestC := c.f, c.f.Accounts[0], c.f.Accounts[1], c.f.Accounts[2]
	honestHash := types.UsageContentHash(c.denom, c.epoch, c.honest)

	squat, err := f.submit(t, squatter, c.epoch, c.denom, "b", c.fake, "")
	require.NoError(t, err)
	require.False(t, squat.Applied)

	opened, err := f.submit(t, honestA, c.epoch, c.denom, "b", c.honest, "")
	require.NoError(t, err, "the honest opener is not refused")
	require.False(t, opened.Applied)
	require.Equal(t, honestHash, opened.ContentHash)
	confirmed, err := f.submit(t, honestC, c.epoch, c.denom, "b", nil, honestHash)
	require.NoError(t, err, "nor is the honest confirmer")
	require.True(t, confirmed.Applied)
	require.EqualValues(t, 2, confirmed.Confirmations)

	// The junk never applied, and the squatter cannot join the honest
	// content without equivocating.
	junk, err := f.query.UsageBatches(f.Ctx, &types.QueryUsageBatchesRequest{Epoch: c.epoch})
	require.NoError(t, err)
	require.Len(t, junk.Batches, 2, "both contents of b are listed")
	for _, b := range junk.Batches {
		require.Equal(t, b.ContentHash == honestHash, b.Applied)
	}
	eq, err := f.submit(t, squatter, c.epoch, c.denom, "b", nil, honestHash)
	require.NoError(t, err)
	require.True(t, eq.Equivocation, "the squatter signed two contents of one id")
	require.Equal(t, flock(trustBond/2), f.bond(t, squatter).Bond.Slashed)
	for _, a := range []sdk.AccAddress{honestA, honestC} {
		require.True(t, f.bond(t, a).Bond.Slashed.IsZero())
		require.True(t, f.bond(t, a).Active)
	}
	require.Zero(t, f.usage(t, c.epoch, c.denom, userAddr(99)), "the junk user has no usage")
	require.NoError(t, f.ModelTokenKeeper.CheckInvariants(f.Ctx))
	require.Equal(t, want, c.rewards(t), "honest users are paid as if the squat never happened")
	require.True(t, f.pending(t, userAddr(99)).IsZero())
}

// TestVoidingTheSquatDoesNotBurnTheID: a guardian voids the junk content of
// "b" (named by its hash: the id has two contents) in the grace after the
// epoch; the honest content of "b" is untouched, and an honest content
// posted under "b" after the void still applies.
func TestVoidingTheSquatDoesNotBurnTheID(t *testing.T) {
	want := honestRewards(t)
	c := newCompromisedEpoch(t, 3, 2)
	f, honestA, squatter, honestC, g := c.f, c.f.Accounts[0], c.f.Accounts[1], c.f.Accounts[2], guardian()
	junkHash := types.UsageContentHash(c.denom, c.epoch, c.fake)
	_, err := f.submit(t, squatter, c.epoch, c.denom, "b", c.fake, "")
	require.NoError(t, err)
	_, err = f.submit(t, honestA, c.epoch, c.denom, "b", c.honest, "")
	require.NoError(t, err)
	f.nextEpoch(t) // the epoch ended: its batches may be voided, and confirmed in the grace

	void := func(req types.MsgVoidBatch) (*types.MsgVoidBatchResponse, error) {
		req.Authority, req.Epoch, req.BatchId = g.String(), c.epoch, "b"
		return f.msg.VoidBatch(f.Ctx, &req)
	}
	_, err = void(types.MsgVoidBatch{})
	require.ErrorIs(t, err, types.ErrInvalidBatch, "two contents: the void must name one")
	_, err = void(types.MsgVoidBatch{ContentHash: strings.Repeat("0", 64)})
	require.ErrorIs(t, err, types.ErrUnknownBatch)
	_, err = void(types.MsgVoidBatch{ContentHash: "0"})
	require.ErrorIs(t, err, types.ErrInvalidBatch, "a malformed hash")
	res, err := void(types.MsgVoidBatch{ContentHash: junkHash, Reason: "squat"})
	require.NoError(t, err)
	require.Equal(t, []string{squatter.String()}, res.Slashed)
	_, err = void(types.MsgVoidBatch{Rows: c.fake})
	require.ErrorIs(t, err, types.ErrBatchVoided, "the rows name the voided content")

	// The honest content of "b" was not voided: its confirmation applies it.
	confirmed, err := f.submit(t, honestC, c.epoch, c.denom, "b", nil, types.UsageContentHash(c.denom, c.epoch, c.honest))
	require.NoError(t, err)
	require.True(t, confirmed.Applied)
	require.True(t, f.bond(t, honestA).Bond.Slashed.IsZero())
	require.NoError(t, f.ModelTokenKeeper.CheckInvariants(f.Ctx))
	require.Equal(t, want, c.rewards(t))
}

// TestVoidOfAnAppliedContentNamedByItsRows: with rival contents under an
// id, rows alone name the content to void (their hash), and rows that match
// none are refused.
func TestVoidOfAnAppliedContentNamedByItsRows(t *testing.T) {
	c := newCompromisedEpoch(t, 3, 2)
	f, a, b, cc, g := c.f, c.f.Accounts[0], c.f.Accounts[1], c.f.Accounts[2], guardian()
	_, err := f.submit(t, a, c.epoch, c.denom, "b", c.fake, "")
	require.NoError(t, err)
	_, err = f.submit(t, b, c.epoch, c.denom, "b", c.honest, "")
	require.NoError(t, err)
	res, err := f.submit(t, cc, c.epoch, c.denom, "b", nil, types.UsageContentHash(c.denom, c.epoch, c.honest))
	require.NoError(t, err)
	require.True(t, res.Applied)
	f.nextEpoch(t)

	_, err = f.msg.VoidBatch(f.Ctx, &types.MsgVoidBatch{Authority: g.String(), Epoch: c.epoch, BatchId: "b", Rows: rowsFor(50, 1, 1)})
	require.ErrorIs(t, err, types.ErrContentMismatch)
	v, err := f.msg.VoidBatch(f.Ctx, &types.MsgVoidBatch{Authority: g.String(), Epoch: c.epoch, BatchId: "b", Rows: c.honest})
	require.NoError(t, err)
	require.ElementsMatch(t, []string{b.String(), cc.String()}, v.Slashed, "the applied content's attesters, not the rival's")
	require.Zero(t, f.usage(t, c.epoch, c.denom, userAddr(0)))
	require.NoError(t, f.ModelTokenKeeper.CheckInvariants(f.Ctx))
}

// TestBatchIDsAreScopedPerModel (finding 4 of the second review): an honest
// attester that numbers its batches per model posts batch "1" on two models
// in one epoch. Each is its own batch: both apply, no one is slashed. It
// used to count as a second content for batch "1" and cost the attester
// half its bond and its job.
func TestBatchIDsAreScopedPerModel(t *testing.T) {
	c := newCompromisedEpoch(t, 2, 1)
	f, a := c.f, c.f.Accounts[0]
	other := f.liveToken(t, "OTHER")
	e, err := f.ModelTokenKeeper.GetEpoch(f.Ctx)
	require.NoError(t, err)
	c.epoch = e.Number // liveToken may have moved the clock on: post both in the current epoch
	first, err := f.submit(t, a, c.epoch, c.denom, "1", c.honest, "")
	require.NoError(t, err)
	require.True(t, first.Applied)
	second, err := f.submit(t, a, c.epoch, other, "1", c.honest, "")
	require.NoError(t, err)
	require.True(t, second.Applied)
	require.False(t, second.Equivocation)
	require.True(t, f.bond(t, a).Bond.Slashed.IsZero())
	require.True(t, f.bond(t, a).Active)
	for _, d := range []string{c.denom, other} {
		require.EqualValues(t, 2_000_000_000, f.usage(t, c.epoch, d, userAddr(0)))
	}
	_, err = f.submit(t, a, c.epoch, other, "1", c.honest, "")
	require.ErrorIs(t, err, types.ErrDuplicateBatch, "a replay on the second model is still a replay")
	require.NoError(t, f.ModelTokenKeeper.CheckInvariants(f.Ctx))
}
