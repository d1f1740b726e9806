package keeper_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	"github.com/flockchain/flockd/app"
	"github.com/flockchain/flockd/x/modeltoken/types"
)

// TestEpochCatchUp: after downtime the clock advances one epoch per block.
func TestEpochCatchUp(t *testing.T) {
	f := newFixture(t)
	require.NoError(t, f.ModelTokenKeeper.BeginBlocker(f.Ctx))
	f.advance(5*24*time.Hour + time.Hour)
	for want := uint64(2); want <= 6; want++ {
		require.NoError(t, f.ModelTokenKeeper.BeginBlocker(f.Ctx))
		e, err := f.ModelTokenKeeper.GetEpoch(f.Ctx)
		require.NoError(t, err)
		require.Equal(t, want, e.Number)
	}
	require.NoError(t, f.ModelTokenKeeper.BeginBlocker(f.Ctx))
	e, err := f.ModelTokenKeeper.GetEpoch(f.Ctx)
	require.NoError(t, err)
	require.EqualValues(t, 6, e.Number, "caught up")
}

func TestFundIncentive(t *testing.T) {
	f := newFixture(t)
	denom := f.liveToken(t, "FUND")
	funder := f.Accounts[2]
	_, err := f.msg.FundIncentive(f.Ctx, &types.MsgFundIncentive{Funder: funder.String(), Denom: "mt/nope", Amount: uflock(flock(1))})
	require.ErrorIs(t, err, types.ErrUnknownModelToken)
	_, err = f.msg.FundIncentive(f.Ctx, &types.MsgFundIncentive{Funder: funder.String(), Denom: denom, Amount: mt(denom, 5)})
	require.ErrorIs(t, err, types.ErrInvalidDenom)
	_, err = f.msg.FundIncentive(f.Ctx, &types.MsgFundIncentive{Funder: funder.String(), Denom: denom, Amount: uflock(math.ZeroInt())})
	require.ErrorIs(t, err, types.ErrInvalidAmount)
	before := f.balance(funder, app.BondDenom)
	_, err = f.msg.FundIncentive(f.Ctx, &types.MsgFundIncentive{Funder: funder.String(), Denom: denom, Amount: uflock(flock(1_800))})
	require.NoError(t, err)
	require.Equal(t, before.Sub(flock(1_800)), f.balance(funder, app.BondDenom))
	eco, err := f.query.ModelEconomy(f.Ctx, &types.QueryModelEconomyRequest{Denom: denom})
	require.NoError(t, err)
	require.Equal(t, flock(1_800), eco.Incentives.ReservedFlock)
	require.True(t, eco.Incentives.FlockRate.IsZero(), "nothing released before the next release step")
	delta, err := f.ModelTokenKeeper.IncentiveDeltas.Get(f.Ctx, joinDelta(denom, 1))
	require.NoError(t, err)
	require.Equal(t, flock(10), delta, "released over 180 steps from the next")
	require.EqualValues(t, 180, eco.Incentives.MtEpochsLeft)
	f.checkInvariants(t)

	// With a staker using the model, one epoch releases one rate of each budget.
	f.withAttesters(t, 1, 1)
	f.nextEpoch(t)
	_, err = f.msg.Stake(f.Ctx, &types.MsgStake{Staker: f.Accounts[1].String(), Amount: mt(denom, 1_000)})
	require.NoError(t, err)
	f.nextEpoch(t)
	e, err := f.ModelTokenKeeper.GetEpoch(f.Ctx)
	require.NoError(t, err)
	f.post(t, e.Number, denom, "x", types.UsageRow{User: f.Accounts[1].String(), Spend: 10})
	f.settleThrough(t, e.Number)
	r, err := f.query.EpochModelReward(f.Ctx, &types.QueryEpochModelRewardRequest{Epoch: e.Number, Denom: denom})
	require.NoError(t, err)
	require.Equal(t, flock(10), r.Reward.ReservedFlock)
	require.Equal(t, eco.Incentives.MtRate, r.Reward.Mt)
	require.NoError(t, f.ModelTokenKeeper.CheckInvariants(f.Ctx))
}

// TestSettlementSkipsAFailingModel: a model whose settlement errors is
// skipped with an event; the other models are settled and the chain goes on.
func TestSettlementSkipsAFailingModel(t *testing.T) {
	f := newFixture(t)
	good := f.liveToken(t, "GOOD")
	bad := f.liveToken(t, "BAD")
	f.withAttesters(t, 1, 1)
	f.nextEpoch(t)
	for _, d := range []string{good, bad} {
		_, err := f.msg.Stake(f.Ctx, &types.MsgStake{Staker: f.Accounts[1].String(), Amount: mt(d, 1_000)})
		require.NoError(t, err)
	}
	f.nextEpoch(t)
	e, err := f.ModelTokenKeeper.GetEpoch(f.Ctx)
	require.NoError(t, err)
	f.post(t, e.Number, good, "g", types.UsageRow{User: f.Accounts[1].String(), Spend: 10})
	f.post(t, e.Number, bad, "b", types.UsageRow{User: f.Accounts[1].String(), Spend: 10})
	// Corrupt the bad model: its MT incentive release will fail to find the token.
	require.NoError(t, f.ModelTokenKeeper.ModelTokens.Remove(f.Ctx, bad))
	f.settleThrough(t, e.Number)
	sum, err := f.query.EpochSummary(f.Ctx, &types.QueryEpochSummaryRequest{Epoch: e.Number})
	require.NoError(t, err)
	require.EqualValues(t, 1, sum.Summary.Models)
	require.EqualValues(t, 1, sum.Summary.SkippedModels)
	skipped := typedEvents[*types.EventModelSkipped](t, f.Ctx)
	require.Len(t, skipped, 1)
	require.Equal(t, bad, skipped[0].Denom)
	require.Equal(t, e.Number, skipped[0].Epoch)
	require.NotEmpty(t, skipped[0].Reason)
	p, _ := f.ModelTokenKeeper.Params.Get(f.Ctx)
	require.Equal(t, p.EmissionPerEpoch.QuoRaw(2), sum.Summary.Emitted, "the skipped model's half is not minted")
	_, err = f.query.EpochModelReward(f.Ctx, &types.QueryEpochModelRewardRequest{Epoch: e.Number, Denom: good})
	require.NoError(t, err)
}
