package keeper_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/collections"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/flockchain/flockd/x/modeltoken/types"
)

// TestClaimRemovesPaidRecords: a claim removes the user's usage record and
// multiplier snapshot of the settled epoch it paid, with the entry.
func TestClaimRemovesPaidRecords(t *testing.T) {
	f := newFixture(t)
	user := f.Accounts[1]
	denom, epoch := f.settledUsageOf(t, "PAID", user)
	f.flockSupply = f.BankKeeper.GetSupply(f.Ctx, "uflock").Amount
	_, err := f.msg.ClaimRewards(f.Ctx, &types.MsgClaimRewards{Claimer: user.String()})
	require.NoError(t, err)
	has, err := f.ModelTokenKeeper.UsageByUser.Has(f.Ctx, collections.Join3(epoch, denom, user))
	require.NoError(t, err)
	require.False(t, has, "the paid record is gone")
	has, err = f.ModelTokenKeeper.RewardIndex.Has(f.Ctx, joinIndex(user, epoch, denom))
	require.NoError(t, err)
	require.False(t, has)
	f.checkInvariants(t)
}

// TestUnclaimedRewardsExpire: claim_window_epochs settled epochs after an
// epoch, its unclaimed rewards expire: the sweep removes its records and
// sealed pools and sends the unpaid rest to the treasury; a late claim
// gets nothing and the ledgers still balance.
func TestUnclaimedRewardsExpire(t *testing.T) {
	f := newFixture(t)
	f.setParams(t, func(p *types.Params) { p.ClaimWindowEpochs = 2 })
	user := f.Accounts[1]
	denom, epoch := f.settledUsageOf(t, "LATE", user)
	owed := f.pending(t, user)
	require.True(t, owed.IsAllPositive())
	treasury := f.BankKeeper.GetAllBalances(f.Ctx, f.treasury())

	f.settleThrough(t, epoch+2) // two more settled epochs: the window has passed
	f.flockSupply = f.BankKeeper.GetSupply(f.Ctx, "uflock").Amount
	_, err := f.ModelTokenKeeper.EpochRewards.Get(f.Ctx, joinBatchReward(epoch, denom))
	require.ErrorIs(t, err, collections.ErrNotFound, "the sealed pools of the expired epoch are gone")
	has, err := f.ModelTokenKeeper.UsageByUser.Has(f.Ctx, collections.Join3(epoch, denom, user))
	require.NoError(t, err)
	require.False(t, has)
	gained := f.BankKeeper.GetAllBalances(f.Ctx, f.treasury()).Sub(treasury...)
	require.True(t, gained.IsAllGTE(owed), "the treasury got the unclaimed %s (got %s)", owed, gained)
	var expired []uint64
	for _, ev := range typedEvents[*types.EventRewardsExpired](t, f.Ctx) {
		expired = append(expired, ev.Epoch)
		if ev.Epoch == epoch {
			require.True(t, ev.Amount.IsAllGTE(owed), "the event names the unclaimed %s (got %s)", owed, ev.Amount)
		}
	}
	require.Contains(t, expired, epoch)
	_, err = f.msg.ClaimRewards(f.Ctx, &types.MsgClaimRewards{Claimer: user.String()})
	require.ErrorIs(t, err, types.ErrNoRewards, "nothing left to claim")
	done, err := f.ModelTokenKeeper.ExpiredEpochs.Peek(f.Ctx)
	require.NoError(t, err)
	require.GreaterOrEqual(t, done, epoch)
	f.checkInvariants(t)
}

