package keeper_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/collections"

	"github.com/flockchain/flockd/x/modeltoken/types"
)

// An epoch with more models than one block may seal is settled over several
// blocks, resuming after the last denom, and ends exactly where settling
// all models at once ends: same pools, same summary. Until its last model
// the epoch is not settled (no summary, nothing claimable), the progress
// survives an export, and the invariants hold after every block.
func TestSettlementSpansBlocksWithTheSameResult(t *testing.T) {
	f := newFixture(t)
	denoms := []string{f.liveToken(t, "AAA"), f.liveToken(t, "BBB"), f.liveToken(t, "CCC")}
	f.nextEpoch(t)
	f.withAttesters(t, 1, 1)
	cur, err := f.ModelTokenKeeper.GetEpoch(f.Ctx)
	require.NoError(t, err)
	e := cur.Number
	for i, d := range denoms {
		f.post(t, e, d, "b-"+d, types.UsageRow{User: userAddr(1).String(), Spend: uint64(1_000_000 * (i + 1))},
			types.UsageRow{User: userAddr(2).String(), Spend: 700_000})
	}
	f.nextEpoch(t)
	p, err := f.ModelTokenKeeper.Params.Get(f.Ctx)
	require.NoError(t, err)
	next, err := f.ModelTokenKeeper.GetEpoch(f.Ctx)
	require.NoError(t, err)
	f.Ctx = f.Ctx.WithBlockTime(next.StartTime.Add(p.AttestationGrace).Add(p.DisputeWindow)).WithBlockHeight(f.Ctx.BlockHeight() + 1)

	// The reference: every model in one block, in a throwaway copy.
	once, _ := f.Ctx.CacheContext()
	require.NoError(t, f.ModelTokenKeeper.SettleNextEpochWithLimitForTest(once, 500))
	wantSummary, err := f.ModelTokenKeeper.EpochSummaries.Get(once, e)
	require.NoError(t, err)
	require.EqualValues(t, 3, wantSummary.Models)

	for block := 1; block <= 3; block++ {
		require.NoError(t, f.ModelTokenKeeper.SettleNextEpochWithLimitForTest(f.Ctx, 1))
		require.NoError(t, f.ModelTokenKeeper.CheckInvariants(f.Ctx), "after block %d", block)
		_, err := f.ModelTokenKeeper.EpochSummaries.Get(f.Ctx, e)
		prog, perr := f.ModelTokenKeeper.SettleProgress.Get(f.Ctx)
		if block < 3 {
			require.ErrorIs(t, err, collections.ErrNotFound, "block %d: not settled before its last model", block)
			require.NoError(t, perr)
			require.Equal(t, denoms[block-1], prog.LastDenom)
			require.EqualValues(t, block, prog.Models)
			require.True(t, f.pending(t, userAddr(1)).IsZero(), "nothing claimable mid-settlement")
			gs, err := f.ModelTokenKeeper.ExportGenesis(f.Ctx)
			require.NoError(t, err)
			require.NotNil(t, gs.SettleProgress)
			require.NoError(t, gs.Validate(addrCodec()), "an export mid-settlement is a valid genesis")
			gs.SettleProgress.Emitted = gs.SettleProgress.Emitted.AddRaw(1)
			require.ErrorIs(t, gs.Validate(addrCodec()), types.ErrInvalidGenesis, "progress that disagrees with the sealed pools")
			gs.SettleProgress.Emitted = gs.SettleProgress.Emitted.SubRaw(1)
			gs.SettleProgress.LastDenom = "mt/a" // before the sealed models
			require.ErrorIs(t, gs.Validate(addrCodec()), types.ErrInvalidGenesis, "a sealed model after the resume point")
			gs.SettleProgress.LastDenom = prog.LastDenom
			gs.SettleProgress.TotalUsage = gs.SettleProgress.TotalUsage.SubRaw(1)
			require.ErrorIs(t, gs.Validate(addrCodec()), types.ErrInvalidGenesis, "a total below the models' usage inflates the pools")
			gs.SettleProgress.TotalUsage = gs.SettleProgress.TotalUsage.AddRaw(1)
			require.NoError(t, gs.Validate(addrCodec()))
			// Importing the export elsewhere resumes it; an emission above the
			// schedule is refused at import.
			inflated := *gs
			p := *gs.SettleProgress
			p.Emission = p.Emission.MulRaw(1_000_000)
			inflated.SettleProgress = &p
			fresh := newFixture(t)
			err = fresh.ModelTokenKeeper.InitGenesis(fresh.Ctx, inflated)
			require.ErrorIs(t, err, types.ErrInvalidGenesis)
			require.ErrorContains(t, err, "above the schedule")
			continue
		}
		require.NoError(t, err)
		require.ErrorIs(t, perr, collections.ErrNotFound, "the progress is removed at the end")
	}
	gotSummary, err := f.ModelTokenKeeper.EpochSummaries.Get(f.Ctx, e)
	require.NoError(t, err)
	require.Equal(t, wantSummary, gotSummary)
	for _, d := range denoms {
		want, err := f.ModelTokenKeeper.EpochRewards.Get(once, collections.Join(e, d))
		require.NoError(t, err)
		got, err := f.ModelTokenKeeper.EpochRewards.Get(f.Ctx, collections.Join(e, d))
		require.NoError(t, err)
		require.Equal(t, want, got, d)
	}
	require.False(t, f.pending(t, userAddr(1)).IsZero(), "claimable once settled")
}
