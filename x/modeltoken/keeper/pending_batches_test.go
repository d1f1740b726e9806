package keeper_test

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/collections"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/flockchain/flockd/x/modeltoken/keeper"
	"github.com/flockchain/flockd/x/modeltoken/types"
)

// countKeys counts the keys of m under rng.
func countKeys[K, V any](t *testing.T, f *fixture, m collections.Map[K, V], rng collections.Ranger[K]) int {
	t.Helper()
	n := 0
	require.NoError(t, m.Walk(f.Ctx, rng, func(K, V) (bool, error) { n++; return false, nil }))
	return n
}

// TestAttackPendingBatchFlood: a bonded attester below quorum opened 20,000
// one-micro-USD batches, all deleted in one begin block at expiry. Now it
// has at most MaxPendingBatchesPerAttester waiting per (epoch, model) (the
// next is refused with ErrTooManyPending and changes nothing), their rows
// are dropped when the epoch's usage seals, and the expiry sweep removes
// the batches under its per-block budget.
func TestAttackPendingBatchFlood(t *testing.T) {
	f := newFixture(t)
	denom := f.liveToken(t, "FLOOD")
	f.nextEpoch(t)
	f.withAttesterTrust(t, 2, 2)
	cur, err := f.ModelTokenKeeper.GetEpoch(f.Ctx)
	require.NoError(t, err)
	e, attacker := cur.Number, f.Accounts[1]
	for i := 0; i < keeper.MaxPendingBatchesPerAttester; i++ {
		res, err := f.submit(t, attacker, e, denom, fmt.Sprintf("junk-%d", i), rowsFor(i, 1, 1), "")
		require.NoError(t, err)
		require.False(t, res.Applied)
	}
	before, err := f.ModelTokenKeeper.ExportGenesis(f.Ctx)
	require.NoError(t, err)
	_, err = f.submit(t, attacker, e, denom, "junk-more", rowsFor(500, 1, 1), "")
	require.ErrorIs(t, err, types.ErrTooManyPending)
	after, err := f.ModelTokenKeeper.ExportGenesis(f.Ctx)
	require.NoError(t, err)
	require.Equal(t, before, after, "refused: nothing changed")

	// An honest batch confirmed by both still applies, and a pending batch
	// that reaches its quorum frees a slot.
	honest := rowsFor(900, 2, 1_000_000)
	_, err = f.submit(t, f.Accounts[0], e, denom, "honest", honest, "")
	require.NoError(t, err)
	res, err := f.submit(t, attacker, e, denom, "honest", nil, types.UsageContentHash(denom, e, honest))
	require.NoError(t, err)
	require.True(t, res.Applied)
	res, err = f.submit(t, f.Accounts[0], e, denom, "junk-0", rowsFor(0, 1, 1), "")
	require.NoError(t, err)
	require.True(t, res.Applied)
	_, err = f.submit(t, attacker, e, denom, "junk-more", rowsFor(500, 1, 1), "")
	require.NoError(t, err, "a slot freed up")

	// The epoch's usage seals: its pending rows and counts go.
	epochKeys := collections.NewPrefixedTripleRange[uint64, string, string](e)
	require.Equal(t, keeper.MaxPendingBatchesPerAttester, countKeys(t, f, f.ModelTokenKeeper.PendingRows, epochKeys))
	f.nextEpoch(t)
	p := f.params(t)
	f.Ctx = f.Ctx.WithBlockTime(f.Ctx.BlockTime().Add(p.AttestationGrace)).WithBlockHeight(f.Ctx.BlockHeight() + 1)
	require.NoError(t, f.ModelTokenKeeper.BeginBlocker(f.Ctx))
	require.Zero(t, countKeys(t, f, f.ModelTokenKeeper.PendingRows, epochKeys))
	require.Zero(t, countKeys(t, f, f.ModelTokenKeeper.PendingCounts, collections.NewPrefixedTripleRange[uint64, string, sdk.AccAddress](e)))
	require.NoError(t, f.ModelTokenKeeper.CheckInvariants(f.Ctx))

	// Expiry removes the epoch's 102 batches at most `budget` keys a step.
	f.settleThrough(t, e)
	f.postNextEpoch(t, denom, "later", rowsFor(950, 1, 1_000_000)...) // one more settled epoch
	f.setParams(t, func(p *types.Params) { p.ClaimWindowEpochs = 1 }) // e expires (run by hand below)
	const budget = 10
	batches := countKeys(t, f, f.ModelTokenKeeper.UsageBatches, epochKeys)
	require.Equal(t, keeper.MaxPendingBatchesPerAttester+2, batches)
	for step := 0; ; step++ {
		require.Less(t, step, 100, "expiry finishes")
		require.NoError(t, f.ModelTokenKeeper.ExpireRewardsStep(f.Ctx, budget))
		left := countKeys(t, f, f.ModelTokenKeeper.UsageBatches, epochKeys)
		require.GreaterOrEqual(t, left, batches-budget, "at most %d keys a step", budget)
		batches = left
		if done, err := f.ModelTokenKeeper.ExpiredEpochs.Peek(f.Ctx); err == nil && done >= e {
			break
		}
	}
	require.Zero(t, batches)
	require.NoError(t, f.ModelTokenKeeper.CheckInvariants(f.Ctx))
}
