package market

import (
	"context"
	"time"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/flockchain/flockd/x/modeltoken/internal/storeread"
	"github.com/flockchain/flockd/x/modeltoken/types"
)

// Querier serves the market's queries of the module's Query service.
type Querier struct {
	Keeper
}

// Pool returns a model's reserves and spot price (uflock per MT base unit).
func (q Querier) Pool(ctx context.Context, req *types.QueryPoolRequest) (*types.QueryPoolResponse, error) {
	if req == nil {
		return nil, status.Error(codes.InvalidArgument, "empty request")
	}
	tok, err := q.tokens.GetToken(ctx, req.Denom)
	if err != nil {
		return nil, storeread.NotFoundOr(err, "model token")
	}
	price := math.LegacyZeroDec()
	if tok.LiquidityMt.IsPositive() {
		price = math.LegacyNewDecFromInt(tok.LiquidityFlock).QuoTruncate(math.LegacyNewDecFromInt(tok.LiquidityMt))
	}
	return &types.QueryPoolResponse{ReserveMt: tok.LiquidityMt, ReserveFlock: tok.LiquidityFlock, SpotPrice: price}, nil
}

// SwapQuote prices an exact-in swap now, with the prices a frontend shows:
// spot before and after, the impact, the effective price and the TWAP.
func (q Querier) SwapQuote(ctx context.Context, req *types.QuerySwapQuoteRequest) (*types.QuerySwapQuoteResponse, error) {
	if req == nil {
		return nil, status.Error(codes.InvalidArgument, "empty request")
	}
	in, err := sdk.ParseCoinNormalized(req.TokenIn)
	if err != nil {
		return nil, status.Errorf(codes.InvalidArgument, "token_in %q: %v", req.TokenIn, err)
	}
	p, err := q.params.Get(ctx)
	if err != nil {
		return nil, status.Error(codes.Internal, err.Error())
	}
	res, after, err := q.quoteSwap(ctx, req.Denom, in, p.ProtocolFeeBps)
	if err != nil {
		return nil, status.Error(codes.InvalidArgument, err.Error())
	}
	before, err := q.tokens.GetToken(ctx, req.Denom)
	if err != nil {
		return nil, storeread.NotFoundOr(err, "model token")
	}
	spot := types.ScaledPrice(before.LiquidityFlock, before.LiquidityMt)
	next := types.ScaledPrice(after.LiquidityFlock, after.LiquidityMt)
	// Effective price: uflock paid (or received) per MT base unit.
	effective := math.LegacyZeroDec()
	if in.Denom == req.Denom {
		effective = math.LegacyNewDecFromInt(res.AmountOut).QuoTruncate(math.LegacyNewDecFromInt(res.AmountIn))
	} else {
		effective = math.LegacyNewDecFromInt(res.AmountIn).QuoTruncate(math.LegacyNewDecFromInt(res.AmountOut))
	}
	twap, err := q.PoolTwap(ctx, before, int64(p.TwapWindow/time.Second))
	if err != nil {
		return nil, status.Error(codes.Internal, err.Error())
	}
	return &types.QuerySwapQuoteResponse{
		Result:         res,
		SpotPrice:      types.PriceDec(spot),
		PriceAfter:     types.PriceDec(next),
		PriceImpactBps: impactBps(spot, next),
		EffectivePrice: effective,
		Twap:           types.PriceDec(twap.Price),
		TwapSeconds:    uint64(twap.End - twap.Start),
	}, nil
}

// impactBps is |after − before| / before in bps, rounded up.
func impactBps(before, after math.Int) uint64 {
	if !before.IsPositive() {
		return 0
	}
	diff := after.Sub(before).Abs().MulRaw(types.BpsDenominator)
	bps := diff.Add(before).SubRaw(1).Quo(before)
	if !bps.IsUint64() {
		return ^uint64(0)
	}
	return bps.Uint64()
}

// Twap returns a pool's time-weighted price over a window ending at the
// latest block, and the reference price and pending FLOCK of its buyback.
func (q Querier) Twap(ctx context.Context, req *types.QueryTwapRequest) (*types.QueryTwapResponse, error) {
	if req == nil {
		return nil, status.Error(codes.InvalidArgument, "empty request")
	}
	tok, err := q.tokens.GetToken(ctx, req.Denom)
	if err != nil {
		return nil, storeread.NotFoundOr(err, "model token")
	}
	p, err := q.params.Get(ctx)
	if err != nil {
		return nil, status.Error(codes.Internal, err.Error())
	}
	window := int64(p.TwapWindow / time.Second)
	if req.WindowSeconds > 0 {
		if req.WindowSeconds > uint64(types.MaxTwapWindow/time.Second)*types.OracleRingSize {
			return nil, status.Errorf(codes.InvalidArgument, "window_seconds %d is longer than any pool keeps", req.WindowSeconds)
		}
		window = int64(req.WindowSeconds)
	}
	twap, err := q.PoolTwap(ctx, tok, window)
	if err != nil {
		return nil, storeread.NotFoundOr(err, "price oracle")
	}
	o, err := q.PoolOracles.Get(ctx, req.Denom)
	if err != nil {
		return nil, storeread.NotFoundOr(err, "price oracle")
	}
	ref, ready, err := q.buybackReference(ctx, o, tok, p)
	if err != nil {
		return nil, status.Error(codes.Internal, err.Error())
	}
	if !ready {
		ref = math.ZeroInt()
	}
	rt, err := q.GetRevenue(ctx, req.Denom)
	if err != nil {
		return nil, status.Error(codes.Internal, err.Error())
	}
	return &types.QueryTwapResponse{
		Twap:             types.PriceDec(twap.Price),
		StartTime:        time.Unix(twap.Start, 0).UTC(),
		EndTime:          time.Unix(twap.End, 0).UTC(),
		FullWindow:       twap.FullWindow,
		SpotPrice:        types.PriceDec(types.ScaledPrice(tok.LiquidityFlock, tok.LiquidityMt)),
		BuybackReference: types.PriceDec(ref),
		BuybackReady:     ready,
		PendingBuyback:   rt.PendingBuyback,
	}, nil
}
