package market

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

// OpenOracle starts a pool's oracle at the current block: cumulative zero,
// one observation.
func (k Keeper) OpenOracle(ctx context.Context, denom string) (types.PoolOracle, error) {
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
		types.PriceObservation{Time: o.LastTime, Cumulative: o.Cumulative, PrevTime: o.LastTime, PrevCumulative: o.Cumulative}); err != nil {
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
		return k.OpenOracle(ctx, tok.Denom)
	}
	if err != nil || o.LastHeight == sdkCtx.BlockHeight() {
		return o, err
	}
	now := sdkCtx.BlockTime()
	// The touch before this one: the price was constant since then.
	prevTime, prevCumulative := o.LastTime, o.Cumulative
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
		if err := k.PriceObservations.Set(ctx, collections.Join(o.Denom, o.Newest), types.PriceObservation{
			Time: now, Cumulative: o.Cumulative, PrevTime: prevTime, PrevCumulative: prevCumulative,
		}); err != nil {
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

// oraclePoint is the accumulator's exact value at a unix second.
type oraclePoint struct {
	t int64
	c math.Int
}

// lerp is the accumulator at t on the segment [a, b], exact when the price
// was constant on it.
func lerp(a, b oraclePoint, t int64) oraclePoint {
	if b.t <= a.t {
		return a
	}
	return oraclePoint{t, a.c.Add(b.c.Sub(a.c).MulRaw(t - a.t).QuoRaw(b.t - a.t))}
}

// nearer is whichever of a and b is closer to t (a on a tie).
func nearer(a, b oraclePoint, t int64) oraclePoint {
	if b.t-t < t-a.t {
		return b
	}
	return a
}

// pointBefore is where the price last changed before obs could: the touch
// before it, recorded in the observation. Observations written before v4
// lack it; for them it is the previous observation (the old interpolation).
func pointBefore(obs types.PriceObservation, previous oraclePoint) oraclePoint {
	if obs.PrevTime.IsZero() || obs.PrevCumulative.IsNil() {
		return previous
	}
	q := oraclePoint{obs.PrevTime.Unix(), obs.PrevCumulative}
	if q.t < previous.t || q.t > obs.Time.Unix() {
		return previous
	}
	return q
}

// cumulativeAt is the accumulator at unix second t (not after the current
// block), or at the nearest second where it is known exactly. It is never
// interpolated across a touch that may have moved the price: after the last
// touch and between an observation's previous touch and the observation the
// price was constant, so the value there is exact; a t that falls between
// an observation and a later touch that recorded none (less than one
// observation spacing) moves to the nearer of the two, and the returned
// point says where. A pump of a few seconds therefore weighs only in the
// window that holds it, never spread over the hour around it. It returns
// errNoHistory if t precedes the oldest observation.
func (k Keeper) cumulativeAt(ctx context.Context, o types.PoolOracle, tok types.ModelToken, t int64) (oraclePoint, error) {
	last := o.LastTime.Unix()
	if t >= last {
		return oraclePoint{t, o.Cumulative.Add(types.ScaledPrice(tok.LiquidityFlock, tok.LiquidityMt).MulRaw(t - last))}, nil
	}
	if o.Count == 0 {
		return oraclePoint{}, errNoHistory
	}
	oldest, err := k.observation(ctx, o, 0)
	if err != nil {
		return oraclePoint{}, err
	}
	if oldest.Time.Unix() > t {
		return oraclePoint{}, errNoHistory
	}
	// Binary search for the newest observation at or before t: lo is one.
	lo, hi := uint32(0), o.Count-1
	before := oldest
	for lo < hi {
		mid := lo + (hi-lo+1)/2
		obs, err := k.observation(ctx, o, mid)
		if err != nil {
			return oraclePoint{}, err
		}
		if obs.Time.Unix() <= t {
			lo, before = mid, obs
		} else {
			hi = mid - 1
		}
	}
	at := oraclePoint{before.Time.Unix(), before.Cumulative}
	if at.t == t {
		return at, nil
	}
	if lo+1 == o.Count {
		// Between the newest observation and the last touch: any touches
		// in between recorded nothing, so the path is unknown there.
		return nearer(at, oraclePoint{last, o.Cumulative}, t), nil
	}
	next, err := k.observation(ctx, o, lo+1)
	if err != nil {
		return oraclePoint{}, err
	}
	after := oraclePoint{next.Time.Unix(), next.Cumulative}
	q := pointBefore(next, at)
	if t >= q.t {
		return lerp(q, after, t), nil
	}
	return nearer(at, q, t), nil
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

// averagePrice is the scaled TWAP between two exact points of the
// accumulator (a.t < b.t).
func averagePrice(a, b oraclePoint) math.Int {
	return b.c.Sub(a.c).QuoRaw(b.t - a.t)
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
	from, err := k.cumulativeAt(ctx, o, tok, res.Start)
	if err != nil {
		return TwapResult{}, err
	}
	to, err := k.cumulativeAt(ctx, o, tok, now)
	if err != nil {
		return TwapResult{}, err
	}
	res.Start = from.t
	if from.t >= to.t {
		res.Price = types.ScaledPrice(tok.LiquidityFlock, tok.LiquidityMt)
		return res, nil
	}
	res.Price = averagePrice(from, to)
	return res, nil
}

// buybackReference is the price the buyback may not exceed by more than its
// premium: the lower of the TWAPs over the last window and the window before
// it. Holding the price up for one whole window therefore does not raise it;
// the price must hold for two. ready is false while the pool's history is
// shorter than two windows. The window edges are where cumulativeAt knows
// the accumulator exactly, so each TWAP is exact over its own span.
func (k Keeper) buybackReference(ctx context.Context, o types.PoolOracle, tok types.ModelToken, p types.Params) (ref math.Int, ready bool, err error) {
	w := int64(p.TwapWindow / time.Second)
	now := sdk.UnwrapSDKContext(ctx).BlockTime().Unix()
	oldest, err := k.oldestTime(ctx, o)
	if err != nil || now-2*w < oldest {
		return math.Int{}, false, err
	}
	// The accumulator at the three window edges, each read once.
	var edge [3]oraclePoint
	for i := range edge {
		if edge[i], err = k.cumulativeAt(ctx, o, tok, now-int64(2-i)*w); err != nil {
			return math.Int{}, false, err
		}
	}
	if edge[0].t >= edge[1].t || edge[1].t >= edge[2].t {
		return math.Int{}, false, nil // only after twap_window shrank eightfold
	}
	previous, recent := averagePrice(edge[0], edge[1]), averagePrice(edge[1], edge[2])
	return math.MinInt(recent, previous), true, nil
}
