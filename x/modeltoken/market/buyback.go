package market

import (
	"context"
	"errors"
	"math/big"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/flockchain/flockd/x/modeltoken/internal/blockstep"
	"github.com/flockchain/flockd/x/modeltoken/internal/eventkit"
	"github.com/flockchain/flockd/x/modeltoken/types"
)

// The revenue buyback runs here, in BeginBlock, not inside the reporter's
// deposit: a deposit only queues the FLOCK (revenue.go). Before any of the
// block's transactions, each model with a pending buyback buys one slice,
// bounded so that the pool price after the slice is at most
// buyback_max_impact_bps above the price before it and at most
// buyback_max_premium_bps above the reference TWAP (oracle.go). The rest
// waits for later blocks. See the module README, "MEV model".

// MaxBuybacksPerBlock bounds the models served per block. With more pending,
// a cursor serves them round robin.
const MaxBuybacksPerBlock = 100

// ExecuteBuybacksStep buys one bounded slice for up to limit models with a
// pending buyback, starting after the last model served. Each model runs in
// its own cache context; one that fails is logged, reported and retried.
func (k Keeper) ExecuteBuybacksStep(ctx context.Context, limit int) error {
	sdkCtx := sdk.UnwrapSDKContext(ctx)
	denoms, err := k.nextBuybacks(ctx, limit)
	if err != nil || len(denoms) == 0 {
		return err
	}
	p, err := k.params.Get(ctx)
	if err != nil {
		return err
	}
	for _, d := range denoms {
		if err := blockstep.Run(sdkCtx, "buyback", func(c context.Context) error { return k.buybackSlice(c, p, d) }); err != nil {
			blockstep.Failed(sdkCtx, "buyback", d, err)
		}
	}
	return k.BuybackCursor.Set(ctx, denoms[len(denoms)-1])
}

