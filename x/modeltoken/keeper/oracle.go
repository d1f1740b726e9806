package keeper

import (
	"context"
	"errors"
	"fmt"
	"time"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/flockchain/flockd/x/modeltoken/types"
)

// Every pool has a time-weighted price oracle in the style of Uniswap v2:
// a cumulative sum of price × seconds, brought up to date on the first touch
// of the pool in a block (a swap or the buyback), before that block's trades
// move the reserves. A trade in block h therefore weighs in only from block
// h+1 on, and the price a block uses cannot be moved by the same block. A
// ring of OracleRingSize observations, at most one per twap_window/8, lets
// anyone compute the average price over any recent window in O(log ring).

// errNoHistory says the oracle has no observation old enough.
var errNoHistory = errors.New("price history too short")

// observationSpacing is the least time between two recorded observations.
func observationSpacing(p types.Params) int64 {
	s := int64(p.TwapWindow/time.Second) / types.ObservationsPerWindow
	if s < 1 {
		return 1
	}
	return s
}

// openOracle starts a pool's oracle at the current block: cumulative zero,
// one observation.
func (k Keeper) openOracle(ctx context.Context, denom string) (types.PoolOracle, error) {
	sdkCtx := sdk.UnwrapSDKContext(ctx)
	o := types.PoolOracle{
		Denom:      denom,
		Cumulative: math.ZeroInt(),
		LastTime:   sdkCtx.BlockTime(),
		LastHeight: sdkCtx.BlockHeight(),
		Count:      1,
		Newest:     0,
	}
	if err := k.PriceObservations.Set(ctx, collections.Join(denom, uint32(0)),
		types.PriceObservation{Time: o.LastTime, Cumulative: o.Cumulative}); err != nil {
		return o, err
	}
	return o, k.PoolOracles.Set(ctx, denom, o)
}

// touchOracle brings denom's accumulator up to the current block using the
// reserves as they are before this block's first trade, and records an
// observation if the newest is at least one spacing old. Call it before any
// trade; later calls in the same block change nothing.
func (k Keeper) touchOracle(ctx context.Context, p types.Params, tok types.ModelToken) (types.PoolOracle, error) {
	sdkCtx := sdk.UnwrapSDKContext(ctx)
	o, err := k.PoolOracles.Get(ctx, tok.Denom)
	if errors.Is(err, collections.ErrNotFound) {
		return k.openOracle(ctx, tok.Denom)
	}
	if err != nil || o.LastHeight == sdkCtx.BlockHeight() {
		return o, err
	}
	now := sdkCtx.BlockTime()
	if elapsed := now.Unix() - o.LastTime.Unix(); elapsed > 0 {
		price := types.ScaledPrice(tok.LiquidityFlock, tok.LiquidityMt)
		o.Cumulative = o.Cumulative.Add(price.MulRaw(elapsed))
	}
	o.LastTime = now
	o.LastHeight = sdkCtx.BlockHeight()
	newest, err := k.PriceObservations.Get(ctx, collections.Join(o.Denom, o.Newest))
	if err != nil {
		return o, fmt.Errorf("oracle %s: newest observation: %w", o.Denom, err)
	}
	if now.Unix()-newest.Time.Unix() >= observationSpacing(p) {
		o.Newest = (o.Newest + 1) % types.OracleRingSize
		if o.Count < types.OracleRingSize {
			o.Count++
		}
		if err := k.PriceObservations.Set(ctx, collections.Join(o.Denom, o.Newest),
			types.PriceObservation{Time: now, Cumulative: o.Cumulative}); err != nil {
			return o, err
		}
	}
	return o, k.PoolOracles.Set(ctx, o.Denom, o)
}

// observation returns the i-th observation of o, oldest first.
func (k Keeper) observation(ctx context.Context, o types.PoolOracle, i uint32) (types.PriceObservation, error) {
	slot := (o.Newest + types.OracleRingSize - (o.Count - 1) + i) % types.OracleRingSize
	return k.PriceObservations.Get(ctx, collections.Join(o.Denom, slot))
}

