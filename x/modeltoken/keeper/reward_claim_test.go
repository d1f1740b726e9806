package keeper_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/flockchain/flockd/x/modeltoken/types"
)

// TestClaimKeepsEntryWhenRewardReadFails: a read of the sealed reward that
// fails for any reason but "not found" (here: bytes that do not decode)
// fails the claim and the query, and the user's reward-index entry stays,
// so a store error can never erase what a user is owed.
func TestClaimKeepsEntryWhenRewardReadFails(t *testing.T) {
	f := newFixture(t)
	denom := f.liveToken(t, "CLM")
	f.withAttesters(t, 1, 1)
	user := f.Accounts[1]
	f.nextEpoch(t)
	e, err := f.ModelTokenKeeper.GetEpoch(f.Ctx)
	require.NoError(t, err)
	f.post(t, e.Number, denom, "b1", types.UsageRow{User: user.String(), Spend: 1_000_000})
	f.settleThrough(t, e.Number)
	require.True(t, f.pending(t, user).IsAllPositive(), "the user is owed a reward")

	require.NoError(t, f.ModelTokenKeeper.CorruptEpochRewardForTest(f.Ctx, e.Number, denom))
	balance := f.BankKeeper.GetAllBalances(f.Ctx, user)
	_, err = f.msg.ClaimRewards(f.Ctx, &types.MsgClaimRewards{Claimer: user.String()})
	require.Error(t, err)
	require.NotErrorIs(t, err, types.ErrNoRewards)
	has, err := f.ModelTokenKeeper.RewardIndex.Has(f.Ctx, joinIndex(user, e.Number, denom))
	require.NoError(t, err)
	require.True(t, has, "the reward-index entry is still there")
	require.Equal(t, balance, f.BankKeeper.GetAllBalances(f.Ctx, user), "nothing paid")
	_, err = f.query.PendingRewards(f.Ctx, &types.QueryPendingRewardsRequest{Owner: user.String()})
	require.Error(t, err, "the query reports the failure instead of a zero")
}

// TestClaimDropsEntryOfSkippedModel: a model skipped at settlement has no
// sealed reward (not found): the entry owes nothing and a claim removes it.
func TestClaimDropsEntryOfSkippedModel(t *testing.T) {
	f := newFixture(t)
	denom := f.liveToken(t, "SKP")
	f.withAttesters(t, 1, 1)
	user := f.Accounts[1]
	f.nextEpoch(t)
	e, err := f.ModelTokenKeeper.GetEpoch(f.Ctx)
	require.NoError(t, err)
	f.post(t, e.Number, denom, "b1", types.UsageRow{User: user.String(), Spend: 1_000_000})
	f.settleThrough(t, e.Number)
	require.NoError(t, f.ModelTokenKeeper.EpochRewards.Remove(f.Ctx, joinBatchReward(e.Number, denom)))

	res, err := f.msg.ClaimRewards(f.Ctx, &types.MsgClaimRewards{Claimer: user.String()})
	require.NoError(t, err)
	require.True(t, res.Paid.IsZero())
	require.EqualValues(t, 1, res.Entries)
	has, err := f.ModelTokenKeeper.RewardIndex.Has(f.Ctx, joinIndex(user, e.Number, denom))
	require.NoError(t, err)
	require.False(t, has)
}
