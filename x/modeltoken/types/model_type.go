package types

import (
	"regexp"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"
)

// MTSupply is every model token's fixed supply in base units: 1,000,000 MT
// at exponent 6.
var MTSupply = math.NewInt(1_000_000_000_000)

// MaxAmount bounds every amount a message carries (10^30 base units, far
// above any supply: FLOCK's max supply is a param of at most 10^9 FLOCK =
// 10^15 uflock by default, every MT supply is 10^12). It is checked before
// any arithmetic, so products with fees (≤ 10^4 bps) and reserves (≤ 10^30)
// stay far below math.Int's 256 bits and cannot overflow (a panic).
var MaxAmount = math.NewIntWithDecimal(1, 30)

var modelTypeIDRe = regexp.MustCompile(`^[a-z][a-z0-9-]{1,31}$`)

// maxRaise bounds raise_max so that curve arithmetic stays far inside
// math.Int's 256 bits: 10^9 FLOCK, the whole FLOCK supply.
var maxRaise = math.NewInt(1_000_000_000).MulRaw(1_000_000)

// Total returns the sum of the buckets in bps.
func (a Allocation) Total() uint64 {
	return uint64(a.SaleBps) + uint64(a.LiquidityBps) + uint64(a.IncentivesBps) +
		uint64(a.IssuerBps) + uint64(a.TreasuryBps)
}

// bucket returns floor(supply × bps / 10000).
func bucket(bps uint32) math.Int {
	return MTSupply.MulRaw(int64(bps)).QuoRaw(BpsDenominator)
}

// SaleAmount is the MT (base units) offered on the curve.
func (mt ModelType) SaleAmount() math.Int { return bucket(mt.Allocation.SaleBps) }

// Validate checks a model type on its own.
func (mt ModelType) Validate() error {
	if !modelTypeIDRe.MatchString(mt.Id) {
		return errorsmod.Wrapf(ErrInvalidModelType, "id %q: want 2-32 chars of a-z, 0-9, '-', starting with a letter", mt.Id)
	}
	if mt.RaiseMin.IsNil() || mt.RaiseMax.IsNil() || mt.RaiseMin.IsNegative() || !mt.RaiseMax.IsPositive() {
		return errorsmod.Wrap(ErrInvalidModelType, "raise_min must be >= 0 and raise_max > 0")
	}
	if mt.RaiseMin.GT(mt.RaiseMax) {
		return errorsmod.Wrapf(ErrInvalidModelType, "raise_min %s above raise_max %s", mt.RaiseMin, mt.RaiseMax)
	}
	if mt.RaiseMax.GT(maxRaise) {
		return errorsmod.Wrapf(ErrInvalidModelType, "raise_max %s above %s", mt.RaiseMax, maxRaise)
	}
	if mt.Allocation.Total() != BpsDenominator {
		return errorsmod.Wrapf(ErrInvalidModelType, "allocation sums to %d bps, want %d", mt.Allocation.Total(), BpsDenominator)
	}
	if mt.Allocation.SaleBps == 0 {
		return errorsmod.Wrap(ErrInvalidModelType, "sale bucket must be positive")
	}
	if mt.LiquidityFlockBps > BpsDenominator {
		return errorsmod.Wrapf(ErrInvalidModelType, "liquidity_flock_bps %d above %d", mt.LiquidityFlockBps, BpsDenominator)
	}
	if mt.EndPriceMultipleBps < BpsDenominator || mt.EndPriceMultipleBps > 100*BpsDenominator {
		return errorsmod.Wrapf(ErrInvalidModelType, "end_price_multiple_bps %d outside [10000, 1000000]", mt.EndPriceMultipleBps)
	}
	return nil
}

// DefaultAllocation is the spec's template: 40/20/20/10/10.
func DefaultAllocation() Allocation {
	return Allocation{SaleBps: 4000, LiquidityBps: 2000, IncentivesBps: 2000, IssuerBps: 1000, TreasuryBps: 1000}
}

func flock(n int64) math.Int { return math.NewInt(n).MulRaw(MicroPerFlock) }

// DefaultModelTypes are the two templates in a fresh chain's genesis, so a
// launch can be created at once.
func DefaultModelTypes() []ModelType {
	return []ModelType{
		{
			Id:                  "llm-small",
			Description:         "Small language model on shared inference hosting",
			RaiseMin:            flock(50_000),
			RaiseMax:            flock(200_000),
			Allocation:          DefaultAllocation(),
			LiquidityFlockBps:   2000,
			EndPriceMultipleBps: 30000,
		},
		{
			Id:                  "llm-large",
			Description:         "Large language model on dedicated inference hosting",
			RaiseMin:            flock(250_000),
			RaiseMax:            flock(1_000_000),
			Allocation:          DefaultAllocation(),
			LiquidityFlockBps:   2000,
			EndPriceMultipleBps: 30000,
		},
	}
}
