package keeper_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/flockchain/flockd/app"
	"github.com/flockchain/flockd/x/modeltoken/formulas"
	"github.com/flockchain/flockd/x/modeltoken/launch"
	"github.com/flockchain/flockd/x/modeltoken/types"
)

// Launch-side market rules: raise_min measures outside demand,
// and the pool opens where the curve ended.

func (f *fixture) launchStatus(t tb, id uint64) types.Launch {
	t.Helper()
	l, err := f.ModelTokenKeeper.Launch.Launches.Get(f.Ctx, id)
	require.NoError(t, err)
	return l
}

// settleAtDeadline moves past the raise window and runs BeginBlock.
func (f *fixture) settleAtDeadline(t tb) {
	t.Helper()
	f.advance(types.DefaultRaiseDuration)
	require.NoError(t, f.ModelTokenKeeper.BeginBlocker(f.Ctx))
}

// TestIssuerBundleAloneCannotGraduate: the issuer's bundle alone is above
// raise_min, but no outside buyer came: the launch fails at its deadline
// and the issuer redeems the bundle's principal.
func TestIssuerBundleAloneCannotGraduate(t *testing.T) {
	f := newFixture(t)
	issuer := f.Accounts[0]
	msg := launchMsg(issuer, "SOLO")
	msg.BundleFlock = flock(60_000)
	res, err := f.msg.CreateLaunch(f.Ctx, msg)
	require.NoError(t, err)
	l := f.launchStatus(t, res.LaunchId)
	require.True(t, l.Raised.GT(l.ModelType.RaiseMin), "the bundle alone passes the old test")
	require.Equal(t, l.Raised, l.IssuerRaised)

	f.advance(types.DefaultRaiseDuration)
	_, err = f.msg.Graduate(f.Ctx, &types.MsgGraduate{Sender: f.Accounts[1].String(), LaunchId: res.LaunchId})
	require.ErrorIs(t, err, types.ErrBelowMinimum)
	require.NoError(t, f.ModelTokenKeeper.BeginBlocker(f.Ctx))
	require.Equal(t, types.LAUNCH_STATUS_FAILED, f.launchStatus(t, res.LaunchId).Status)

	before := f.balance(issuer, app.BondDenom)
	paid, err := f.msg.ClaimLaunch(f.Ctx, &types.MsgClaimLaunch{Supporter: issuer.String(), LaunchId: res.LaunchId})
	require.NoError(t, err)
	require.Equal(t, uflock(l.Raised), paid.Paid, "the bundle's principal comes back")
	require.Equal(t, before.Add(l.Raised), f.balance(issuer, app.BondDenom))
	f.checkInvariants(t)
}

// TestOnlyOutsideBuysCountTowardTheMinimum: buys by the creator or the payout
// address count toward the raise, not toward raise_min (50,000 FLOCK).
func TestOnlyOutsideBuysCountTowardTheMinimum(t *testing.T) {
	for _, tc := range []struct {
		name                     string
		bundle, creator, payout  int64 // gross FLOCK
		outside                  int64
		graduates                bool
		wantIssuerRaisedPositive bool
	}{
		{"bundle and creator buys, small outside demand", 30_000, 30_000, 0, 20_000, false, true},
		{"payout address buys, small outside demand", 0, 0, 40_000, 20_000, false, true},
		{"bundle plus enough outside demand", 30_000, 0, 0, 51_000, true, true},
		{"outside demand only", 0, 0, 0, 51_000, true, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			issuer, outsider, payout := f.Accounts[0], f.Accounts[1], f.Accounts[2]
			msg := launchMsg(issuer, "DEMAND")
			msg.BundleFlock = flock(tc.bundle)
			msg.PayoutAddress = payout.String()
			res, err := f.msg.CreateLaunch(f.Ctx, msg)
			require.NoError(t, err)
			f.advance(2 * time.Hour) // past the anti-sniping tax
			for _, b := range []struct {
				who sdk.AccAddress
				amt int64
			}{{issuer, tc.creator}, {payout, tc.payout}, {outsider, tc.outside}} {
				if b.amt > 0 {
					_, err := f.msg.Buy(f.Ctx, buyMsg(b.who, res.LaunchId, flock(b.amt)))
					require.NoError(t, err)
				}
			}
			l := f.launchStatus(t, res.LaunchId)
			require.Equal(t, tc.wantIssuerRaisedPositive, l.IssuerRaised.IsPositive())
			require.True(t, l.Raised.GTE(l.ModelType.RaiseMin), "the raise as a whole is above the minimum")
			require.Equal(t, tc.graduates, launch.MeetsMinimum(l))
			f.settleAtDeadline(t)
			want := types.LAUNCH_STATUS_FAILED
			if tc.graduates {
				want = types.LAUNCH_STATUS_GRADUATED
			}
			require.Equal(t, want, f.launchStatus(t, res.LaunchId).Status)
			f.checkInvariants(t)
		})
	}
}

