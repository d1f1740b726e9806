package formulas

import (
	"math/big"

	"cosmossdk.io/math"

	"github.com/flockchain/flockd/x/modeltoken/types"
)

// Curve is a launch's linear bonding curve. The price of the x-th MT base
// unit is p(x) = p0 + k·x for x in [0, S], calibrated so that selling the
// whole sale S raises exactly R (raise_max) and the end price is M times the
// start price:
//
//	F(x) = ∫0..x p = R · (2·B·S·x + (Mb − B)·x²) / ((Mb + B)·S²)
//
// with B = 10000 and Mb = M in bps. F(S) = R. All arithmetic is on big
// integers, exact; no floats.
type Curve struct {
	S  *big.Int // sale amount, MT base units
	R  *big.Int // raise_max, uflock
	Mb *big.Int // end/start price multiple in bps (>= B)
}

var bpsB = big.NewInt(types.BpsDenominator)

// NewCurve builds the curve of a model type.
func NewCurve(mt types.ModelType) Curve {
	return Curve{
		S:  mt.SaleAmount().BigInt(),
		R:  mt.RaiseMax.BigInt(),
		Mb: big.NewInt(int64(mt.EndPriceMultipleBps)),
	}
}

// costAtMost reports whether F(y) <= raised, exactly:
// R·(2·B·S·y + (Mb−B)·y²) <= raised·(Mb+B)·S².
func (c Curve) costAtMost(y, raised *big.Int) bool {
	lhs := new(big.Int).Mul(big.NewInt(2), bpsB)
	lhs.Mul(lhs, c.S)
	lhs.Mul(lhs, y)
	quad := new(big.Int).Sub(c.Mb, bpsB)
	quad.Mul(quad, y)
	quad.Mul(quad, y)
	lhs.Add(lhs, quad)
	lhs.Mul(lhs, c.R)

	rhs := new(big.Int).Add(c.Mb, bpsB)
	rhs.Mul(rhs, raised)
	rhs.Mul(rhs, c.S)
	rhs.Mul(rhs, c.S)
	return lhs.Cmp(rhs) <= 0
}

// SoldFor returns the MT sold when the curve has collected `raised` uflock:
// the largest y in [0, S] with F(y) <= raised (the exact inverse, floored,
// so buyers as a group never receive more MT than the curve allows).
func (c Curve) SoldFor(raised math.Int) math.Int {
	r := raised.BigInt()
	if r.Sign() <= 0 {
		return math.ZeroInt()
	}
	if r.Cmp(c.R) >= 0 {
		return math.NewIntFromBigInt(c.S)
	}
	// Solve a·y² + b·y − cc = 0 for y:
	// a = R·(Mb−B), b = 2·R·B·S, cc = raised·(Mb+B)·S².
	a := new(big.Int).Sub(c.Mb, bpsB)
	a.Mul(a, c.R)
	b := new(big.Int).Mul(big.NewInt(2), c.R)
	b.Mul(b, bpsB)
	b.Mul(b, c.S)
	cc := new(big.Int).Add(c.Mb, bpsB)
	cc.Mul(cc, r)
	cc.Mul(cc, c.S)
	cc.Mul(cc, c.S)

	var y *big.Int
	if a.Sign() == 0 { // flat price
		y = new(big.Int).Quo(cc, b)
	} else {
		// y = (sqrt(b² + 4·a·cc) − b) / (2a), then corrected to the exact floor.
		disc := new(big.Int).Mul(b, b)
		t := new(big.Int).Mul(big.NewInt(4), a)
		t.Mul(t, cc)
		disc.Add(disc, t)
		y = new(big.Int).Sqrt(disc)
		y.Sub(y, b)
		y.Quo(y, new(big.Int).Mul(big.NewInt(2), a))
	}
	one := big.NewInt(1)
	for y.Sign() > 0 && !c.costAtMost(y, r) {
		y.Sub(y, one)
	}
	for y.Cmp(c.S) < 0 && c.costAtMost(new(big.Int).Add(y, one), r) {
		y.Add(y, one)
	}
	if y.Cmp(c.S) > 0 {
		y.Set(c.S)
	}
	return math.NewIntFromBigInt(y)
}

// marginal returns the curve's price at x as the fraction num/den (uflock
// per MT base unit): p(x) = R·2·(B·S + (Mb−B)·x) / ((Mb+B)·S²).
func (c Curve) marginal(x *big.Int) (num, den *big.Int) {
	num = new(big.Int).Sub(c.Mb, bpsB)
	num.Mul(num, x)
	num.Add(num, new(big.Int).Mul(bpsB, c.S))
	num.Mul(num, c.R)
	num.Mul(num, big.NewInt(2))
	den = new(big.Int).Add(c.Mb, bpsB)
	den.Mul(den, c.S)
	den.Mul(den, c.S)
	return num, den
}

// MTAtMarginal is how much MT flock buys at the curve's marginal price after
// sold MT were sold: ⌊flock / p(sold)⌋. Graduation opens the pool with this
// MT against flock, so the pool starts where the curve ended.
func (c Curve) MTAtMarginal(flock, sold math.Int) math.Int {
	num, den := c.marginal(sold.BigInt())
	if num.Sign() <= 0 {
		return math.ZeroInt()
	}
	out := new(big.Int).Mul(flock.BigInt(), den)
	return math.NewIntFromBigInt(out.Quo(out, num))
}

// FlockAtMarginal is the FLOCK value of mt at p(sold), floored.
func (c Curve) FlockAtMarginal(mt, sold math.Int) math.Int {
	num, den := c.marginal(sold.BigInt())
	out := new(big.Int).Mul(mt.BigInt(), num)
	return math.NewIntFromBigInt(out.Quo(out, den))
}
