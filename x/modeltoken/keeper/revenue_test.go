package keeper_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"cosmossdk.io/math"

	"github.com/flockchain/flockd/app"
	"github.com/flockchain/flockd/x/modeltoken/types"
)

// TestRevenueBuybackAndBurn: a deposit splits into legs summing to the
// amount and only queues the buyback leg; the begin-block buyback spends it
// over blocks into the revenue account, and the next epoch burns exactly the
// MT bought, reducing the bank supply.
func TestRevenueBuybackAndBurn(t *testing.T) {
	f := newFixture(t)
	denom := f.liveToken(t, "REV")
	reporter := f.Accounts[2]
	_, err := f.msg.DepositRevenue(f.Ctx, &types.MsgDepositRevenue{Reporter: reporter.String(), Denom: denom, Amount: uflock(flock(100))})
	require.ErrorIs(t, err, types.ErrNotRevenueReporter)
	f.withReporter(t, reporter)
	f.nextEpoch(t)

	for _, bad := range []struct {
		msg  types.MsgDepositRevenue
		want error
	}{
		{types.MsgDepositRevenue{Reporter: reporter.String(), Denom: "mt/nope", Amount: uflock(flock(1))}, types.ErrUnknownModelToken},
		{types.MsgDepositRevenue{Reporter: reporter.String(), Denom: denom, Amount: mt(denom, 5)}, types.ErrInvalidDenom},
		{types.MsgDepositRevenue{Reporter: reporter.String(), Denom: denom, Amount: uflock(math.ZeroInt())}, types.ErrInvalidAmount},
	} {
		_, err := f.msg.DepositRevenue(f.Ctx, &bad.msg)
		require.ErrorIs(t, err, bad.want)
	}

	supplyMT := f.BankKeeper.GetSupply(f.Ctx, denom).Amount
	supplyFlock := f.BankKeeper.GetSupply(f.Ctx, app.BondDenom).Amount
	treasuryBefore := f.balance(f.treasury(), app.BondDenom)
	poolBefore, err := f.query.Pool(f.Ctx, &types.QueryPoolRequest{Denom: denom})
	require.NoError(t, err)
	res, err := f.msg.DepositRevenue(f.Ctx, &types.MsgDepositRevenue{Reporter: reporter.String(), Denom: denom, Amount: uflock(flock(1_000))})
	require.NoError(t, err)
	require.Equal(t, flock(400), res.BuybackQueued)
	rev, err := f.query.Revenue(f.Ctx, &types.QueryRevenueRequest{Denom: denom})
	require.NoError(t, err)
	tot := rev.Totals
	require.Equal(t, flock(1_000), tot.MtBuybackFlock.Add(tot.FlockBurned).Add(tot.Treasury).Add(tot.Issuer), "legs sum to the deposit")
	require.Equal(t, flock(400), tot.MtBuybackFlock)
	require.Equal(t, flock(400), tot.PendingBuyback)
	require.True(t, tot.MtBought.IsZero(), "nothing is bought inside the deposit")
	poolAfter, err := f.query.Pool(f.Ctx, &types.QueryPoolRequest{Denom: denom})
	require.NoError(t, err)
	require.Equal(t, poolBefore, poolAfter, "the deposit does not touch the pool")
	require.Equal(t, supplyFlock.Sub(flock(200)), f.BankKeeper.GetSupply(f.Ctx, app.BondDenom).Amount, "the FLOCK leg is burned")
	require.Equal(t, treasuryBefore.Add(flock(200)), f.balance(f.treasury(), app.BondDenom))
	f.flockSupply = f.BankKeeper.GetSupply(f.Ctx, app.BondDenom).Amount
	f.checkInvariants(t)

	f.withTwapWindow(t, time.Minute)
	f.runBuybacks(t, denom, 10*time.Second, 5_000)
	rev, err = f.query.Revenue(f.Ctx, &types.QueryRevenueRequest{Denom: denom})
	require.NoError(t, err)
	bought := rev.Totals.MtBought
	require.True(t, bought.IsPositive())
	require.Equal(t, bought, rev.Totals.PendingBurn)
	require.Equal(t, flock(400), rev.Totals.BuybackSpent)
	f.checkInvariants(t)

	f.nextEpoch(t)
	require.Equal(t, supplyMT.Sub(bought), f.BankKeeper.GetSupply(f.Ctx, denom).Amount, "supply drops by exactly the MT bought")
	rev, err = f.query.Revenue(f.Ctx, &types.QueryRevenueRequest{Denom: denom})
	require.NoError(t, err)
	require.True(t, rev.Totals.PendingBurn.IsZero())
	require.Equal(t, bought, rev.Totals.MtBurned)
	require.True(t, rev.Circulating.LT(rev.Supply))
	f.checkInvariants(t)
}

func TestRevenueSplitMustSumTo10000(t *testing.T) {
	p := types.DefaultParams()
	p.Treasury = "flock10d07y265gmmuvt4z0w9aw880jnsr700jnlc35e"
	p.RevenueIssuerBps++
	require.ErrorIs(t, p.Validate(addrCodec()), types.ErrInvalidParams)
}

// TestDepositBurnProperty (rapid): whatever the deposits, the MT burned at
// the epoch equals the MT bought into the revenue account, and the bank
// supply drops by exactly that.
func TestDepositBurnProperty(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		f := newFixture(t)
		denom := f.liveToken(rt, "BURN")
		f.withReporter(rt, f.Accounts[2])
		f.nextEpoch(rt)
		f.withTwapWindow(rt, 10*time.Second)
		supply := f.BankKeeper.GetSupply(f.Ctx, denom).Amount
		for i, n := 0, rapid.IntRange(1, 4).Draw(rt, "deposits"); i < n; i++ {
			amt := math.NewInt(rapid.Int64Range(1_000, 2_000_000_000).Draw(rt, "amount"))
			_, err := f.msg.DepositRevenue(f.Ctx, &types.MsgDepositRevenue{Reporter: f.Accounts[2].String(), Denom: denom, Amount: uflock(amt)})
			require.NoError(rt, err)
		}
		f.runBuybacks(rt, denom, 5*time.Second, 5_000)
		rev, err := f.query.Revenue(f.Ctx, &types.QueryRevenueRequest{Denom: denom})
		require.NoError(rt, err)
		bought := rev.Totals.MtBought
		require.Equal(rt, bought, f.balance(authRevenue(), denom))
		f.nextEpoch(rt)
		require.Equal(rt, supply.Sub(bought), f.BankKeeper.GetSupply(f.Ctx, denom).Amount)
		require.True(rt, f.balance(authRevenue(), denom).IsZero())
		require.NoError(rt, f.ModelTokenKeeper.CheckInvariants(f.Ctx))
	})
}
