package types

import "cosmossdk.io/math"

// OracleRingSize is how many price observations each pool keeps. With one
// observation at most every twap_window/ObservationsPerWindow, the ring spans
// at least four windows, so the buyback's two windows are always covered once
// the pool is old enough.
const OracleRingSize = 32

// ObservationsPerWindow sets the spacing of observations: at most one per
// twap_window/ObservationsPerWindow.
const ObservationsPerWindow = 8

// PriceScale is the fixed-point scale of oracle prices: uflock per MT base
// unit × 10^18, the precision of math.LegacyDec, so a scaled price converts
// to a Dec without rounding.
var PriceScale = math.NewIntWithDecimal(1, math.LegacyPrecision)

// ScaledPrice is reserveFlock/reserveMt × PriceScale, floored (zero for an
// empty pool).
func ScaledPrice(reserveFlock, reserveMt math.Int) math.Int {
	if reserveMt.IsNil() || !reserveMt.IsPositive() || reserveFlock.IsNil() {
		return math.ZeroInt()
	}
	return reserveFlock.Mul(PriceScale).Quo(reserveMt)
}

// PriceDec converts a scaled price to a Dec (exact).
func PriceDec(scaled math.Int) math.LegacyDec {
	return math.LegacyNewDecFromBigIntWithPrec(scaled.BigInt(), math.LegacyPrecision)
}
