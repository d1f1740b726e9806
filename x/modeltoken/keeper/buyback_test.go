package keeper_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/flockchain/flockd/app"
	"github.com/flockchain/flockd/x/modeltoken/types"
)

// buybackSlice is one begin-block buyback as its event reports it.
type buybackSlice struct {
	denom           string
	flockIn, mtOut  math.Int
	priceAfter, ref math.LegacyDec
}

// block moves to the next block after step and runs BeginBlock; it returns
// the buyback slices the block executed.
func (f *fixture) block(t tb, step time.Duration) []buybackSlice {
	t.Helper()
	f.advance(step)
	f.Ctx = f.Ctx.WithEventManager(sdk.NewEventManager())
	require.NoError(t, f.ModelTokenKeeper.BeginBlocker(f.Ctx))
	var out []buybackSlice
	for _, ev := range f.Ctx.EventManager().Events() {
		if ev.Type != types.LegacyEventBuyback {
			continue
		}
		s := buybackSlice{}
		for _, a := range ev.Attributes {
			switch a.Key {
			case types.AttrDenom:
				s.denom = a.Value
			case "flock_in":
				s.flockIn, _ = math.NewIntFromString(a.Value)
			case "mt_out":
				s.mtOut, _ = math.NewIntFromString(a.Value)
			case "price_after":
				s.priceAfter = math.LegacyMustNewDecFromStr(a.Value)
			case "reference_price":
				s.ref = math.LegacyMustNewDecFromStr(a.Value)
			}
		}
		out = append(out, s)
	}
	return out
}

func (f *fixture) reserves(t tb, denom string) (flockSide, mtSide math.Int) {
	t.Helper()
	pool, err := f.query.Pool(f.Ctx, &types.QueryPoolRequest{Denom: denom})
	require.NoError(t, err)
	return pool.ReserveFlock, pool.ReserveMt
}

// deposit makes a revenue deposit of n FLOCK (40% of it queues for the
// buyback) and takes the burned FLOCK leg out of the expected supply.
func (f *fixture) deposit(t tb, reporter sdk.AccAddress, denom string, amount math.Int) {
	t.Helper()
	_, err := f.msg.DepositRevenue(f.Ctx, &types.MsgDepositRevenue{Reporter: reporter.String(), Denom: denom, Amount: uflock(amount)})
	require.NoError(t, err)
	f.flockSupply = f.BankKeeper.GetSupply(f.Ctx, app.BondDenom).Amount
}

// marketFixture is a live model with a reporter, a pool with two windows
// of history and twap_window w.
func marketFixture(t *testing.T, symbol string, w time.Duration) (*fixture, string) {
	f := newFixture(t)
	denom := f.liveToken(t, symbol)
	f.withReporter(t, f.Accounts[0])
	f.withTwapWindow(t, w)
	f.block(t, 3*w)
	return f, denom
}

// TestBuybackSlicesStayWithinBounds: a buyback of 40% of the pool's FLOCK
// is spent over many blocks; no block moves the price by more than
// buyback_max_impact_bps, no slice leaves it more than
// buyback_max_premium_bps above the reference TWAP, and the invariants hold
// after every block.
func TestBuybackSlicesStayWithinBounds(t *testing.T) {
	f, denom := marketFixture(t, "BOUND", time.Minute)
	p, err := f.ModelTokenKeeper.Params.Get(f.Ctx)
	require.NoError(t, err)
	f.deposit(t, f.Accounts[0], denom, flock(40_000)) // 16,000 FLOCK to buy back against a 40,000 FLOCK pool
	impact := math.LegacyNewDec(int64(types.BpsDenominator + p.BuybackMaxImpactBps)).QuoInt64(types.BpsDenominator)
	premium := math.LegacyNewDec(int64(types.BpsDenominator + p.BuybackMaxPremiumBps)).QuoInt64(types.BpsDenominator)
	slices, waits := 0, 0
	for n := 0; !f.pendingBuyback(t, denom).IsZero(); n++ {
		require.Less(t, n, 20_000, "the buyback must finish")
		f0, m0 := f.reserves(t, denom)
		got := f.block(t, 10*time.Second)
		require.NoError(t, f.ModelTokenKeeper.CheckInvariants(f.Ctx))
		if len(got) == 0 {
			waits++
			continue
		}
		slices++
		require.Len(t, got, 1)
		f1, m1 := f.reserves(t, denom)
		// Exact: f1/m1 <= f0/m0 · (1 + impact).
		require.True(t, f1.Mul(m0).MulRaw(types.BpsDenominator).LTE(f0.Mul(m1).MulRaw(int64(types.BpsDenominator+p.BuybackMaxImpactBps))),
			"block %d moved the price from %s to %s", n, f0.ToLegacyDec().Quo(m0.ToLegacyDec()), f1.ToLegacyDec().Quo(m1.ToLegacyDec()))
		require.True(t, got[0].priceAfter.LTE(got[0].ref.Mul(premium)), "slice %d: price %s above reference %s + premium", n, got[0].priceAfter, got[0].ref)
		require.True(t, got[0].priceAfter.LTE(f0.ToLegacyDec().Quo(m0.ToLegacyDec()).Mul(impact)))
	}
	require.Positive(t, slices)
	require.Positive(t, waits, "a buyback this large must wait for the TWAP")
	t.Logf("16,000 FLOCK into a 40,000 FLOCK pool: %d slices, %d blocks waiting", slices, waits)
}