// TestIssuerFillingTheRaiseDoesNotGraduate: the issuer alone buys up to
// raise_max; reaching the maximum no longer graduates at once without
// outside demand; the full raise fails at its deadline and refunds.
func TestIssuerFillingTheRaiseDoesNotGraduate(t *testing.T) {
	f := newFixture(t)
	issuer := f.Accounts[0]
	msg := launchMsg(issuer, "FILL")
	msg.BundleFlock = flock(100_000)
	res, err := f.msg.CreateLaunch(f.Ctx, msg)
	require.NoError(t, err)
	f.advance(2 * time.Hour)
	buy, err := f.msg.Buy(f.Ctx, buyMsg(issuer, res.LaunchId, flock(150_000)))
	require.NoError(t, err)
	require.True(t, buy.Result.Graduates, "the buy reached the maximum")
	l := f.launchStatus(t, res.LaunchId)
	require.Equal(t, types.LAUNCH_STATUS_RAISING, l.Status, "but graduation needs outside demand")
	require.Equal(t, l.ModelType.RaiseMax, l.Raised)
	_, err = f.msg.Buy(f.Ctx, buyMsg(f.Accounts[1], res.LaunchId, flock(1_000)))
	require.ErrorIs(t, err, types.ErrRaiseFull)
	f.settleAtDeadline(t)
	require.Equal(t, types.LAUNCH_STATUS_FAILED, f.launchStatus(t, res.LaunchId).Status)
	paid, err := f.msg.ClaimLaunch(f.Ctx, &types.MsgClaimLaunch{Supporter: issuer.String(), LaunchId: res.LaunchId})
	require.NoError(t, err)
	require.Equal(t, uflock(l.Raised), paid.Paid)
	f.checkInvariants(t)
}

// endPrice is the curve's marginal price after sold MT, in uflock per MT
// base unit.
func endPrice(l types.Launch) math.LegacyDec {
	unit := math.NewInt(1_000_000_000_000)
	return formulas.NewCurve(l.ModelType).FlockAtMarginal(unit, l.Sold).ToLegacyDec().QuoInt(unit)
}

// TestPoolOpensAtTheCurvesFinalPrice: whatever was raised, the pool opens
// within 1% of the curve's final marginal price; its FLOCK side is the
// template's 20% of the raise, and the liquidity MT it does not need is
// burned and counted as burned (module state, bank supply, revenue query).
func TestPoolOpensAtTheCurvesFinalPrice(t *testing.T) {
	for _, outside := range []int64{52_000, 120_000, 300_000} {
		f := newFixture(t)
		res, err := f.msg.CreateLaunch(f.Ctx, launchMsg(f.Accounts[0], "OPEN"))
		require.NoError(t, err)
		f.advance(2 * time.Hour)
		_, err = f.msg.Buy(f.Ctx, buyMsg(f.Accounts[1], res.LaunchId, flock(outside)))
		require.NoError(t, err)
		if f.launchStatus(t, res.LaunchId).Status == types.LAUNCH_STATUS_RAISING {
			f.settleAtDeadline(t)
		}
		l := f.launchStatus(t, res.LaunchId)
		require.Equal(t, types.LAUNCH_STATUS_GRADUATED, l.Status)

		pool, err := f.query.Pool(f.Ctx, &types.QueryPoolRequest{Denom: l.Denom})
		require.NoError(t, err)
		want := endPrice(l)
		require.True(t, pool.SpotPrice.Sub(want).Abs().LTE(want.QuoInt64(100)), "raise %d: pool opens at %s, curve ended at %s", outside, pool.SpotPrice, want)
		require.Equal(t, l.Raised.MulRaw(2_000).QuoRaw(10_000), pool.ReserveFlock)

		b := launch.SplitSupply(l.ModelType.Allocation)
		require.Equal(t, b.Liquidity, pool.ReserveMt.Add(l.LiquidityBurned))
		tok, err := f.ModelTokenKeeper.ModelTokens.Get(f.Ctx, l.Denom)
		require.NoError(t, err)
		require.Equal(t, l.UnsoldBurned.Add(l.LiquidityBurned), tok.Burned)
		rev, err := f.query.Revenue(f.Ctx, &types.QueryRevenueRequest{Denom: l.Denom})
		require.NoError(t, err)
		require.Equal(t, types.MTSupply.Sub(tok.Burned), rev.Supply)
		f.checkInvariants(t)
		t.Logf("raised %s: pool %s FLOCK / %s MT, price %s (curve %s), liquidity burned %s MT",
			l.Raised, pool.ReserveFlock, pool.ReserveMt, pool.SpotPrice, want, l.LiquidityBurned)
	}
}

