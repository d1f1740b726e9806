package formulas

import (
	"time"

	"cosmossdk.io/math"

	"github.com/flockchain/flockd/x/modeltoken/types"
)

// GmFlockFor is the gmFLOCK credited for locking n uflock for t days:
// m = n if t <= t0, else n·(1 + ε·(t − t0)/t1), floored. With the defaults a
// 365-day lock gives ≈ 3.01× and any lock up to 30 days gives 1×.
func GmFlockFor(p types.Params, n math.Int, days uint32) math.Int {
	if days <= p.GmT0Days {
		return n
	}
	bonus := p.GmEpsilon.MulInt64(int64(days - p.GmT0Days)).QuoInt64(int64(p.GmT1Days))
	return math.LegacyNewDecFromInt(n).Mul(math.LegacyOneDec().Add(bonus)).TruncateInt()
}

// EffectiveGm is a lock's weight at time t: gmflock × remaining / original
// lock time, floored. A lock that starts after t counts 0 (it did not exist
// at the epoch's start), and an expired lock counts 0.
func EffectiveGm(l types.GmLock, t time.Time) math.Int {
	if t.Before(l.StartTime) || !t.Before(l.EndTime) {
		return math.ZeroInt()
	}
	remaining := l.EndTime.Sub(t)
	original := l.EndTime.Sub(l.StartTime)
	return l.Gmflock.Mul(math.NewInt(int64(remaining))).Quo(math.NewInt(int64(original)))
}

// GmMultiplier is the reward multiplier g = 1 + λ·x/(x + K) for effective
// gmFLOCK x: 1 at x = 0, increasing, concave, and always below 1 + λ.
// Rounded down (18 decimals), so it never exceeds the exact value.
func GmMultiplier(p types.Params, x math.Int) math.LegacyDec {
	if !x.IsPositive() {
		return math.LegacyOneDec()
	}
	xd := math.LegacyNewDecFromInt(x)
	frac := xd.QuoTruncate(xd.Add(math.LegacyNewDecFromInt(p.GmK)))
	return math.LegacyOneDec().Add(p.GmLambda.MulTruncate(frac))
}