// TestBuybackBuysWhatDirectSwapsWould: on an unmanipulated pool the MT the
// buyback buys equals, slice for slice, what a trader swapping the same FLOCK
// in the same blocks (pool fee, no protocol fee) would have received.
func TestBuybackBuysWhatDirectSwapsWould(t *testing.T) {
	a, denom := marketFixture(t, "SAME", time.Minute)
	b, _ := marketFixture(t, "SAME", time.Minute)
	p, err := b.ModelTokenKeeper.Params.Get(b.Ctx)
	require.NoError(t, err)
	p.ProtocolFeeBps = 0 // the buyback pays the pool fee only
	p.BuybackMaxPremiumBps = 50
	require.NoError(t, b.ModelTokenKeeper.Params.Set(b.Ctx, p))

	a.deposit(t, a.Accounts[0], denom, flock(5_000))
	bought, direct := math.ZeroInt(), math.ZeroInt()
	for n := 0; !a.pendingBuyback(t, denom).IsZero(); n++ {
		require.Less(t, n, 5_000)
		slices := a.block(t, 10*time.Second)
		b.block(t, 10*time.Second)
		for _, s := range slices {
			out := b.swap(t, b.Accounts[2], denom, uflock(s.flockIn))
			require.Equal(t, out, s.mtOut, "block %d", n)
			bought, direct = bought.Add(s.mtOut), direct.Add(out)
		}
	}
	require.Equal(t, direct, bought)
	rev, err := a.query.Revenue(a.Ctx, &types.QueryRevenueRequest{Denom: denom})
	require.NoError(t, err)
	require.Equal(t, bought, rev.Totals.MtBought)
	require.Equal(t, flock(2_000), rev.Totals.BuybackSpent)
}

// TestBuybackWaitsForTwoWindowsOfHistory: right after graduation the pool
// has no reference price yet; the buyback waits until it has two windows.
func TestBuybackWaitsForTwoWindowsOfHistory(t *testing.T) {
	f := newFixture(t)
	denom := f.liveToken(t, "YOUNG")
	f.withReporter(t, f.Accounts[0])
	f.withTwapWindow(t, time.Minute)
	f.deposit(t, f.Accounts[0], denom, flock(100))
	for i := 0; i < 23; i++ { // 115 s < two windows
		require.Empty(t, f.block(t, 5*time.Second))
	}
	var got []buybackSlice
	for i := 0; i < 3 && len(got) == 0; i++ {
		got = f.block(t, 5*time.Second)
	}
	require.NotEmpty(t, got, "buys once two windows have passed")
	f.checkInvariants(t)
}

// TestBuybackDustIsBurned: a pending remainder that buys nothing is burned
// as FLOCK, so it cannot keep the model in the queue (and cost work) forever.
func TestBuybackDustIsBurned(t *testing.T) {
	f, denom := marketFixture(t, "DUST", time.Minute)
	f.deposit(t, f.Accounts[0], denom, math.NewInt(3)) // 1 uflock to buy back: less than the pool fee
	require.Equal(t, math.NewInt(1), f.pendingBuyback(t, denom))
	supply := f.BankKeeper.GetSupply(f.Ctx, app.BondDenom).Amount
	require.Empty(t, f.block(t, 5*time.Second))
	require.True(t, f.pendingBuyback(t, denom).IsZero())
	has, err := f.ModelTokenKeeper.Market.PendingBuybacks.Has(f.Ctx, denom)
	require.NoError(t, err)
	require.False(t, has, "out of the queue")
	require.Equal(t, supply.SubRaw(1), f.BankKeeper.GetSupply(f.Ctx, app.BondDenom).Amount)
	rev, err := f.query.Revenue(f.Ctx, &types.QueryRevenueRequest{Denom: denom})
	require.NoError(t, err)
	require.Equal(t, math.NewInt(1), rev.Totals.BuybackDustBurned)
	burned := typedEvents[*types.EventBurned](t, f.Ctx)
	require.Len(t, burned, 1)
	require.Equal(t, types.EventBurned{Amount: sdk.NewCoin(app.BondDenom, math.NewInt(1)), Reason: "buyback_dust", Model: denom}, *burned[0])
	f.flockSupply = supply.SubRaw(1)
	f.checkInvariants(t)
}

// TestBuybackServesModelsRoundRobin: with more pending models than the
// per-block cap, each block serves the next ones after the last served, so
// none starves.
func TestBuybackServesModelsRoundRobin(t *testing.T) {
	f := newFixture(t)
	denoms := []string{f.liveToken(t, "RRA"), f.liveToken(t, "RRB"), f.liveToken(t, "RRC")}
	f.withReporter(t, f.Accounts[0])
	f.withTwapWindow(t, time.Minute)
	for _, d := range denoms {
		f.deposit(t, f.Accounts[0], d, flock(10_000))
	}
	f.advance(5 * time.Minute)
	served := func() []string {
		f.advance(5 * time.Second)
		f.Ctx = f.Ctx.WithEventManager(sdk.NewEventManager())
		require.NoError(t, f.ModelTokenKeeper.Market.ExecuteBuybacksStep(f.Ctx, 2))
		var out []string
		for _, ev := range f.Ctx.EventManager().Events() {
			if ev.Type == types.LegacyEventBuyback {
				d, _ := ev.GetAttribute(types.AttrDenom)
				out = append(out, d.Value)
			}
		}
		return out
	}
	require.Equal(t, []string{denoms[0], denoms[1]}, served())
	require.Equal(t, []string{denoms[2], denoms[0]}, served(), "C, then around to A")
	require.Equal(t, []string{denoms[1], denoms[2]}, served())
	f.checkInvariants(t)
}
