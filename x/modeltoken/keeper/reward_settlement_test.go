package keeper_test

import (
	"testing"

	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/flockchain/flockd/app"
	"github.com/flockchain/flockd/x/modeltoken/types"
)

// TestEpochRewards: stakers earn more than non-stakers at equal usage,
// stake without usage earns nothing, claims pay exactly the queried amounts,
// and minted = paid + unpaid dust.
func TestEpochRewards(t *testing.T) {
	f := newFixture(t)
	denom := f.liveToken(t, "RWD")
	f.withAttesters(t, 1, 1)
	staker, plain, idle := f.Accounts[1], f.Accounts[2], f.Accounts[0]
	f.nextEpoch(t) // epoch 1 starts
	_, err := f.msg.Stake(f.Ctx, &types.MsgStake{Staker: staker.String(), Amount: mt(denom, 1_000_000_000)})
	require.NoError(t, err)
	_, err = f.msg.Stake(f.Ctx, &types.MsgStake{Staker: idle.String(), Amount: mt(denom, 1_000_000_000)})
	require.NoError(t, err)
	f.nextEpoch(t) // epoch 2: both stakes count
	e, err := f.ModelTokenKeeper.GetEpoch(f.Ctx)
	require.NoError(t, err)
	f.post(t, e.Number, denom, "b1",
		types.UsageRow{User: staker.String(), Spend: 5_000_000},
		types.UsageRow{User: plain.String(), Spend: 5_000_000})
	supplyBefore := f.BankKeeper.GetSupply(f.Ctx, app.BondDenom).Amount
	f.settleThrough(t, e.Number)
	f.flockSupply = f.BankKeeper.GetSupply(f.Ctx, app.BondDenom).Amount
	require.NoError(t, f.ModelTokenKeeper.CheckInvariants(f.Ctx))

	sum, err := f.query.EpochSummary(f.Ctx, &types.QueryEpochSummaryRequest{Epoch: e.Number})
	require.NoError(t, err)
	p, err := f.ModelTokenKeeper.Params.Get(f.Ctx)
	require.NoError(t, err)
	require.Equal(t, p.EmissionPerEpoch, sum.Summary.Emitted, "the only model with usage gets the whole emission")
	require.Equal(t, supplyBefore.Add(p.EmissionPerEpoch), f.flockSupply)

	ps, pp, pi := f.pending(t, staker), f.pending(t, plain), f.pending(t, idle)
	require.True(t, pi.IsZero(), "stake without usage earns nothing: %s", pi)
	require.True(t, ps.AmountOf(app.BondDenom).GT(pp.AmountOf(app.BondDenom)), "staker %s vs non-staker %s", ps, pp)
	require.True(t, pp.AmountOf(app.BondDenom).IsPositive(), "usage alone is eligible")
	require.True(t, ps.AmountOf(denom).IsPositive(), "MT incentives need stake")
	require.True(t, pp.AmountOf(denom).IsZero(), "incentives are stake-gated")

	before := f.BankKeeper.GetAllBalances(f.Ctx, staker)
	res, err := f.msg.ClaimRewards(f.Ctx, &types.MsgClaimRewards{Claimer: staker.String()})
	require.NoError(t, err)
	require.Equal(t, ps, res.Paid)
	require.Equal(t, before.Add(ps...), f.BankKeeper.GetAllBalances(f.Ctx, staker))
	_, err = f.msg.ClaimRewards(f.Ctx, &types.MsgClaimRewards{Claimer: staker.String()})
	require.ErrorIs(t, err, types.ErrNoRewards, "no claim pays twice")
	_, err = f.msg.ClaimRewards(f.Ctx, &types.MsgClaimRewards{Claimer: plain.String()})
	require.NoError(t, err)
	require.NoError(t, f.ModelTokenKeeper.CheckInvariants(f.Ctx))

	r, err := f.query.EpochModelReward(f.Ctx, &types.QueryEpochModelRewardRequest{Epoch: e.Number, Denom: denom})
	require.NoError(t, err)
	dust := r.Reward.Emission.Add(r.Reward.ReservedFlock).Sub(r.Reward.PaidFlock)
	require.True(t, dust.GTE(math.ZeroInt()) && dust.LTE(math.NewInt(2)), "minted = paid + dust, dust %s", dust)
}

