package keeper_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	"github.com/flockchain/flockd/app"
	"github.com/flockchain/flockd/x/modeltoken/types"
)

// The searcher's attacks on the revenue buyback (module README, "MEV
// model"). The pool holds 40,000 FLOCK against 53,333 MT; a 10,000 FLOCK
// deposit queues a 4,000 FLOCK buyback. Blocks are 10 s apart and
// twap_window is one minute, so a buyback finishes in a few hundred blocks;
// the defence does not depend on the window's length.

const mevBlock = 10 * time.Second

// sandwichTiming is when the searcher trades around the deposit.
type sandwichTiming struct {
	name string
	// run makes the deposit and the searcher's buy of x and sell, moving
	// blocks as it needs.
	run func(t *testing.T, f *fixture, denom string, x math.Int)
}

// buyThenSell: the searcher's round trip, buying x FLOCK of MT before
// between() and selling exactly what it bought after.
func (f *fixture) buyThenSell(t *testing.T, denom string, x math.Int, between func()) {
	searcher := f.Accounts[2]
	got := f.swap(t, searcher, denom, uflock(x))
	between()
	f.swap(t, searcher, denom, mt(denom, 0).AddAmount(got))
}

var sandwichTimings = []sandwichTiming{
	{"same block", func(t *testing.T, f *fixture, denom string, x math.Int) {
		f.buyThenSell(t, denom, x, func() { f.deposit(t, f.Accounts[0], denom, flock(10_000)) })
	}},
	{"buy with the deposit, sell after the next block's buyback", func(t *testing.T, f *fixture, denom string, x math.Int) {
		f.deposit(t, f.Accounts[0], denom, flock(10_000))
		f.buyThenSell(t, denom, x, func() { f.block(t, mevBlock) })
	}},
	{"buy before the deposit's block ends, sell three blocks later", func(t *testing.T, f *fixture, denom string, x math.Int) {
		f.buyThenSell(t, denom, x, func() {
			f.deposit(t, f.Accounts[0], denom, flock(10_000))
			for i := 0; i < 3; i++ {
				f.block(t, mevBlock)
			}
		})
	}},
	{"between two buyback slices", func(t *testing.T, f *fixture, denom string, x math.Int) {
		f.deposit(t, f.Accounts[0], denom, flock(10_000))
		f.block(t, mevBlock)
		f.buyThenSell(t, denom, x, func() { f.block(t, mevBlock) })
	}},
}

// finishBuyback runs blocks until the buyback is spent and returns the MT
// it bought.
func (f *fixture) finishBuyback(t *testing.T, denom string) math.Int {
	for n := 0; !f.pendingBuyback(t, denom).IsZero(); n++ {
		require.Less(t, n, 20_000, "the buyback must finish")
		f.block(t, mevBlock)
	}
	rev, err := f.query.Revenue(f.Ctx, &types.QueryRevenueRequest{Denom: denom})
	require.NoError(t, err)
	return rev.Totals.MtBought
}

// TestSandwichingTheBuybackLoses: a searcher who buys before the deposit (or
// before a buyback slice) and sells after, by 50 to 256,000 FLOCK, in the
// same block or across block boundaries, ends with less FLOCK than it
// started with. And the buyback buys what it buys on a pool no one timed:
// the baseline is the same round trip made at once, before the deposit, so
// the pool keeps the same fees and only the timing differs.
func TestSandwichingTheBuybackLoses(t *testing.T) {
	for _, timing := range sandwichTimings {
		for _, size := range []int64{50, 1_000, 4_000, 32_000, 256_000} {
			t.Run(fmt.Sprintf("%s/%d FLOCK", timing.name, size), func(t *testing.T) {
				t.Parallel()
				base, denom := marketFixture(t, "MEV", time.Minute)
				base.buyThenSell(t, denom, flock(size), func() {})
				base.deposit(t, base.Accounts[0], denom, flock(10_000))
				fair := base.finishBuyback(t, denom)

				f, denom := marketFixture(t, "MEV", time.Minute)
				searcher := f.Accounts[2]
				flockBefore, mtBefore := f.balance(searcher, app.BondDenom), f.balance(searcher, denom)
				timing.run(t, f, denom, flock(size))
				require.Equal(t, mtBefore, f.balance(searcher, denom), "the searcher sold all it bought")
				pnl := f.balance(searcher, app.BondDenom).Sub(flockBefore)
				require.True(t, pnl.IsNegative(), "the searcher made %s uflock", pnl)

				bought := f.finishBuyback(t, denom)
				require.True(t, bought.MulRaw(10_000).GTE(fair.MulRaw(9_999)), "bought %s MT, %s when not timed", bought, fair)
				require.NoError(t, f.ModelTokenKeeper.CheckInvariants(f.Ctx))
				t.Logf("%s, %d FLOCK: searcher %s FLOCK; buyback %s MT (untimed: %s)", timing.name, size, pnl.ToLegacyDec().QuoInt64(1_000_000), bought, fair)
			})
		}
	}
}

// TestHoldingThePriceUpMakesTheBuybackWait: a searcher pumps the price 20%
// and holds it for a whole TWAP window (and half another): the buyback buys
// nothing at the held price; once the searcher sells, it resumes at the
// fair price and the searcher has lost its fees.
func TestHoldingThePriceUpMakesTheBuybackWait(t *testing.T) {
	const w = 5 * time.Minute
	f, denom := marketFixture(t, "HOLD", w)
	searcher := f.Accounts[2]
	flockBefore := f.balance(searcher, app.BondDenom)
	fair := f.spot(t, denom)
	f.deposit(t, f.Accounts[0], denom, flock(10_000))
	got := f.swap(t, searcher, denom, uflock(flock(3_820))) // √1.2 − 1 of the FLOCK side: +20%
	held := f.spot(t, denom)
	require.True(t, held.GT(fair.MulInt64(119).QuoInt64(100)), "price %s → %s", fair, held)

	pending := f.pendingBuyback(t, denom)
	for elapsed := time.Duration(0); elapsed < w+w/2; elapsed += mevBlock {
		require.Empty(t, f.block(t, mevBlock), "bought at the held price after %s", elapsed)
		require.Equal(t, pending, f.pendingBuyback(t, denom))
	}
	twap := f.twap(t, denom, w)
	require.True(t, twap.Twap.Equal(held) || twap.Twap.GT(held.MulInt64(99).QuoInt64(100)), "the one-window TWAP did follow the held price: %s", twap.Twap)
	require.True(t, twap.BuybackReference.LT(held.MulInt64(95).QuoInt64(100)), "the reference did not: %s", twap.BuybackReference)
	t.Logf("fair %s, held %s for %s: one-window TWAP %s, buyback reference %s", fair, held, w+w/2, twap.Twap, twap.BuybackReference)

	f.swap(t, searcher, denom, mt(denom, 0).AddAmount(got))
	var slices []buybackSlice
	for i := 0; i < 10; i++ {
		slices = append(slices, f.block(t, mevBlock)...)
	}
	require.NotEmpty(t, slices, "the buyback resumes")
	for _, s := range slices {
		require.True(t, s.priceAfter.LT(held), "resumed at %s, below the held %s", s.priceAfter, held)
	}
	require.True(t, f.balance(searcher, app.BondDenom).LT(flockBefore), "holding the price cost the searcher its fees")
	t.Logf("searcher lost %s uflock; the buyback resumed at %s", flockBefore.Sub(f.balance(searcher, app.BondDenom)), slices[0].priceAfter)
	require.NoError(t, f.ModelTokenKeeper.CheckInvariants(f.Ctx))
}
