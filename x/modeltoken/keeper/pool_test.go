package keeper_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"

	"github.com/flockchain/flockd/app"
	"github.com/flockchain/flockd/testutil"
	"github.com/flockchain/flockd/x/modeltoken/keeper"
	"github.com/flockchain/flockd/x/modeltoken/types"
)

// TestSwapOutKNeverDecreases (rapid): k = x·y never decreases and no swap
// returns the whole reserve.
func TestSwapOutKNeverDecreases(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		x := math.NewInt(rapid.Int64Range(1, 1_000_000_000_000_000).Draw(rt, "x"))
		y := math.NewInt(rapid.Int64Range(1, 1_000_000_000_000_000).Draw(rt, "y"))
		in := math.NewInt(rapid.Int64Range(1, 1_000_000_000_000_000).Draw(rt, "in"))
		fee := rapid.Uint32Range(0, 500).Draw(rt, "fee")
		pf := rapid.Uint32Range(0, 400).Draw(rt, "pf")
		out, protocolFee, _ := keeper.SwapOut(x, y, in, fee, pf)
		require.True(rt, out.LT(y), "never the whole reserve")
		require.False(rt, out.IsNegative())
		x2, y2 := x.Add(in).Sub(protocolFee), y.Sub(out)
		require.True(rt, x2.Mul(y2).GTE(x.Mul(y)), "k decreased")
	})
}

func (f *fixture) withReporter(t tb, reporter sdk.AccAddress) {
	t.Helper()
	p, err := f.ModelTokenKeeper.Params.Get(f.Ctx)
	require.NoError(t, err)
	p.RevenueReporters = []string{reporter.String()}
	_, err = f.msg.UpdateParams(f.Ctx, &types.MsgUpdateParams{Authority: testutil.GovAuthority(), Params: p})
	require.NoError(t, err)
}

func TestSwap(t *testing.T) {
	f := newFixture(t)
	denom := f.liveToken(t, "SWP")
	trader := f.Accounts[2]
	pool, err := f.query.Pool(f.Ctx, &types.QueryPoolRequest{Denom: denom})
	require.NoError(t, err)
	require.True(t, pool.ReserveMt.IsPositive() && pool.ReserveFlock.IsPositive(), "seeded at graduation")
	k0 := pool.ReserveMt.Mul(pool.ReserveFlock)

	q, err := f.query.SwapQuote(f.Ctx, &types.QuerySwapQuoteRequest{Denom: denom, TokenIn: "1000000000uflock"})
	require.NoError(t, err)
	before := f.balance(trader, denom)
	res, err := f.msg.Swap(f.Ctx, &types.MsgSwap{Trader: trader.String(), Denom: denom, TokenIn: uflock(flock(1_000)), MinOut: q.Result.AmountOut})
	require.NoError(t, err)
	require.Equal(t, q.Result, res.Result, "the quote is what the swap does")
	require.Equal(t, before.Add(res.Result.AmountOut), f.balance(trader, denom))
	after, err := f.query.Pool(f.Ctx, &types.QueryPoolRequest{Denom: denom})
	require.NoError(t, err)
	require.True(t, after.ReserveMt.Mul(after.ReserveFlock).GTE(k0))
	require.True(t, after.SpotPrice.GT(pool.SpotPrice), "buying MT raises its price")
	f.checkInvariants(t)

	// Sell back.
	_, err = f.msg.Swap(f.Ctx, &types.MsgSwap{Trader: trader.String(), Denom: denom, TokenIn: mt(denom, 1_000_000), MinOut: math.ZeroInt()})
	require.NoError(t, err)
	f.checkInvariants(t)

	past := f.Ctx.BlockTime().Add(-time.Second)
	tests := []struct {
		name string
		msg  types.MsgSwap
		want error
	}{
		{"unknown model", types.MsgSwap{Trader: trader.String(), Denom: "mt/nope", TokenIn: uflock(flock(1))}, types.ErrUnknownModelToken},
		{"zero amount", types.MsgSwap{Trader: trader.String(), Denom: denom, TokenIn: uflock(math.ZeroInt())}, types.ErrInvalidAmount},
		{"wrong denom", types.MsgSwap{Trader: trader.String(), Denom: denom, TokenIn: sdk.NewInt64Coin("stake", 5)}, types.ErrInvalidDenom},
		{"slippage", types.MsgSwap{Trader: trader.String(), Denom: denom, TokenIn: uflock(flock(1)), MinOut: types.MTSupply}, types.ErrSlippage},
		{"negative min out", types.MsgSwap{Trader: trader.String(), Denom: denom, TokenIn: uflock(flock(1)), MinOut: math.NewInt(-1)}, types.ErrInvalidAmount},
		{"deadline passed", types.MsgSwap{Trader: trader.String(), Denom: denom, TokenIn: uflock(flock(1)), Deadline: &past}, types.ErrDeadlinePassed},
		{"dust buys nothing", types.MsgSwap{Trader: trader.String(), Denom: denom, TokenIn: uflock(math.NewInt(1))}, types.ErrInvalidAmount},
		{"insufficient funds", types.MsgSwap{Trader: sdk.AccAddress([]byte("poor-trader-without-funds")).String(), Denom: denom, TokenIn: uflock(flock(1))}, sdkerrors.ErrInsufficientFunds},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p0, err := f.query.Pool(f.Ctx, &types.QueryPoolRequest{Denom: denom})
			require.NoError(t, err)
			b0 := f.BankKeeper.GetAllBalances(f.Ctx, trader)
			_, err = f.msg.Swap(f.Ctx, &tc.msg)
			require.ErrorIs(t, err, tc.want)
			p1, err := f.query.Pool(f.Ctx, &types.QueryPoolRequest{Denom: denom})
			require.NoError(t, err)
			require.Equal(t, p0, p1)
			require.Equal(t, b0, f.BankKeeper.GetAllBalances(f.Ctx, trader))
		})
	}
}

