package market_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	"github.com/flockchain/flockd/x/modeltoken/market"
	"github.com/flockchain/flockd/x/modeltoken/types"
)

// TestMaxBuybackInBounds: the slice size formula against brute force.
func TestMaxBuybackInBounds(t *testing.T) {
	for _, tc := range []struct {
		f, m, ref     int64
		impact, prem  uint32
		limitedByPrem bool
	}{
		{40_000_000_000, 53_333_333_333, 0, 25, 50, true}, // ref 0: nothing
		{40_000_000_000, 53_333_333_333, 750_000_000_000_000_000, 25, 50, false},
		{40_000_000_000, 53_333_333_333, 746_000_000_000_000_000, 25, 50, true},
		{1_000, 1_000, 1_000_000_000_000_000_000, 25, 50, false},
	} {
		fl, m, ref := math.NewInt(tc.f), math.NewInt(tc.m), math.NewInt(tc.ref)
		b := market.MaxBuybackIn(fl, m, ref, tc.impact, tc.prem)
		require.False(t, b.IsNegative())
		// Fee-less price after b must respect both bounds; after b+1 one fails.
		ok := func(x math.Int) bool {
			f2 := fl.Add(x)
			m2num := fl.Mul(m) // m2 = f·m/f2
			// f2/m2 = f2²/(f·m)
			byImpact := f2.Mul(f2).MulRaw(types.BpsDenominator).LTE(fl.Mul(fl).MulRaw(int64(types.BpsDenominator + tc.impact)))
			byPrem := f2.Mul(f2).MulRaw(types.BpsDenominator).Mul(types.PriceScale).LTE(m2num.Mul(ref).MulRaw(int64(types.BpsDenominator + tc.prem)))
			return byImpact && byPrem
		}
		if b.IsPositive() {
			require.True(t, ok(b), "%+v: %s", tc, b)
		}
		require.False(t, ok(b.AddRaw(1)), "%+v: %s is not the largest", tc, b)
	}
}
