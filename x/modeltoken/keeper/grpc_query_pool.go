package keeper

import (
	"context"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/flockchain/flockd/x/modeltoken/types"
)

// Pool returns a model's reserves and spot price (uflock per MT base unit).
func (q queryServer) Pool(ctx context.Context, req *types.QueryPoolRequest) (*types.QueryPoolResponse, error) {
	if req == nil {
		return nil, status.Error(codes.InvalidArgument, "empty request")
	}
	tok, err := q.Keeper.ModelTokens.Get(ctx, req.Denom)
	if err != nil {
		return nil, notFoundOr(err, "model token")
	}
	price := math.LegacyZeroDec()
	if tok.LiquidityMt.IsPositive() {
		price = math.LegacyNewDecFromInt(tok.LiquidityFlock).QuoTruncate(math.LegacyNewDecFromInt(tok.LiquidityMt))
	}
	return &types.QueryPoolResponse{ReserveMt: tok.LiquidityMt, ReserveFlock: tok.LiquidityFlock, SpotPrice: price}, nil
}

// SwapQuote prices an exact-in swap now.
func (q queryServer) SwapQuote(ctx context.Context, req *types.QuerySwapQuoteRequest) (*types.QuerySwapQuoteResponse, error) {
	if req == nil {
		return nil, status.Error(codes.InvalidArgument, "empty request")
	}
	in, err := sdk.ParseCoinNormalized(req.TokenIn)
	if err != nil {
		return nil, status.Errorf(codes.InvalidArgument, "token_in %q: %v", req.TokenIn, err)
	}
	p, err := q.Keeper.Params.Get(ctx)
	if err != nil {
		return nil, status.Error(codes.Internal, err.Error())
	}
	res, _, err := q.quoteSwap(ctx, req.Denom, in, p.ProtocolFeeBps)
	if err != nil {
		return nil, status.Error(codes.InvalidArgument, err.Error())
	}
	return &types.QuerySwapQuoteResponse{Result: res}, nil
}