// TestRevenueBuybackAndBurn: a deposit splits into legs summing to the
// amount, the buyback MT lands in the revenue account, and the next epoch
// burns exactly that much, reducing the bank supply.
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
	res, err := f.msg.DepositRevenue(f.Ctx, &types.MsgDepositRevenue{Reporter: reporter.String(), Denom: denom, Amount: uflock(flock(10_000))})
	require.NoError(t, err)
	require.True(t, res.MtBought.IsPositive())
	rev, err := f.query.Revenue(f.Ctx, &types.QueryRevenueRequest{Denom: denom})
	require.NoError(t, err)
	tot := rev.Totals
	require.Equal(t, flock(10_000), tot.MtBuybackFlock.Add(tot.FlockBurned).Add(tot.Treasury).Add(tot.Issuer), "legs sum to the deposit")
	require.Equal(t, flock(4_000), tot.MtBuybackFlock)
	require.Equal(t, res.MtBought, tot.PendingBurn)
	require.Equal(t, supplyFlock.Sub(flock(2_000)), f.BankKeeper.GetSupply(f.Ctx, app.BondDenom).Amount, "the FLOCK leg is burned")
	require.Equal(t, treasuryBefore.Add(flock(2_000)), f.balance(f.treasury(), app.BondDenom))
	f.flockSupply = f.BankKeeper.GetSupply(f.Ctx, app.BondDenom).Amount
	f.checkInvariants(t)

	f.nextEpoch(t)
	require.Equal(t, supplyMT.Sub(res.MtBought), f.BankKeeper.GetSupply(f.Ctx, denom).Amount, "supply drops by exactly the MT bought")
	rev, err = f.query.Revenue(f.Ctx, &types.QueryRevenueRequest{Denom: denom})
	require.NoError(t, err)
	require.True(t, rev.Totals.PendingBurn.IsZero())
	require.Equal(t, res.MtBought, rev.Totals.MtBurned)
	require.True(t, rev.Circulating.LT(rev.Supply))
	f.checkInvariants(t)
}

func TestRevenueSplitMustSumTo10000(t *testing.T) {
	p := types.DefaultParams()
	p.Treasury = "flock10d07y265gmmuvt4z0w9aw880jnsr700jnlc35e"
	p.RevenueIssuerBps++
	require.ErrorIs(t, p.Validate(addrCodec()), types.ErrInvalidParams)
}

// TestRevenueLegsSumToAmount (rapid): for any split and amount the legs add
// up to the deposit exactly.
func TestRevenueLegsSumToAmount(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		p := types.DefaultParams()
		a := rapid.Uint32Range(0, 10_000).Draw(rt, "a")
		b := rapid.Uint32Range(0, 10_000-a).Draw(rt, "b")
		c := rapid.Uint32Range(0, 10_000-a-b).Draw(rt, "c")
		p.RevenueMtBuybackBps, p.RevenueFlockBurnBps, p.RevenueTreasuryBps, p.RevenueIssuerBps = a, b, c, 10_000-a-b-c
		amount := math.NewInt(rapid.Int64Range(1, 1_000_000_000_000_000).Draw(rt, "amount"))
		m, f, tr, is := keeper.RevenueLegs(p, amount)
		require.Equal(rt, amount, m.Add(f).Add(tr).Add(is))
		require.False(rt, m.IsNegative() || f.IsNegative() || tr.IsNegative() || is.IsNegative())
	})
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
		supply := f.BankKeeper.GetSupply(f.Ctx, denom).Amount
		bought := math.ZeroInt()
		for i, n := 0, rapid.IntRange(1, 4).Draw(rt, "deposits"); i < n; i++ {
			amt := math.NewInt(rapid.Int64Range(1_000, 50_000_000_000).Draw(rt, "amount"))
			res, err := f.msg.DepositRevenue(f.Ctx, &types.MsgDepositRevenue{Reporter: f.Accounts[2].String(), Denom: denom, Amount: uflock(amt)})
			require.NoError(rt, err)
			bought = bought.Add(res.MtBought)
		}
		require.Equal(rt, bought, f.balance(authRevenue(), denom))
		f.nextEpoch(rt)
		require.Equal(rt, supply.Sub(bought), f.BankKeeper.GetSupply(f.Ctx, denom).Amount)
		require.True(rt, f.balance(authRevenue(), denom).IsZero())
		require.NoError(rt, f.ModelTokenKeeper.CheckInvariants(f.Ctx))
	})
}

func authRevenue() sdk.AccAddress { return authtypes.NewModuleAddress(types.RevenueAccount) }
