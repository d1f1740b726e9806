package market_test

import (
	"testing"

	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"cosmossdk.io/math"

	"github.com/flockchain/flockd/x/modeltoken/market"
	"github.com/flockchain/flockd/x/modeltoken/types"
)

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
		m, f, tr, is := market.RevenueLegs(p, amount)
		require.Equal(rt, amount, m.Add(f).Add(tr).Add(is))
		require.False(rt, m.IsNegative() || f.IsNegative() || tr.IsNegative() || is.IsNegative())
	})
}