// cumulativeAt is the accumulator's value at unix second t (not after the
// current block). After the last touch the price has not changed, so the
// value is exact; before it, the value is interpolated between the two
// observations around t (exact unless the pool traded between them). It
// returns errNoHistory if t precedes the oldest observation.
func (k Keeper) cumulativeAt(ctx context.Context, o types.PoolOracle, tok types.ModelToken, t int64) (math.Int, error) {
	last := o.LastTime.Unix()
	if t >= last {
		return o.Cumulative.Add(types.ScaledPrice(tok.LiquidityFlock, tok.LiquidityMt).MulRaw(t - last)), nil
	}
	if o.Count == 0 {
		return math.Int{}, errNoHistory
	}
	oldest, err := k.observation(ctx, o, 0)
	if err != nil {
		return math.Int{}, err
	}
	if oldest.Time.Unix() > t {
		return math.Int{}, errNoHistory
	}
	// Binary search for the newest observation at or before t: lo is one.
	lo, hi := uint32(0), o.Count-1
	before := oldest
	for lo < hi {
		mid := lo + (hi-lo+1)/2
		obs, err := k.observation(ctx, o, mid)
		if err != nil {
			return math.Int{}, err
		}
		if obs.Time.Unix() <= t {
			lo, before = mid, obs
		} else {
			hi = mid - 1
		}
	}
	at := before.Time.Unix()
	if at == t {
		return before.Cumulative, nil
	}
	after := types.PriceObservation{Time: o.LastTime, Cumulative: o.Cumulative}
	if lo+1 < o.Count {
		if after, err = k.observation(ctx, o, lo+1); err != nil {
			return math.Int{}, err
		}
	}
	span := after.Time.Unix() - at
	if span <= 0 {
		return before.Cumulative, nil
	}
	delta := after.Cumulative.Sub(before.Cumulative)
	return before.Cumulative.Add(delta.MulRaw(t - at).QuoRaw(span)), nil
}

// oldestTime is the unix second of the oracle's oldest observation.
func (k Keeper) oldestTime(ctx context.Context, o types.PoolOracle) (int64, error) {
	if o.Count == 0 {
		return o.LastTime.Unix(), nil
	}
	obs, err := k.observation(ctx, o, 0)
	if err != nil {
		return 0, err
	}
	return obs.Time.Unix(), nil
}

// averagePrice is the scaled TWAP over [from, to] (unix seconds, from < to).
func (k Keeper) averagePrice(ctx context.Context, o types.PoolOracle, tok types.ModelToken, from, to int64) (math.Int, error) {
	a, err := k.cumulativeAt(ctx, o, tok, from)
	if err != nil {
		return math.Int{}, err
	}
	b, err := k.cumulativeAt(ctx, o, tok, to)
	if err != nil {
		return math.Int{}, err
	}
	return b.Sub(a).QuoRaw(to - from), nil
}

// TwapResult is a pool's time-weighted price over a window ending now.
type TwapResult struct {
	// Price is scaled by types.PriceScale.
	Price      math.Int
	Start, End int64
	FullWindow bool
}

// PoolTwap is the scaled TWAP of denom's pool over the window ending at the
// current block, or over the pool's whole history if that is shorter. It
// only reads state.
func (k Keeper) PoolTwap(ctx context.Context, tok types.ModelToken, window int64) (TwapResult, error) {
	o, err := k.PoolOracles.Get(ctx, tok.Denom)
	if err != nil {
		return TwapResult{}, err
	}
	now := sdk.UnwrapSDKContext(ctx).BlockTime().Unix()
	oldest, err := k.oldestTime(ctx, o)
	if err != nil {
		return TwapResult{}, err
	}
	res := TwapResult{Start: now - window, End: now, FullWindow: true}
	if res.Start < oldest {
		res.Start, res.FullWindow = oldest, false
	}
	if res.Start >= now {
		res.Price = types.ScaledPrice(tok.LiquidityFlock, tok.LiquidityMt)
		return res, nil
	}
	res.Price, err = k.averagePrice(ctx, o, tok, res.Start, now)
	return res, err
}

// buybackReference is the price the buyback may not exceed by more than its
// premium: the lower of the TWAPs over the last window and the window before
// it. Holding the price up for one whole window therefore does not raise it;
// the price must hold for two. ready is false while the pool's history is
// shorter than two windows.
func (k Keeper) buybackReference(ctx context.Context, o types.PoolOracle, tok types.ModelToken, p types.Params) (ref math.Int, ready bool, err error) {
	w := int64(p.TwapWindow / time.Second)
	now := sdk.UnwrapSDKContext(ctx).BlockTime().Unix()
	oldest, err := k.oldestTime(ctx, o)
	if err != nil || now-2*w < oldest {
		return math.Int{}, false, err
	}
	// The accumulator at the three window edges, each read once.
	var cum [3]math.Int
	for i := range cum {
		if cum[i], err = k.cumulativeAt(ctx, o, tok, now-int64(2-i)*w); err != nil {
			return math.Int{}, false, err
		}
	}
	previous, recent := cum[1].Sub(cum[0]).QuoRaw(w), cum[2].Sub(cum[1]).QuoRaw(w)
	return math.MinInt(recent, previous), true, nil
}
