package formulas_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"cosmossdk.io/math"

	"github.com/flockchain/flockd/x/modeltoken/formulas"
	"github.com/flockchain/flockd/x/modeltoken/types"
)

func TestGmFlockForSpecPoints(t *testing.T) {
	p := types.DefaultParams()
	n := math.NewInt(1_000_000_000)
	require.Equal(t, n, formulas.GmFlockFor(p, n, 1))
	require.Equal(t, n, formulas.GmFlockFor(p, n, 30), "up to t0 the credit is 1x")
	// 365 days: 1 + 2.19·335/365 = 3.01 exactly.
	require.Equal(t, math.NewInt(3_010_000_000), formulas.GmFlockFor(p, n, 365))
	// 31 days: 1 + 2.19/365 = 1.006.
	require.Equal(t, math.NewInt(1_006_000_000), formulas.GmFlockFor(p, n, 31))
}

func TestGmFlockForProperties(t *testing.T) {
	p := types.DefaultParams()
	rapid.Check(t, func(rt *rapid.T) {
		n := math.NewInt(rapid.Int64Range(1, 1_000_000_000_000_000).Draw(rt, "n"))
		d1 := rapid.Uint32Range(1, p.GmT1Days).Draw(rt, "d1")
		d2 := rapid.Uint32Range(d1, p.GmT1Days).Draw(rt, "d2")
		m1, m2 := formulas.GmFlockFor(p, n, d1), formulas.GmFlockFor(p, n, d2)
		require.True(rt, m1.GTE(n), "never below the locked amount")
		require.True(rt, m2.GTE(m1), "longer locks never credit less")
		ceiling := math.LegacyNewDecFromInt(n).Mul(math.LegacyOneDec().Add(p.GmEpsilon)).TruncateInt()
		require.True(rt, m2.LTE(ceiling), "at most n·(1+ε)")
		more := formulas.GmFlockFor(p, n.AddRaw(1), d1)
		require.True(rt, more.GTE(m1), "more FLOCK never credits less")
	})
}

func TestGmMultiplierProperties(t *testing.T) {
	p := types.DefaultParams()
	require.Equal(t, math.LegacyOneDec(), formulas.GmMultiplier(p, math.ZeroInt()), "1.0 at zero")
	// x = K gives 1 + λ/2.
	require.Equal(t, math.LegacyMustNewDecFromStr("1.5"), formulas.GmMultiplier(p, p.GmK))
	cap := math.LegacyOneDec().Add(p.GmLambda)
	rapid.Check(t, func(rt *rapid.T) {
		x := math.NewInt(rapid.Int64Range(0, 1_000_000_000_000_000_000).Draw(rt, "x"))
		y := x.Add(math.NewInt(rapid.Int64Range(0, 1_000_000_000_000_000).Draw(rt, "dy")))
		gx, gy := formulas.GmMultiplier(p, x), formulas.GmMultiplier(p, y)
		require.True(rt, gx.GTE(math.LegacyOneDec()))
		require.True(rt, gy.GTE(gx), "monotone non-decreasing")
		require.True(rt, gy.LT(cap), "never reaches 1 + λ")
		// Diminishing returns: the second x adds no more than the first
		// (up to one unit in the 18th decimal from truncation).
		g2x := formulas.GmMultiplier(p, x.MulRaw(2))
		ulp := math.LegacyNewDecWithPrec(1, math.LegacyPrecision)
		require.True(rt, g2x.Sub(gx).LTE(gx.Sub(math.LegacyOneDec()).Add(ulp)))
	})
}

func TestEffectiveGmDecays(t *testing.T) {
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	l := types.GmLock{Gmflock: math.NewInt(3_650_000), StartTime: start, EndTime: start.Add(365 * 24 * time.Hour)}
	require.True(t, formulas.EffectiveGm(l, start.Add(-time.Second)).IsZero(), "a lock made after the epoch start counts 0")
	require.Equal(t, l.Gmflock, formulas.EffectiveGm(l, start))
	require.Equal(t, math.NewInt(1_825_000), formulas.EffectiveGm(l, start.Add(365*12*time.Hour)), "half the time left, half the weight")
	require.True(t, formulas.EffectiveGm(l, l.EndTime).IsZero())
	rapid.Check(t, func(rt *rapid.T) {
		a := time.Duration(rapid.Int64Range(0, int64(400*24*time.Hour)).Draw(rt, "a"))
		b := a + time.Duration(rapid.Int64Range(0, int64(400*24*time.Hour)).Draw(rt, "b"))
		ea, eb := formulas.EffectiveGm(l, start.Add(a)), formulas.EffectiveGm(l, start.Add(b))
		require.True(rt, eb.LTE(ea) && ea.LTE(l.Gmflock))
	})
}
