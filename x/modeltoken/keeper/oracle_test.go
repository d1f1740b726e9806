package keeper_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/flockchain/flockd/x/modeltoken/types"
)

// swap sends a MsgSwap with no minimum and returns what it paid out.
func (f *fixture) swap(t tb, trader sdk.AccAddress, denom string, in sdk.Coin) math.Int {
	t.Helper()
	res, err := f.msg.Swap(f.Ctx, &types.MsgSwap{Trader: trader.String(), Denom: denom, TokenIn: in, MinOut: math.ZeroInt()})
	require.NoError(t, err)
	return res.Result.AmountOut
}

func (f *fixture) twap(t tb, denom string, window time.Duration) *types.QueryTwapResponse {
	t.Helper()
	res, err := f.query.Twap(f.Ctx, &types.QueryTwapRequest{Denom: denom, WindowSeconds: uint64(window / time.Second)})
	require.NoError(t, err)
	return res
}

func (f *fixture) spot(t tb, denom string) math.LegacyDec {
	t.Helper()
	pool, err := f.query.Pool(f.Ctx, &types.QueryPoolRequest{Denom: denom})
	require.NoError(t, err)
	return types.PriceDec(types.ScaledPrice(pool.ReserveFlock, pool.ReserveMt))
}

// TestTwapOfAQuietPoolIsItsPrice: with no trades the TWAP is the spot price
// over any window the pool has lived through; a window longer than the
// pool's life is reported as such.
func TestTwapOfAQuietPoolIsItsPrice(t *testing.T) {
	f := newFixture(t)
	denom := f.liveToken(t, "QUIET")
	spot := f.spot(t, denom)
	young := f.twap(t, denom, time.Hour)
	require.False(t, young.FullWindow, "the pool opened this block")
	require.Equal(t, spot, young.Twap)
	require.False(t, young.BuybackReady)

	f.advance(3 * time.Hour)
	for _, w := range []time.Duration{time.Minute, 30 * time.Minute, 2 * time.Hour} {
		got := f.twap(t, denom, w)
		require.True(t, got.FullWindow, w)
		require.Equal(t, spot, got.Twap, w)
		require.Equal(t, w, got.EndTime.Sub(got.StartTime), w)
	}
	long := f.twap(t, denom, 5*time.Hour)
	require.False(t, long.FullWindow)
	require.Equal(t, 3*time.Hour, long.EndTime.Sub(long.StartTime), "only the pool's life is covered")
	require.True(t, long.BuybackReady, "two default windows of history")
	require.Equal(t, spot, long.BuybackReference)

	// Bad requests are typed gRPC errors.
	_, err := f.query.Twap(f.Ctx, &types.QueryTwapRequest{Denom: "mt/nope"})
	require.ErrorContains(t, err, "NotFound")
	_, err = f.query.Twap(f.Ctx, &types.QueryTwapRequest{Denom: denom, WindowSeconds: 1 << 40})
	require.ErrorContains(t, err, "InvalidArgument")
}

// TestTradeCannotMoveItsOwnBlocksTwap: a swap changes the spot price at once
// but the TWAP only from the next block, weighted by the time it held.
func TestTradeCannotMoveItsOwnBlocksTwap(t *testing.T) {
	f := newFixture(t)
	denom := f.liveToken(t, "BLOCK")
	f.advance(2 * time.Hour)
	before := f.twap(t, denom, 30*time.Minute)
	p0 := f.spot(t, denom)

	f.swap(t, f.Accounts[2], denom, uflock(flock(20_000))) // +125% price
	p1 := f.spot(t, denom)
	require.True(t, p1.GT(p0.MulInt64(2)))
	same := f.twap(t, denom, 30*time.Minute)
	require.Equal(t, before.Twap, same.Twap, "the block's own trade does not count")
	require.Equal(t, before.BuybackReference, same.BuybackReference)

	// A further trade in the same block changes nothing either.
	f.swap(t, f.Accounts[2], denom, uflock(flock(1_000)))
	require.Equal(t, before.Twap, f.twap(t, denom, 30*time.Minute).Twap)

	// 60 s later the new price has held for 60 of the 1800 s.
	f.advance(time.Minute)
	p2 := f.spot(t, denom)
	got := f.twap(t, denom, 30*time.Minute).Twap
	want := p0.MulInt64(29 * 60).Add(p2.MulInt64(60)).QuoInt64(30 * 60)
	require.True(t, got.Sub(want).Abs().LTE(math.LegacyNewDecWithPrec(1, 15)), "twap %s, want %s", got, want)
}

