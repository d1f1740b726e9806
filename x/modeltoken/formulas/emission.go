package formulas

import (
	"cosmossdk.io/math"

	"github.com/flockchain/flockd/x/modeltoken/types"
)

// EmissionFor is the global FLOCK emission of epoch e before the supply
// cap: E(e) = E0·(1 − d)^⌊e / P⌋, each decay step floored (uflock).
func EmissionFor(p types.Params, e uint64) math.Int {
	steps := e / uint64(p.EmissionDecayEpochs)
	out := p.EmissionPerEpoch
	keep := int64(types.BpsDenominator - p.EmissionDecayBps)
	for i := uint64(0); i < steps && out.IsPositive(); i++ {
		out = out.MulRaw(keep).QuoRaw(types.BpsDenominator)
	}
	return out
}

// CappedEmission limits an emission so the FLOCK supply never passes the cap.
func CappedEmission(p types.Params, e uint64, supply math.Int) math.Int {
	room := p.FlockMaxSupply.Sub(supply)
	if !room.IsPositive() {
		return math.ZeroInt()
	}
	return math.MinInt(EmissionFor(p, e), room)
}

// LinearRelease returns this epoch's release of a budget released at rate
// per epoch for epochsLeft epochs; the last epoch releases the remainder.
func LinearRelease(remaining, rate math.Int, epochsLeft uint32) math.Int {
	if epochsLeft == 0 || !remaining.IsPositive() {
		return math.ZeroInt()
	}
	if epochsLeft == 1 {
		return remaining
	}
	return math.MinInt(rate, remaining)
}
