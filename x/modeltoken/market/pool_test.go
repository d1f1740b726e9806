package market_test

import (
	"testing"

	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"cosmossdk.io/math"

	"github.com/flockchain/flockd/x/modeltoken/market"
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
		out, protocolFee, _ := market.SwapOut(x, y, in, fee, pf)
		require.True(rt, out.LT(y), "never the whole reserve")
		require.False(rt, out.IsNegative())
		x2, y2 := x.Add(in).Sub(protocolFee), y.Sub(out)
		require.True(rt, x2.Mul(y2).GTE(x.Mul(y)), "k decreased")
	})
}

func FuzzSwapOut(f *testing.F) {
	f.Add(int64(1_000), int64(1_000), int64(10), uint32(30), uint32(5))
	f.Add(int64(1), int64(1_000_000_000_000), int64(1_000_000_000_000), uint32(0), uint32(0))
	f.Fuzz(func(t *testing.T, x, y, in int64, fee, pf uint32) {
		if x <= 0 || y <= 0 || in <= 0 {
			return
		}
		fee, pf = fee%500, pf%400
		X, Y, In := math.NewInt(x), math.NewInt(y), math.NewInt(in)
		out, protocolFee, _ := market.SwapOut(X, Y, In, fee, pf)
		if out.IsNegative() || out.GTE(Y) {
			t.Fatalf("out %s of reserve %s", out, Y)
		}
		if X.Add(In).Sub(protocolFee).Mul(Y.Sub(out)).LT(X.Mul(Y)) {
			t.Fatal("k decreased")
		}
	})
}
