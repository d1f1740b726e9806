package keeper

import (
	"cosmossdk.io/math"

	"github.com/flockchain/flockd/x/modeltoken/types"
)

// The just-in-time (JIT) stake rule, in one place: what stake counts for
// an epoch's rewards. Stake added in epoch e counts from e+1; stake removed
// stops counting at once. A position keeps the stake at its epoch's start,
// so the rule needs no visit to any position when an epoch starts: a
// position (and the model's total) is rolled forward lazily the next time
// it is touched.

// CountedStakeAt is the position's counted stake for epoch e, for e the
// position's current epoch (JIT rule), any later epoch (the whole amount),
// or the epoch just before it (frozen when the position rolled).
func CountedStakeAt(p types.StakePosition, e uint64) math.Int {
	switch {
	case e >= p.Epoch:
		return CountedStake(p, e)
	case e+1 == p.Epoch && !p.PrevCounted.IsNil():
		return p.PrevCounted
	default: // older than the attestation grace allows; not used
		return p.Amount
	}
}

// ModelCountedAt is the model's counted stake total S for epoch e, with the
// same cases as CountedStakeAt.
func ModelCountedAt(ms types.ModelStake, e uint64) math.Int {
	switch {
	case e > ms.CountedEpoch:
		return ms.TotalStaked
	case e == ms.CountedEpoch:
		return ms.CountedTotal
	case e+1 == ms.CountedEpoch && !ms.PrevCountedTotal.IsNil():
		return ms.PrevCountedTotal
	default:
		return ms.TotalStaked
	}
}

// CountedStake applies the just-in-time rule: in the epoch of the position's
// last change, the stake that counts is min(stake at that epoch's start,
// stake now); in any later epoch it is the whole stake. Stake added in epoch
// e therefore counts from e+1, and stake removed stops counting at once.
func CountedStake(p types.StakePosition, epoch uint64) math.Int {
	if p.Epoch < epoch {
		return p.Amount
	}
	return math.MinInt(p.AmountAtEpochStart, p.Amount)
}

// rollPosition moves a position's epoch snapshot forward to epoch, freezing
// the counted stake of the epoch before it.
func rollPosition(p *types.StakePosition, epoch uint64) {
	if p.Epoch < epoch {
		if p.Epoch+1 == epoch {
			p.PrevCounted = CountedStake(*p, p.Epoch)
		} else {
			p.PrevCounted = p.Amount
		}
		p.AmountAtEpochStart = p.Amount
		p.Epoch = epoch
	}
}

// rollModelStake moves the model's counted total to epoch: at an epoch's
// start every position counts in full, so the counted total is the total
// staked. O(1): no position is visited.
func rollModelStake(ms *types.ModelStake, epoch uint64) {
	if ms.CountedEpoch < epoch {
		if ms.CountedEpoch+1 == epoch {
			ms.PrevCountedTotal = ms.CountedTotal
		} else {
			ms.PrevCountedTotal = ms.TotalStaked
		}
		ms.CountedTotal = ms.TotalStaked
		ms.CountedEpoch = epoch
	}
}
