package keeper

import (
	"context"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/flockchain/flockd/x/modeltoken/types"
)

// Market events: pool swaps, revenue deposits, buyback slices, burns and
// incentive funding.

func emitSwapped(ctx context.Context, trader sdk.AccAddress, denom string, tokenIn sdk.Coin, res types.SwapResult, tok types.ModelToken) error {
	out := sdk.NewCoin(res.DenomOut, res.AmountOut)
	fee := sdk.NewCoin(tokenIn.Denom, res.ProtocolFee)
	return emit(ctx, sdk.NewEvent(types.LegacyEventSwap,
		attr(types.AttrDenom, denom),
		attr(types.AttrBuyer, trader.String()),
		attr(types.AttrGross, tokenIn.String()),
		attr(types.AttrFee, res.ProtocolFee.String()),
		attr(types.AttrAmount, out.String()),
		attr("reserve_mt", tok.LiquidityMt.String()),
		attr("reserve_flock", tok.LiquidityFlock.String())),
		&types.EventSwapped{Trader: trader.String(), Denom: denom, TokenIn: tokenIn, TokenOut: out, ProtocolFee: fee,
			ReserveMt: tok.LiquidityMt, ReserveFlock: tok.LiquidityFlock})
}

// revenueLegs is how one revenue deposit was split (uflock).
type revenueLegs struct {
	Buyback, Burn, Treasury, Issuer math.Int
}

func emitRevenueDeposited(ctx context.Context, reporter sdk.AccAddress, amount sdk.Coin, rt types.RevenueTotals, legs revenueLegs) error {
	return emit(ctx, sdk.NewEvent(types.LegacyEventRevenue,
		attr(types.AttrDenom, rt.Denom),
		attr(types.AttrAmount, amount.String()),
		attr("mt_buyback_queued", legs.Buyback.String()),
		attr("pending_buyback", rt.PendingBuyback.String()),
		attr("flock_burned", legs.Burn.String()),
		attr("treasury", legs.Treasury.String()),
		attr("issuer", legs.Issuer.String())),
		&types.EventRevenueDeposited{Reporter: reporter.String(), Denom: rt.Denom, Amount: amount, BuybackQueued: legs.Buyback,
			PendingBuyback: rt.PendingBuyback, FlockBurned: legs.Burn, Treasury: legs.Treasury, Issuer: legs.Issuer})
}

// emitBuybackExecuted records one buyback slice; prices are scaled
// (types.ScaledPrice).
func emitBuybackExecuted(ctx context.Context, denom string, flockIn, mtOut sdk.Coin, priceAfter, reference, pending math.Int) error {
	after, ref := types.PriceDec(priceAfter), types.PriceDec(reference)
	return emit(ctx, sdk.NewEvent(types.LegacyEventBuyback,
		attr(types.AttrDenom, denom),
		attr("flock_in", flockIn.Amount.String()),
		attr("mt_out", mtOut.Amount.String()),
		attr("price_after", after.String()),
		attr("reference_price", ref.String()),
		attr("pending", pending.String())),
		&types.EventBuybackExecuted{Denom: denom, FlockIn: flockIn, MtOut: mtOut, PriceAfter: after, ReferencePrice: ref, Pending: pending})
}

// emitBurned records a burn of amount that belongs to model (reason: see
// EventBurned).
func emitBurned(ctx context.Context, model string, amount sdk.Coin, reason string) error {
	legacy := sdk.NewEvent(types.LegacyEventBurn,
		attr(types.AttrDenom, model),
		attr(types.AttrAmount, amount.Amount.String()),
		attr(types.AttrReason, reason))
	if reason == reasonBuybackDust {
		legacy = sdk.NewEvent(types.LegacyEventBuybackDust,
			attr(types.AttrDenom, model),
			attr(types.AttrAmount, amount.String()))
	}
	return emit(ctx, legacy, &types.EventBurned{Amount: amount, Reason: reason, Model: model})
}

// reasonBuybackDust: a pending buyback too small to buy one MT base unit,
// burned as FLOCK.
const reasonBuybackDust = "buyback_dust"

func emitIncentiveFunded(ctx context.Context, funder sdk.AccAddress, denom string, amount sdk.Coin) error {
	return emit(ctx, sdk.NewEvent(types.LegacyEventFundIncentive,
		attr(types.AttrDenom, denom),
		attr(types.AttrAmount, amount.String())),
		&types.EventIncentiveFunded{Funder: funder.String(), Denom: denom, Amount: amount})
}
