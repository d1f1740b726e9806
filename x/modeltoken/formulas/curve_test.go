package formulas_test

import (
	"math/big"
	"testing"

	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"cosmossdk.io/math"

	"github.com/flockchain/flockd/x/modeltoken/formulas"
	"github.com/flockchain/flockd/x/modeltoken/types"
)

// exactCost is F(y) as a rational, for checking SoldFor independently:
// F(y) = R·(2·B·S·y + (Mb−B)·y²) / ((Mb+B)·S²).
func exactCost(mt types.ModelType, y math.Int) *big.Rat {
	B := big.NewInt(types.BpsDenominator)
	S := mt.SaleAmount().BigInt()
	R := mt.RaiseMax.BigInt()
	Mb := big.NewInt(int64(mt.EndPriceMultipleBps))
	yb := y.BigInt()
	num := new(big.Int).Mul(big.NewInt(2), B)
	num.Mul(num, S).Mul(num, yb)
	q := new(big.Int).Sub(Mb, B)
	q.Mul(q, yb).Mul(q, yb)
	num.Add(num, q).Mul(num, R)
	den := new(big.Int).Add(Mb, B)
	den.Mul(den, S).Mul(den, S)
	return new(big.Rat).SetFrac(num, den)
}

func smallType(multipleBps uint32) types.ModelType {
	mt := types.DefaultModelTypes()[0]
	mt.EndPriceMultipleBps = multipleBps
	return mt
}

func TestCurveEndpoints(t *testing.T) {
	for _, m := range []uint32{10_000, 20_000, 30_000, 1_000_000} {
		mt := smallType(m)
		c := formulas.NewCurve(mt)
		require.True(t, c.SoldFor(math.ZeroInt()).IsZero())
		require.Equal(t, mt.SaleAmount(), c.SoldFor(mt.RaiseMax), "selling the whole sale raises exactly the maximum")
		require.Equal(t, mt.SaleAmount(), c.SoldFor(mt.RaiseMax.MulRaw(2)), "never more than the sale")
		require.Equal(t, 0, exactCost(mt, mt.SaleAmount()).Cmp(new(big.Rat).SetInt(mt.RaiseMax.BigInt())))
	}
}

func TestCurveStartPriceIsCheaper(t *testing.T) {
	mt := smallType(30_000)
	c := formulas.NewCurve(mt)
	tenth := mt.RaiseMax.QuoRaw(10)
	first := c.SoldFor(tenth)
	last := mt.SaleAmount().Sub(c.SoldFor(mt.RaiseMax.Sub(tenth)))
	require.True(t, first.GT(last), "the first 10%% of FLOCK buys more MT than the last: %s vs %s", first, last)
	// End price is 3x start price, so the ratio of MT per FLOCK at the ends is near 3.
	require.True(t, first.MulRaw(10).GT(last.MulRaw(20)))
}

// TestCurveInverseIsExactFloor: for any raised r, y = SoldFor(r) satisfies
// F(y) <= r < F(y+1) (or y = S), and SoldFor is monotone.
func TestCurveInverseIsExactFloor(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		m := rapid.Uint32Range(10_000, 1_000_000).Draw(rt, "multiple")
		mt := smallType(m)
		mt.RaiseMax = math.NewInt(rapid.Int64Range(1, 1_000_000_000_000_000).Draw(rt, "raise_max"))
		mt.RaiseMin = math.ZeroInt()
		c := formulas.NewCurve(mt)
		r1 := math.NewInt(rapid.Int64Range(0, mt.RaiseMax.Int64()).Draw(rt, "r1"))
		r2 := math.NewInt(rapid.Int64Range(r1.Int64(), mt.RaiseMax.Int64()).Draw(rt, "r2"))
		y := c.SoldFor(r1)
		rr := new(big.Rat).SetInt(r1.BigInt())
		if exactCost(mt, y).Cmp(rr) > 0 {
			rt.Fatalf("F(%s) > %s", y, r1)
		}
		if y.LT(mt.SaleAmount()) && exactCost(mt, y.AddRaw(1)).Cmp(rr) <= 0 {
			rt.Fatalf("F(%s+1) <= %s: not the largest", y, r1)
		}
		if c.SoldFor(r2).LT(y) {
			rt.Fatalf("not monotone: SoldFor(%s) < SoldFor(%s)", r2, r1)
		}
	})
}

// TestCurveSplitBuysNeverBeatOneBuy: buying in pieces never yields more MT
// in total than buying at once (each piece's MT is a difference of floors of
// the same inverse, so the pieces telescope).
func TestCurveSplitBuysNeverBeatOneBuy(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		mt := smallType(30_000)
		c := formulas.NewCurve(mt)
		pieces := rapid.SliceOfN(rapid.Int64Range(1, 5_000_000_000), 1, 20).Draw(rt, "pieces")
		raised, sold := math.ZeroInt(), math.ZeroInt()
		for _, p := range pieces {
			raised = raised.AddRaw(p)
			sold = sold.Add(c.SoldFor(raised).Sub(sold))
		}
		require.Equal(rt, c.SoldFor(raised), sold)
	})
}