// TestLastBuyerSellsAtPoolOpenLosesAtMostTheFees: a supporter who buys the
// last MT of a raise and sells it into the pool at once gets back what it
// paid less the platform fee and the pool's fees (and a rounding-sized
// slippage). Before consensus version 2 the pool opened at a third of the price: 17% back.
func TestLastBuyerSellsAtPoolOpenLosesAtMostTheFees(t *testing.T) {
	for _, tc := range []struct {
		name   string
		first  int64 // gross FLOCK of the first buyer
		last   int64 // gross FLOCK of the last buyer
		capped bool
	}{
		{"the buy that reaches the maximum", 203_030, 100, true},
		{"the last buy before the deadline", 100_000, 100, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			res, err := f.msg.CreateLaunch(f.Ctx, launchMsg(f.Accounts[0], "LAST"))
			require.NoError(t, err)
			f.advance(2 * time.Hour)
			_, err = f.msg.Buy(f.Ctx, buyMsg(f.Accounts[1], res.LaunchId, flock(tc.first)))
			require.NoError(t, err)
			require.Equal(t, types.LAUNCH_STATUS_RAISING, f.launchStatus(t, res.LaunchId).Status)
			last := f.Accounts[2]
			buy, err := f.msg.Buy(f.Ctx, buyMsg(last, res.LaunchId, flock(tc.last)))
			require.NoError(t, err)
			require.Equal(t, tc.capped, buy.Result.Graduates)
			if !tc.capped {
				f.settleAtDeadline(t)
			}
			l := f.launchStatus(t, res.LaunchId)
			require.Equal(t, types.LAUNCH_STATUS_GRADUATED, l.Status)
			claim, err := f.msg.ClaimLaunch(f.Ctx, &types.MsgClaimLaunch{Supporter: last.String(), LaunchId: res.LaunchId})
			require.NoError(t, err)
			quote, err := f.query.SwapQuote(f.Ctx, &types.QuerySwapQuoteRequest{Denom: l.Denom, TokenIn: claim.Paid.String()})
			require.NoError(t, err)
			back := f.swap(t, last, l.Denom, claim.Paid)
			require.Equal(t, quote.Result.AmountOut, back)

			p, err := f.ModelTokenKeeper.Params.Get(f.Ctx)
			require.NoError(t, err)
			paid := buy.Result.Gross
			// The fees, plus the sale's own price impact, plus 1 bp of rounding.
			lossBps := int64(p.PlatformFeeBps+p.PoolFeeBps+p.ProtocolFeeBps) + int64(quote.PriceImpactBps) + 1
			require.True(t, back.MulRaw(10_000).GTE(paid.MulRaw(10_000-lossBps)),
				"paid %s uflock, got back %s (%s%%)", paid, back, back.ToLegacyDec().QuoInt(paid).MulInt64(100))
			t.Logf("paid %s uflock, sold back for %s (sale impact %d bps)", paid, back, quote.PriceImpactBps)
			f.checkInvariants(t)
		})
	}
}
