package keeper_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/collections"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/flockchain/flockd/x/modeltoken/types"
)

// TestClaimKeepsEntryWhenRewardReadFails: a read of the sealed reward that
// fails for any reason but "not found" (here: bytes that do not decode)
// fails the claim and the query, and the user's reward-index entry stays,
// so a store error can never erase what a user is owed.
func TestClaimKeepsEntryWhenRewardReadFails(t *testing.T) {
	f := newFixture(t)
	user := f.Accounts[1]
	denom, epoch := f.settledUsageOf(t, "CLM", user)
	require.True(t, f.pending(t, user).IsAllPositive(), "the user is owed a reward")

	require.NoError(t, f.ModelTokenKeeper.CorruptEpochRewardForTest(f.Ctx, epoch, denom))
	balance := f.BankKeeper.GetAllBalances(f.Ctx, user)
	_, err := f.msg.ClaimRewards(f.Ctx, &types.MsgClaimRewards{Claimer: user.String()})
	require.ErrorIs(t, err, collections.ErrEncoding, "the store error itself, not a refusal such as ErrNoRewards")
	has, err := f.ModelTokenKeeper.RewardIndex.Has(f.Ctx, joinIndex(user, epoch, denom))
	require.NoError(t, err)
	require.True(t, has, "the reward-index entry is still there")
	require.Equal(t, balance, f.BankKeeper.GetAllBalances(f.Ctx, user), "nothing paid")
	_, err = f.query.PendingRewards(f.Ctx, &types.QueryPendingRewardsRequest{Owner: user.String()})
	require.ErrorContains(t, err, collections.ErrEncoding.Error(), "the query reports the failure instead of a zero")
}

// TestClaimDropsEntryOfSkippedModel: a model skipped at settlement has no
// sealed reward (not found): the entry owes nothing and a claim removes it.
func TestClaimDropsEntryOfSkippedModel(t *testing.T) {
	f := newFixture(t)
	user := f.Accounts[1]
	denom, epoch := f.settledUsageOf(t, "SKP", user)
	require.NoError(t, f.ModelTokenKeeper.EpochRewards.Remove(f.Ctx, joinBatchReward(epoch, denom)))

	res, err := f.msg.ClaimRewards(f.Ctx, &types.MsgClaimRewards{Claimer: user.String()})
	require.NoError(t, err)
	require.True(t, res.Paid.IsZero())
	require.EqualValues(t, 1, res.Entries)
	has, err := f.ModelTokenKeeper.RewardIndex.Has(f.Ctx, joinIndex(user, epoch, denom))
	require.NoError(t, err)
	require.False(t, has)
}

// settledUsageOf makes a live model token, posts usage of user in a fresh
// epoch and settles it: user has one claimable (epoch, model) entry.
func (f *fixture) settledUsageOf(t *testing.T, symbol string, user sdk.AccAddress) (string, uint64) {
	t.Helper()
	denom := f.liveToken(t, symbol)
	f.withAttesters(t, 1, 1)
	return denom, f.postNextEpoch(t, denom, "b1", types.UsageRow{User: user.String(), Spend: 1_000_000})
}

// TestClaimSaysWhenMoreRemain: with more settled entries than
// max_claim_entries, a claim pays the first ones and says more remain; the
// next claim pays the rest and says none do.
func TestClaimSaysWhenMoreRemain(t *testing.T) {
	f := newFixture(t)
	user := f.Accounts[1]
	denom, _ := f.settledUsageOf(t, "MORE", user)
	f.postNextEpoch(t, denom, "b2", types.UsageRow{User: user.String(), Spend: 1_000_000})
	f.postNextEpoch(t, denom, "b3", types.UsageRow{User: user.String(), Spend: 1_000_000})
	p, err := f.ModelTokenKeeper.Params.Get(f.Ctx)
	require.NoError(t, err)
	p.MaxClaimEntries = 2
	require.NoError(t, f.ModelTokenKeeper.Params.Set(f.Ctx, p))

	first, err := f.msg.ClaimRewards(f.Ctx, &types.MsgClaimRewards{Claimer: user.String()})
	require.NoError(t, err)
	require.EqualValues(t, 2, first.Entries)
	require.True(t, first.More)
	second, err := f.msg.ClaimRewards(f.Ctx, &types.MsgClaimRewards{Claimer: user.String()})
	require.NoError(t, err)
	require.EqualValues(t, 1, second.Entries)
	require.False(t, second.More)
	_, err = f.msg.ClaimRewards(f.Ctx, &types.MsgClaimRewards{Claimer: user.String()})
	require.ErrorIs(t, err, types.ErrNoRewards)
	f.checkInvariants(t)
}
