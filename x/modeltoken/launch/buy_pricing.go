package launch

import (
	"time"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	"github.com/flockchain/flockd/x/modeltoken/formulas"
	"github.com/flockchain/flockd/x/modeltoken/types"
)

// AntiSnipeTaxBps is the anti-sniping tax at block time now: the start rate,
// minus the decay for every whole minute since the raise opened, never below 0.
func AntiSnipeTaxBps(p types.Params, start, now time.Time) uint32 {
	if now.Before(start) {
		return p.AntiSnipeStartBps
	}
	minutes := uint64(now.Sub(start) / time.Minute)
	decay := minutes * uint64(p.AntiSnipeDecayBpsPerMinute)
	if decay >= uint64(p.AntiSnipeStartBps) {
		return 0
	}
	return p.AntiSnipeStartBps - uint32(decay)
}

// netOf splits gross into platform fee, anti-sniping tax and net. The tax is
// taken from what remains after the fee, so fee + tax < gross whenever both
// rates are below 100%.
func netOf(gross math.Int, feeBps, taxBps uint32) (fee, tax, net math.Int) {
	fee = formulas.CeilBps(gross, feeBps)
	tax = formulas.CeilBps(gross.Sub(fee), taxBps)
	return fee, tax, gross.Sub(fee).Sub(tax)
}

// QuoteBuy prices a buy of `gross` uflock into launch l at block time now.
// taxExempt skips the anti-sniping tax (the issuer's bundled first buy).
// It changes nothing; Buy applies the quote.
func QuoteBuy(p types.Params, l types.Launch, now time.Time, gross math.Int, taxExempt bool) (types.BuyQuote, error) {
	if gross.IsNil() || !gross.IsPositive() {
		return types.BuyQuote{}, errorsmod.Wrap(types.ErrInvalidAmount, "amount must be positive")
	}
	remaining := l.ModelType.RaiseMax.Sub(l.Raised)
	if !remaining.IsPositive() {
		return types.BuyQuote{}, errorsmod.Wrapf(types.ErrRaiseFull, "launch %d", l.Id)
	}
	taxBps := AntiSnipeTaxBps(p, l.StartTime, now)
	if taxExempt {
		taxBps = 0
	}

	used := gross
	fee, tax, net := netOf(gross, p.PlatformFeeBps, taxBps)
	if net.GT(remaining) {
		// Only what fits is used: find the smallest gross whose net covers
		// the remaining capacity; the rest is refunded.
		used = smallestGrossFor(remaining, p.PlatformFeeBps, taxBps)
		fee, tax, net = netOf(used, p.PlatformFeeBps, taxBps)
		// Rounding can leave net a few base units above the capacity; that
		// dust goes to the treasury with the tax so every uflock is accounted.
		tax = tax.Add(net.Sub(remaining))
		net = remaining
	}

	creator := math.ZeroInt()
	if p.PlatformFeeBps > 0 && p.CreatorFeeBps > 0 {
		creator = fee.MulRaw(int64(p.CreatorFeeBps)).QuoRaw(int64(p.PlatformFeeBps))
	}

	curve := formulas.NewCurve(l.ModelType)
	newRaised := l.Raised.Add(net)
	mtOut := curve.SoldFor(newRaised).Sub(l.Sold)
	if !mtOut.IsPositive() {
		return types.BuyQuote{}, errorsmod.Wrapf(types.ErrInvalidAmount, "%s uflock is too small to buy any MT", gross)
	}
	return types.BuyQuote{
		Gross:           used,
		PlatformFee:     fee,
		CreatorFee:      creator,
		AntiSnipeTax:    tax,
		AntiSnipeTaxBps: taxBps,
		Net:             net,
		Refund:          gross.Sub(used),
		MtOut:           mtOut,
		Graduates:       newRaised.Equal(l.ModelType.RaiseMax),
	}, nil
}

// smallestGrossFor returns the smallest gross g with net(g) >= target.
func smallestGrossFor(target math.Int, feeBps, taxBps uint32) math.Int {
	// net(g) ≈ g·(B−f)(B−t)/B²; start from that estimate and step to the exact answer.
	b := int64(types.BpsDenominator)
	den := (b - int64(feeBps)) * (b - int64(taxBps))
	g := target.MulRaw(b * b).QuoRaw(den)
	for {
		_, _, n := netOf(g, feeBps, taxBps)
		if n.GTE(target) {
			break
		}
		g = g.AddRaw(1)
	}
	for g.GT(math.OneInt()) {
		_, _, n := netOf(g.SubRaw(1), feeBps, taxBps)
		if n.LT(target) {
			break
		}
		g = g.SubRaw(1)
	}
	return g
}
