package keeper_test

import (
	"testing"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"cosmossdk.io/math"

	"github.com/flockchain/flockd/app"
	"github.com/flockchain/flockd/x/modeltoken/types"
)

// The estimate prices a participant with the claim's own formula against the
// sums settlement would seal, so when nobody else acts before the epoch
// settles it is the reward to the base unit: for a staker with usage
// (global emission at its stake factor, reserved FLOCK and MT incentives)
// and for a newcomer without stake (global pool at alpha only).
func TestEstimateRewardsIsTheRewardWhenNobodyElseActs(t *testing.T) {
	f := newFixture(t)
	denom, e := f.usageSetup(t, 1, 1)
	staker, newcomer := f.Accounts[2], userAddr(7)
	_, err := f.msg.Stake(f.Ctx, &types.MsgStake{Staker: staker.String(), Amount: mt(denom, 5_000_000_000)})
	require.NoError(t, err)
	_, err = f.msg.FundIncentive(f.Ctx, &types.MsgFundIncentive{Funder: f.Accounts[1].String(), Denom: denom, Amount: uflock(flock(1_000))})
	require.NoError(t, err)
	f.nextEpoch(t) // the stake counts from here
	e++
	f.post(t, e, denom, "others", types.UsageRow{User: userAddr(1).String(), Spend: 3_000_000},
		types.UsageRow{User: userAddr(2).String(), Spend: 1_000_000})
	f.post(t, e, denom, "staker-early", types.UsageRow{User: staker.String(), Spend: 500_000})

	ask := func(req *types.QueryEstimateRewardsRequest) *types.QueryEstimateRewardsResponse {
		res, err := f.query.EstimateRewards(f.Ctx, req)
		require.NoError(t, err)
		return res
	}
	// The staker's spend adds to what it already has this epoch.
	est := ask(&types.QueryEstimateRewardsRequest{Denom: denom, Spend: 1_500_000, Owner: staker.String()})
	require.Equal(t, e, est.Epoch)
	require.True(t, est.Mt.IsPositive(), "a staker with usage earns MT incentives")
	require.True(t, est.Flock.GT(est.FlockWithoutStake), "staking lifts the reward: %s vs %s", est.Flock, est.FlockWithoutStake)
	require.True(t, est.StakingApr.IsPositive())
	estNew := ask(&types.QueryEstimateRewardsRequest{Denom: denom, Spend: 2_000_000})
	require.True(t, estNew.Mt.IsZero(), "no stake, no incentives")
	require.Equal(t, estNew.Flock, estNew.FlockWithoutStake)
	require.True(t, estNew.StakingApr.IsZero())
	// A newcomer asking with a stake is priced as if it counted: more than
	// without, with MT incentives, and a positive APR.
	stake := math.NewInt(5_000_000_000)
	estStaked := ask(&types.QueryEstimateRewardsRequest{Denom: denom, Spend: 2_000_000, Stake: &stake})
	require.True(t, estStaked.Flock.GT(estNew.Flock), "%s vs %s", estStaked.Flock, estNew.Flock)
	require.Equal(t, estNew.Flock, estStaked.FlockWithoutStake)
	require.True(t, estStaked.Mt.IsPositive() && estStaked.StakingApr.IsPositive())

	// Each estimate was asked alone; realise them one at a time in copies of
	// the state, so the other participant's usage does not dilute it.
	for _, tc := range []struct {
		name string
		user string
		rows []types.UsageRow
		want *types.QueryEstimateRewardsResponse
	}{
		{"staker", staker.String(), []types.UsageRow{{User: staker.String(), Spend: 1_500_000}}, est},
		{"newcomer", newcomer.String(), []types.UsageRow{{User: newcomer.String(), Spend: 2_000_000}}, estNew},
	} {
		t.Run(tc.name, func(t *testing.T) {
			saved := f.Ctx
			f.Ctx, _ = f.Ctx.CacheContext()
			defer func() { f.Ctx = saved }()
			f.post(t, e, denom, "realise-"+tc.name, tc.rows...)
			f.settleThrough(t, e)
			res, err := f.query.EpochModelReward(f.Ctx, &types.QueryEpochModelRewardRequest{Epoch: e, Denom: denom})
			require.NoError(t, err)
			require.Equal(t, tc.want.ModelEmission, res.Reward.Emission, "the model's emission share")
			paid, err := f.query.PendingRewards(f.Ctx, &types.QueryPendingRewardsRequest{Owner: tc.user})
			require.NoError(t, err)
			require.Equal(t, tc.want.Flock.String(), paid.Total.AmountOf(app.BondDenom).String(), "FLOCK")
			require.Equal(t, tc.want.Mt.String(), paid.Total.AmountOf(denom).String(), "MT")
		})
	}
}

// Bad requests are refused with a status code and never half-answered.
func TestEstimateRewardsRefusals(t *testing.T) {
	f := newFixture(t)
	denom, _ := f.usageSetup(t, 1, 1)
	neg, huge := math.NewInt(-1), math.NewInt(1).MulRaw(1_000_000_000_000).MulRaw(1_000_000_000_000)
	for _, tc := range []struct {
		name string
		req  *types.QueryEstimateRewardsRequest
		code codes.Code
	}{
		{"nil", nil, codes.InvalidArgument},
		{"unknown model token", &types.QueryEstimateRewardsRequest{Denom: "mt/nope", Spend: 1}, codes.NotFound},
		{"negative stake", &types.QueryEstimateRewardsRequest{Denom: denom, Spend: 1, Stake: &neg}, codes.InvalidArgument},
		{"stake above supply", &types.QueryEstimateRewardsRequest{Denom: denom, Spend: 1, Stake: &huge}, codes.InvalidArgument},
		{"negative gmFLOCK", &types.QueryEstimateRewardsRequest{Denom: denom, Spend: 1, GmFlock: &neg}, codes.InvalidArgument},
		{"gmFLOCK above max supply", &types.QueryEstimateRewardsRequest{Denom: denom, Spend: 1, GmFlock: &huge}, codes.InvalidArgument},
		{"malformed owner", &types.QueryEstimateRewardsRequest{Denom: denom, Spend: 1, Owner: "flock1bad"}, codes.InvalidArgument},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := f.query.EstimateRewards(f.Ctx, tc.req)
			require.Equal(t, tc.code, status.Code(err), "%v", err)
		})
	}
	// Zero spend and no stake: nothing, but a valid answer.
	res, err := f.query.EstimateRewards(f.Ctx, &types.QueryEstimateRewardsRequest{Denom: denom})
	require.NoError(t, err)
	require.True(t, res.Flock.IsZero() && res.Mt.IsZero())
}