// TestTwapIsTheTimeWeightedMean: prices that change every block; the TWAP
// over any window equals the exact time-weighted mean of the spot prices
// (to the rounding of the scaled integers).
func TestTwapIsTheTimeWeightedMean(t *testing.T) {
	f := newFixture(t)
	denom := f.liveToken(t, "MEAN")
	f.withTwapWindow(t, 80*time.Second) // one observation per 10 s
	type held struct {
		price math.LegacyDec
		secs  int64
	}
	var history []held
	trader := f.Accounts[2]
	for i := 0; i < 40; i++ {
		step := time.Duration(10+i%3*5) * time.Second
		price := f.spot(t, denom)
		f.advance(step)
		history = append(history, held{price, int64(step / time.Second)})
		if i%2 == 0 {
			f.swap(t, trader, denom, uflock(flock(int64(100+i*10))))
		} else {
			f.swap(t, trader, denom, mt(denom, int64(50_000_000+i*1_000_000)))
		}
	}
	for _, window := range []int64{15, 60, 100, 240} {
		// The exact mean over the last `window` seconds.
		sum, left := math.LegacyZeroDec(), window
		for i := len(history) - 1; i >= 0 && left > 0; i-- {
			secs := min(history[i].secs, left)
			sum = sum.Add(history[i].price.MulInt64(secs))
			left -= secs
		}
		want := sum.QuoInt64(window)
		got := f.twap(t, denom, time.Duration(window)*time.Second)
		require.True(t, got.FullWindow)
		diff := got.Twap.Sub(want).Abs()
		// Every touch here is an observation, so even a window starting
		// between two is exact (interpolation over a constant price).
		require.True(t, diff.LTE(math.LegacyNewDecWithPrec(1, 15)), "window %d: twap %s, mean %s", window, got.Twap, want)
	}
}

// TestOracleRingIsBounded: however often a pool trades, it keeps at most
// OracleRingSize observations, at least twap_window/8 apart.
func TestOracleRingIsBounded(t *testing.T) {
	f := newFixture(t)
	denom := f.liveToken(t, "RING")
	f.withTwapWindow(t, 80*time.Second)
	for i := 0; i < 200; i++ {
		f.advance(3 * time.Second)
		if i%2 == 0 {
			f.swap(t, f.Accounts[2], denom, uflock(flock(10)))
		} else {
			f.swap(t, f.Accounts[2], denom, mt(denom, 10_000_000))
		}
	}
	n := 0
	var last time.Time
	rng := collections.NewPrefixedPairRange[string, uint32](denom)
	require.NoError(t, f.ModelTokenKeeper.Market.PriceObservations.Walk(f.Ctx, rng, func(_ collections.Pair[string, uint32], _ types.PriceObservation) (bool, error) {
		n++
		return false, nil
	}))
	require.Equal(t, types.OracleRingSize, n)
	gs, err := f.ModelTokenKeeper.ExportGenesis(f.Ctx)
	require.NoError(t, err)
	require.Len(t, gs.PoolOracles, 1)
	o := gs.PoolOracles[0]
	for i := range o.Observations {
		obs := o.Observations[(int(o.Newest)+1+i)%len(o.Observations)] // oldest first
		if i > 0 {
			require.GreaterOrEqual(t, obs.Time.Sub(last), 10*time.Second, "spacing")
		}
		last = obs.Time
	}
}

// TestPumpIsNotSpreadOverTheHour (finding 7 of the second review): in a
// quiet pool, a ×2 pump held for 200 seconds and sold back before the next
// observation used to be spread by interpolation over the whole gap between
// observations, so both of the buyback's windows took half of it and the
// reference rose ~5.6% an hour later. The accumulator is now exact on every
// interval where the price was constant, so the pump weighs only in the
// window that holds it, and the lower window is the true price since.
func TestPumpIsNotSpreadOverTheHour(t *testing.T) {
	f := newFixture(t)
	denom := f.liveToken(t, "PUMP")
	w := types.DefaultTwapWindow // one observation at most every 225 s
	f.withTwapWindow(t, w)
	f.advance(3 * time.Hour)
	p0 := f.spot(t, denom)

	pumper := f.Accounts[2]
	got := f.swap(t, pumper, denom, uflock(flock(60_000)))
	require.True(t, f.spot(t, denom).GT(p0.MulInt64(2)), "a ×2 pump")
	f.advance(200 * time.Second) // inside one observation spacing: recorded by no observation
	f.swap(t, pumper, denom, sdk.NewCoin(denom, got))
	p1 := f.spot(t, denom) // back to p0, a little higher by the fees kept in the pool

	// Two windows after the pump the buyback reads its reference: the window
	// [T, T+w] held the pump, [T+w, T+2w] held p1 throughout.
	f.advance(2*w - 200*time.Second)
	f.swap(t, f.Accounts[0], denom, uflock(flock(1))) // a touch records an observation
	res := f.twap(t, denom, w)
	require.True(t, res.BuybackReady)
	diff := res.BuybackReference.Sub(p1).Abs()
	require.True(t, diff.LTE(math.LegacyNewDecWithPrec(1, 15)),
		"reference %s, price since the pump %s (p0 %s): the pump leaked into the quiet window", res.BuybackReference, p1, p0)
	// The TWAP of the window holding the pump still shows it, exactly.
	require.True(t, f.twap(t, denom, 2*w).Twap.GT(p1.Mul(math.LegacyMustNewDecFromStr("1.05"))))
}