// TestExpirySweepIsBounded: an epoch with more records than one block's
// budget is swept over several blocks, then finished.
func TestExpirySweepIsBounded(t *testing.T) {
	f := newFixture(t)
	f.setParams(t, func(p *types.Params) { p.ClaimWindowEpochs = 1 })
	denom := f.liveToken(t, "MANY")
	f.withAttesters(t, 1, 1)
	f.nextEpoch(t)
	e, err := f.ModelTokenKeeper.GetEpoch(f.Ctx)
	require.NoError(t, err)
	f.post(t, e.Number, denom, "many", rowsFor(0, 25, 1_000)...)
	f.settleThrough(t, e.Number)
	// Settle one more epoch without running the sweep in BeginBlock: call
	// the step directly with a budget of 10 keys.
	next := e.Number + 1
	f.nextEpoch(t)
	require.NoError(t, f.ModelTokenKeeper.SettleNextEpoch(f.Ctx.WithBlockTime(f.Ctx.BlockTime().Add(24*time.Hour))))
	count := func() int {
		n := 0
		require.NoError(t, f.ModelTokenKeeper.UsageByUser.Walk(f.Ctx, collections.NewPrefixedTripleRange[uint64, string, sdk.AccAddress](e.Number),
			func(collections.Triple[uint64, string, sdk.AccAddress], types.UsageRecord) (bool, error) {
				n++
				return false, nil
			}))
		return n
	}
	settled, err := f.ModelTokenKeeper.NextSettleEpoch.Peek(f.Ctx)
	require.NoError(t, err)
	require.GreaterOrEqual(t, settled, next, "epoch %d settled", next)
	for _, want := range []int{15, 5, 0} {
		require.NoError(t, f.ModelTokenKeeper.ExpireRewardsStep(f.Ctx, 10))
		require.Equal(t, want, count(), "at most 10 keys a block")
	}
	require.NoError(t, f.ModelTokenKeeper.ExpireRewardsStep(f.Ctx, 10))
	done, err := f.ModelTokenKeeper.ExpiredEpochs.Peek(f.Ctx)
	require.NoError(t, err)
	require.Equal(t, e.Number, done)
	f.flockSupply = f.BankKeeper.GetSupply(f.Ctx, "uflock").Amount
	f.checkInvariants(t)
}

// BenchmarkModuleStateGrowth runs N epochs of steady usage (50 users a
// day) and reports the module store's keys and bytes at the end, with and
// without claims: with a 10-epoch claim window both level off (the store
// holds O(window) epochs of records), instead of growing with N.
func BenchmarkModuleStateGrowth(b *testing.B) {
	for _, claims := range []bool{false, true} {
		for _, epochs := range []int{20, 40, 80} {
			b.Run(fmt.Sprintf("claims=%v/epochs=%d", claims, epochs), func(b *testing.B) {
				var keys, bytes int
				for i := 0; i < b.N; i++ {
					keys, bytes = runSteadyUsage(b, epochs, claims)
				}
				b.ReportMetric(float64(keys), "keys")
				b.ReportMetric(float64(bytes), "bytes")
			})
		}
	}
}

func runSteadyUsage(b *testing.B, epochs int, claims bool) (int, int) {
	b.StopTimer()
	f := newFixture(b)
	p, err := f.ModelTokenKeeper.Params.Get(f.Ctx)
	require.NoError(b, err)
	p.ClaimWindowEpochs = 10
	require.NoError(b, f.ModelTokenKeeper.Params.Set(f.Ctx, p))
	denom := f.liveToken(b, "GROW")
	f.withAttesters(b, 1, 1)
	users := rowsFor(0, 50, 10_000)
	b.StartTimer()
	for e := 0; e < epochs; e++ {
		f.nextEpoch(b)
		cur, err := f.ModelTokenKeeper.GetEpoch(f.Ctx)
		require.NoError(b, err)
		f.post(b, cur.Number, denom, "day", users...)
		f.settleThrough(b, cur.Number)
		if claims {
			for _, u := range users {
				_, _ = f.msg.ClaimRewards(f.Ctx, &types.MsgClaimRewards{Claimer: u.User})
			}
		}
	}
	b.StopTimer()
	keys, bytes, err := f.ModelTokenKeeper.StoreStatsForTest(f.Ctx)
	require.NoError(b, err)
	return keys, bytes
}
