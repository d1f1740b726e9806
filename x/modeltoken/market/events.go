package market

import (
	"context"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/flockchain/flockd/x/modeltoken/internal/eventkit"
	"github.com/flockchain/flockd/x/modeltoken/types"
)

// Market events: pool swaps, revenue deposits and buyback slices (burns:
// eventkit.Burned), one function per event.

func emitSwapped(ctx context.Context, trader sdk.AccAddress, denom string, tokenIn sdk.Coin, res types.SwapResult, tok types.ModelToken) error {
	out := sdk.NewCoin(res.DenomOut, res.AmountOut)
	fee := sdk.NewCoin(tokenIn.Denom, res.ProtocolFee)
	return eventkit.Emit(ctx, sdk.NewEvent(types.LegacyEventSwap,
		eventkit.Attr(types.AttrDenom, denom),
		eventkit.Attr(types.AttrBuyer, trader.String()),
		eventkit.Attr(types.AttrGross, tokenIn.String()),
		eventkit.Attr(types.AttrFee, res.ProtocolFee.String()),
		eventkit.Attr(types.AttrAmount, out.String()),
		eventkit.Attr("reserve_mt", tok.LiquidityMt.String()),
		eventkit.Attr("reserve_flock", tok.LiquidityFlock.String())),
		&types.EventSwapped{Trader: trader.String(), Denom: denom, TokenIn: tokenIn, TokenOut: out, ProtocolFee: fee,
			ReserveMt: tok.LiquidityMt, ReserveFlock: tok.LiquidityFlock})
}

// revenueLegs is how one revenue deposit was split (uflock).
type revenueLegs struct {
	Buyback, Burn, Treasury, Issuer math.Int
}

func emitRevenueDeposited(ctx context.Context, reporter sdk.AccAddress, amount sdk.Coin, rt types.RevenueTotals, legs revenueLegs) error {
	return eventkit.Emit(ctx, sdk.NewEvent(types.LegacyEventRevenue,
		eventkit.Attr(types.AttrDenom, rt.Denom),
		eventkit.Attr(types.AttrAmount, amount.String()),
		eventkit.Attr("mt_buyback_queued", legs.Buyback.String()),
		eventkit.Attr("pending_buyback", rt.PendingBuyback.String()),
		eventkit.Attr("flock_burned", legs.Burn.String()),
		eventkit.Attr("treasury", legs.Treasury.String()),
		eventkit.Attr("issuer", legs.Issuer.String())),
		&types.EventRevenueDeposited{Reporter: reporter.String(), Denom: rt.Denom, Amount: amount, BuybackQueued: legs.Buyback,
			PendingBuyback: rt.PendingBuyback, FlockBurned: legs.Burn, Treasury: legs.Treasury, Issuer: legs.Issuer})
}

// emitBuybackExecuted records one buyback slice; prices are scaled
// (types.ScaledPrice).
func emitBuybackExecuted(ctx context.Context, denom string, flockIn, mtOut sdk.Coin, priceAfter, reference, pending math.Int) error {
	after, ref := types.PriceDec(priceAfter), types.PriceDec(reference)
	return eventkit.Emit(ctx, sdk.NewEvent(types.LegacyEventBuyback,
		eventkit.Attr(types.AttrDenom, denom),
		eventkit.Attr("flock_in", flockIn.Amount.String()),
		eventkit.Attr("mt_out", mtOut.Amount.String()),
		eventkit.Attr("price_after", after.String()),
		eventkit.Attr("reference_price", ref.String()),
		eventkit.Attr("pending", pending.String())),
		&types.EventBuybackExecuted{Denom: denom, FlockIn: flockIn, MtOut: mtOut, PriceAfter: after, ReferencePrice: ref, Pending: pending})
}