// nextBuybacks returns up to limit pending models after the cursor, wrapping
// around to the start.
func (k Keeper) nextBuybacks(ctx context.Context, limit int) ([]string, error) {
	cursor, err := k.BuybackCursor.Get(ctx)
	if err != nil && !errors.Is(err, collections.ErrNotFound) {
		return nil, err
	}
	var out []string
	collect := func(rng *collections.Range[string]) error {
		return k.PendingBuybacks.Walk(ctx, rng, func(d string) (bool, error) {
			out = append(out, d)
			return len(out) >= limit, nil
		})
	}
	if err := collect(new(collections.Range[string]).StartExclusive(cursor)); err != nil {
		return nil, err
	}
	if len(out) < limit && cursor != "" {
		if err := collect(new(collections.Range[string]).EndInclusive(cursor)); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// buybackSlice buys one bounded slice of denom's pending buyback.
func (k Keeper) buybackSlice(ctx context.Context, p types.Params, denom string) error {
	rt, err := k.GetRevenue(ctx, denom)
	if err != nil {
		return err
	}
	pending := rt.PendingBuyback
	if !pending.IsPositive() {
		return k.PendingBuybacks.Remove(ctx, denom)
	}
	tok, err := k.tokens.GetToken(ctx, denom)
	if err != nil {
		return err
	}
	if !tok.LiquidityMt.IsPositive() || !tok.LiquidityFlock.IsPositive() {
		return nil // no pool to buy from: wait (deposits refuse unseeded pools)
	}
	o, err := k.touchOracle(ctx, p, tok)
	if err != nil {
		return err
	}
	ref, ready, err := k.buybackReference(ctx, o, tok, p)
	if err != nil || !ready {
		return err
	}
	in := math.MinInt(pending, MaxBuybackIn(tok.LiquidityFlock, tok.LiquidityMt, ref, p.BuybackMaxImpactBps, p.BuybackMaxPremiumBps))
	if !in.IsPositive() {
		return nil // the price is above the bound: wait
	}
	out, _, _ := SwapOut(tok.LiquidityFlock, tok.LiquidityMt, in, p.PoolFeeBps, 0)
	if !out.IsPositive() || out.GTE(tok.LiquidityMt) {
		if in.Equal(pending) {
			// The whole remainder buys nothing: burn it rather than keep
			// the model in the queue forever.
			return k.burnBuybackDust(ctx, rt)
		}
		return nil
	}
	newFlock, newMt := tok.LiquidityFlock.Add(in), tok.LiquidityMt.Sub(out)
	if !withinBuybackBounds(tok.LiquidityFlock, tok.LiquidityMt, newFlock, newMt, ref, p) {
		return nil // cannot happen with MaxBuybackIn's bound; wait rather than overpay
	}

	if err := k.bank.SendCoinsFromModuleToModule(ctx, types.RevenueAccount, types.LiquidityAccount, k.flock(in)); err != nil {
		return err
	}
	if err := k.bank.SendCoinsFromModuleToModule(ctx, types.LiquidityAccount, types.RevenueAccount, sdk.NewCoins(sdk.NewCoin(denom, out))); err != nil {
		return err
	}
	tok.LiquidityFlock, tok.LiquidityMt = newFlock, newMt
	if err := k.tokens.SetToken(ctx, tok); err != nil {
		return err
	}
	rt.PendingBuyback = pending.Sub(in)
	rt.BuybackSpent = rt.BuybackSpent.Add(in)
	rt.MtBought = rt.MtBought.Add(out)
	rt.PendingBurn = rt.PendingBurn.Add(out)
	if err := k.Revenue.Set(ctx, denom, rt); err != nil {
		return err
	}
	if err := k.PendingBurns.Set(ctx, denom); err != nil {
		return err
	}
	if rt.PendingBuyback.IsZero() {
		if err := k.PendingBuybacks.Remove(ctx, denom); err != nil {
			return err
		}
	}
	return emitBuybackExecuted(ctx, denom, sdk.NewCoin(k.flockDenom, in), sdk.NewCoin(denom, out), types.ScaledPrice(newFlock, newMt), ref, rt.PendingBuyback)
}

// burnBuybackDust burns a pending buyback too small to buy one MT base unit.
func (k Keeper) burnBuybackDust(ctx context.Context, rt types.RevenueTotals) error {
	dust := rt.PendingBuyback
	if err := k.bank.BurnCoins(ctx, types.RevenueAccount, k.flock(dust)); err != nil {
		return err
	}
	rt.BuybackDustBurned = rt.BuybackDustBurned.Add(dust)
	rt.PendingBuyback = math.ZeroInt()
	if err := k.Revenue.Set(ctx, rt.Denom, rt); err != nil {
		return err
	}
	if err := eventkit.Burned(ctx, rt.Denom, sdk.NewCoin(k.flockDenom, dust), eventkit.ReasonBuybackDust); err != nil {
		return err
	}
	return k.PendingBuybacks.Remove(ctx, rt.Denom)
}

// MaxBuybackIn is the most FLOCK a buyback slice may spend against reserves
// (f, m) given the scaled reference price: the largest b with
// (f+b)² ≤ f·m·target, target = min(spot·(1+impact), ref·(1+premium)).
// (f+b)²/(f·m) is the price after a fee-less swap of b; with the pool fee
// less MT leaves the pool, so the real price after is lower still.
func MaxBuybackIn(f, m, refScaled math.Int, impactBps, premiumBps uint32) math.Int {
	if !f.IsPositive() || !m.IsPositive() {
		return math.ZeroInt()
	}
	fb, mb := f.BigInt(), m.BigInt()
	bps := big.NewInt(types.BpsDenominator)
	// By impact: (f+b)² ≤ f²·(1 + impact).
	byImpact := new(big.Int).Mul(fb, fb)
	byImpact.Mul(byImpact, big.NewInt(types.BpsDenominator+int64(impactBps)))
	byImpact.Quo(byImpact, bps)
	// By premium: (f+b)² ≤ f·m·ref·(1 + premium) / scale.
	byPremium := new(big.Int).Mul(fb, mb)
	byPremium.Mul(byPremium, refScaled.BigInt())
	byPremium.Mul(byPremium, big.NewInt(types.BpsDenominator+int64(premiumBps)))
	byPremium.Quo(byPremium, new(big.Int).Mul(bps, types.PriceScale.BigInt()))
	limit := byImpact
	if byPremium.Cmp(limit) < 0 {
		limit = byPremium
	}
	b := new(big.Int).Sqrt(limit)
	b.Sub(b, fb)
	if b.Sign() <= 0 {
		return math.ZeroInt()
	}
	return math.NewIntFromBigInt(b)
}

// withinBuybackBounds checks, exactly, that moving the reserves from (f, m)
// to (f2, m2) keeps the price within both buyback bounds.
func withinBuybackBounds(f, m, f2, m2, refScaled math.Int, p types.Params) bool {
	bps := math.NewInt(types.BpsDenominator)
	// f2/m2 ≤ f/m · (1 + impact)  ⇔  f2·m·B ≤ f·(B + impact)·m2
	if f2.Mul(m).Mul(bps).GT(f.MulRaw(types.BpsDenominator + int64(p.BuybackMaxImpactBps)).Mul(m2)) {
		return false
	}
	// f2/m2 ≤ ref/scale · (1 + premium)  ⇔  f2·B·scale ≤ ref·(B + premium)·m2
	return !f2.Mul(bps).Mul(types.PriceScale).GT(refScaled.MulRaw(types.BpsDenominator + int64(p.BuybackMaxPremiumBps)).Mul(m2))
}
