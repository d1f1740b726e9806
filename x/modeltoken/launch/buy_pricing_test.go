package launch_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"cosmossdk.io/math"

	"github.com/flockchain/flockd/x/modeltoken/formulas"
	"github.com/flockchain/flockd/x/modeltoken/launch"
	"github.com/flockchain/flockd/x/modeltoken/types"
)

func TestAntiSnipeTaxSchedule(t *testing.T) {
	p := types.DefaultParams()
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		after time.Duration
		want  uint32
	}{
		{0, 9900},
		{59 * time.Second, 9900},
		{time.Minute, 9800},
		{90 * time.Second, 9800},
		{10 * time.Minute, 8900},
		{98 * time.Minute, 100},
		{99 * time.Minute, 0},
		{100 * time.Minute, 0},
		{7 * 24 * time.Hour, 0},
		{-time.Minute, 9900}, // clock before start: the full tax
	}
	for _, tc := range tests {
		require.Equal(t, tc.want, launch.AntiSnipeTaxBps(p, start, start.Add(tc.after)), "after %s", tc.after)
	}
}

func raisingLaunch(mt types.ModelType, start time.Time) types.Launch {
	return types.Launch{
		Id: 1, ModelType: mt, StartTime: start, EndTime: start.Add(7 * 24 * time.Hour),
		Status: types.LAUNCH_STATUS_RAISING, Raised: math.ZeroInt(), Sold: math.ZeroInt(),
	}
}

func TestQuoteBuyBreakdown(t *testing.T) {
	p := types.DefaultParams()
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	l := raisingLaunch(types.DefaultModelTypes()[0], start)
	gross := math.NewInt(1_000_000_000) // 1,000 FLOCK

	q, err := launch.QuoteBuy(p, l, start.Add(2*time.Hour), gross, false)
	require.NoError(t, err)
	require.Equal(t, math.NewInt(15_000_000), q.PlatformFee, "1.5%")
	require.True(t, q.AntiSnipeTax.IsZero(), "tax is gone after 99 minutes")
	require.Equal(t, gross.Sub(q.PlatformFee), q.Net)
	require.True(t, q.Refund.IsZero())
	require.True(t, q.MtOut.IsPositive())

	early, err := launch.QuoteBuy(p, l, start, gross, false)
	require.NoError(t, err)
	require.EqualValues(t, 9900, early.AntiSnipeTaxBps)
	require.Equal(t, gross, early.PlatformFee.Add(early.AntiSnipeTax).Add(early.Net))
	require.True(t, early.MtOut.MulRaw(50).LT(q.MtOut), "a sniper at the first block gets ~1%% of the MT")

	exempt, err := launch.QuoteBuy(p, l, start, gross, true)
	require.NoError(t, err)
	require.Equal(t, q.Net, exempt.Net, "the bundled buy pays no anti-sniping tax")

	_, err = launch.QuoteBuy(p, l, start, math.ZeroInt(), false)
	require.ErrorIs(t, err, types.ErrInvalidAmount)
	_, err = launch.QuoteBuy(p, l, start.Add(time.Hour*3), math.NewInt(1), false)
	require.ErrorIs(t, err, types.ErrInvalidAmount, "1 uflock buys nothing after fees")

	full := l
	full.Raised = full.ModelType.RaiseMax
	_, err = launch.QuoteBuy(p, full, start, gross, false)
	require.ErrorIs(t, err, types.ErrRaiseFull)
}

// TestQuoteBuyConservesEveryUflock: gross = fee + tax + net + refund, net
// never exceeds the remaining capacity, and the creator share is inside the fee.
func TestQuoteBuyConservesEveryUflock(t *testing.T) {
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	rapid.Check(t, func(rt *rapid.T) {
		p := types.DefaultParams()
		p.PlatformFeeBps = rapid.Uint32Range(0, 9_999).Draw(rt, "fee")
		p.CreatorFeeBps = rapid.Uint32Range(0, p.PlatformFeeBps).Draw(rt, "creator")
		mt := types.DefaultModelTypes()[0]
		l := raisingLaunch(mt, start)
		l.Raised = math.NewInt(rapid.Int64Range(0, mt.RaiseMax.Int64()-1).Draw(rt, "raised"))
		l.Sold = formulas.NewCurve(mt).SoldFor(l.Raised)
		gross := math.NewInt(rapid.Int64Range(1, 2*mt.RaiseMax.Int64()).Draw(rt, "gross"))
		now := start.Add(time.Duration(rapid.Int64Range(0, 200).Draw(rt, "minutes")) * time.Minute)

		q, err := launch.QuoteBuy(p, l, now, gross, false)
		if err != nil {
			require.ErrorIs(rt, err, types.ErrInvalidAmount) // too small to buy anything
			return
		}
		require.Equal(rt, gross, q.PlatformFee.Add(q.AntiSnipeTax).Add(q.Net).Add(q.Refund))
		require.Equal(rt, q.Gross, gross.Sub(q.Refund))
		require.True(rt, q.Net.LTE(mt.RaiseMax.Sub(l.Raised)))
		require.True(rt, q.CreatorFee.LTE(q.PlatformFee))
		require.False(rt, q.Refund.IsNegative() || q.AntiSnipeTax.IsNegative() || q.PlatformFee.IsNegative())
		require.Equal(rt, q.Graduates, l.Raised.Add(q.Net).Equal(mt.RaiseMax))
		if q.Refund.IsPositive() {
			require.True(rt, q.Graduates, "a refund only happens when the buy fills the raise")
		}
	})
}