// rewardsFor runs one epoch with the given (usage, stake) per account and
// returns each account's pending FLOCK.
func rewardsFor(outer *testing.T, t tb, usage, stake []int64) []math.Int {
	f := newFixture(outer)
	denom := f.liveToken(t, "PROP")
	f.withAttesters(t, 1, 1)
	f.nextEpoch(t)
	for i, s := range stake {
		if s > 0 {
			_, err := f.msg.Stake(f.Ctx, &types.MsgStake{Staker: f.Accounts[i].String(), Amount: mt(denom, s)})
			require.NoError(t, err)
		}
	}
	f.nextEpoch(t)
	e, err := f.ModelTokenKeeper.GetEpoch(f.Ctx)
	require.NoError(t, err)
	var rows []types.UsageRow
	for i, u := range usage {
		if u > 0 {
			rows = append(rows, types.UsageRow{User: f.Accounts[i].String(), Spend: uint64(u)})
		}
	}
	if len(rows) > 0 {
		f.post(t, e.Number, denom, "p", rows...)
	}
	f.settleThrough(t, e.Number)
	require.NoError(t, f.ModelTokenKeeper.CheckInvariants(f.Ctx))
	out := make([]math.Int, len(usage))
	total := math.ZeroInt()
	for i := range usage {
		out[i] = f.pending(t, f.Accounts[i]).AmountOf(app.BondDenom)
		total = total.Add(out[i])
	}
	p, _ := f.ModelTokenKeeper.Params.Get(f.Ctx)
	if len(rows) > 0 {
		require.True(t, total.LTE(p.EmissionPerEpoch), "never more than minted")
		require.True(t, p.EmissionPerEpoch.Sub(total).LTE(math.NewInt(int64(len(rows)+1))), "dust below one uflock per user")
	}
	return out
}

// TestRewardProperties (rapid): zero usage ⇒ zero reward; at equal usage
// more stake ⇒ more reward; splitting one participant's usage and stake
// over two accounts never raises their combined reward.
func TestRewardProperties(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		u := rapid.Int64Range(1_000, 1_000_000_000).Draw(rt, "u")
		other := rapid.Int64Range(1_000, 1_000_000_000).Draw(rt, "other")
		s := rapid.Int64Range(1_000_000, 50_000_000_000).Draw(rt, "s")
		extra := rapid.Int64Range(1_000_000, 50_000_000_000).Draw(rt, "extra")

		// Accounts: 0 = participant, 1 = the rest of the market, 2 = staker without usage.
		base := rewardsFor(t, rt, []int64{u, other, 0}, []int64{s, s, s})
		require.True(rt, base[2].IsZero(), "zero usage, zero reward")
		more := rewardsFor(t, rt, []int64{u, u, 0}, []int64{s + extra, s, 0})
		require.True(rt, more[0].GT(more[1]), "equal usage, more stake: %s vs %s", more[0], more[1])

		// Split the participant into accounts 0 and 2 (usage and stake split unevenly).
		frac := rapid.Int64Range(1, 99).Draw(rt, "frac")
		su, ss := u*frac/100, s*(100-frac)/100
		split := rewardsFor(t, rt, []int64{u - su, other, su}, []int64{s - ss, s, ss})
		combined := split[0].Add(split[2])
		require.True(rt, combined.LTE(base[0].AddRaw(1)), "splitting gained: %s > %s", combined, base[0])
	})
}

// TestRewardOrderInvariance: the same usage and stake changes within an
// epoch give the same rewards whichever arrives first.
func TestRewardOrderInvariance(t *testing.T) {
	run := func(usageFirst bool) (sdk.Coins, sdk.Coins) {
		f := newFixture(t)
		denom := f.liveToken(t, "ORD")
		f.withAttesters(t, 1, 1)
		f.nextEpoch(t)
		for _, a := range f.Accounts[1:] {
			_, err := f.msg.Stake(f.Ctx, &types.MsgStake{Staker: a.String(), Amount: mt(denom, 1_000_000)})
			require.NoError(t, err)
		}
		f.nextEpoch(t)
		e, err := f.ModelTokenKeeper.GetEpoch(f.Ctx)
		require.NoError(t, err)
		rows := []types.UsageRow{{User: f.Accounts[1].String(), Spend: 300}, {User: f.Accounts[2].String(), Spend: 700}}
		unstake := func() {
			_, err := f.msg.Unstake(f.Ctx, &types.MsgUnstake{Staker: f.Accounts[1].String(), Amount: mt(denom, 400_000)})
			require.NoError(t, err)
			_, err = f.msg.Stake(f.Ctx, &types.MsgStake{Staker: f.Accounts[2].String(), Amount: mt(denom, 5_000_000)}) // counts next epoch only
			require.NoError(t, err)
		}
		if usageFirst {
			f.post(t, e.Number, denom, "a", rows[0])
			f.post(t, e.Number, denom, "b", rows[1])
			unstake()
		} else {
			unstake()
			f.post(t, e.Number, denom, "b", rows[1])
			f.post(t, e.Number, denom, "a", rows[0])
		}
		f.settleThrough(t, e.Number)
		require.NoError(t, f.ModelTokenKeeper.CheckInvariants(f.Ctx))
		return f.pending(t, f.Accounts[1]), f.pending(t, f.Accounts[2])
	}
	a1, a2 := run(true)
	b1, b2 := run(false)
	require.Equal(t, a1, b1)
	require.Equal(t, a2, b2)
	require.True(t, a1.AmountOf(app.BondDenom).IsPositive())
}
