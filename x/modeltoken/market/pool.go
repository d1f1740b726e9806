package market

import (
	"context"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/flockchain/flockd/x/modeltoken/formulas"
	"github.com/flockchain/flockd/x/modeltoken/internal/checks"
	"github.com/flockchain/flockd/x/modeltoken/types"
)

// Each live model has one constant-product MT/FLOCK pool, seeded at
// graduation from the liquidity bucket and a share of the raise, held by the
// liquidity module account and owned by the protocol (no LP shares). Its
// reserves are ModelToken.liquidity_mt and liquidity_flock.

// SwapOut prices an exact-in swap of amountIn against reserves (in, out):
// the protocol fee ⌈in·pf⌉ goes to the treasury, the pool fee ⌈rest·f⌉ stays
// in the pool, and out = ⌊reserveOut·net / (reserveIn + net)⌋, rounded
// against the trader. The new reserves are (reserveIn + in − protocol fee,
// reserveOut − out), so k = x·y never decreases.
func SwapOut(reserveIn, reserveOut, amountIn math.Int, poolFeeBps, protocolFeeBps uint32) (out, protocolFee, poolFee math.Int) {
	protocolFee = formulas.CeilBps(amountIn, protocolFeeBps)
	afterProtocol := amountIn.Sub(protocolFee)
	poolFee = formulas.CeilBps(afterProtocol, poolFeeBps)
	net := afterProtocol.Sub(poolFee)
	if !net.IsPositive() {
		return math.ZeroInt(), protocolFee, poolFee
	}
	out = reserveOut.Mul(net).Quo(reserveIn.Add(net))
	return out, protocolFee, poolFee
}

// quoteSwap validates a swap and returns its result and the new reserves.
func (k Keeper) quoteSwap(ctx context.Context, denom string, in sdk.Coin, protocolFeeBps uint32) (types.SwapResult, types.ModelToken, error) {
	if err := k.tokens.RequireLive(ctx, denom); err != nil {
		return types.SwapResult{}, types.ModelToken{}, err
	}
	tok, err := k.tokens.GetToken(ctx, denom)
	if err != nil {
		return types.SwapResult{}, tok, err
	}
	if !tok.LiquidityMt.IsPositive() || !tok.LiquidityFlock.IsPositive() {
		return types.SwapResult{}, tok, errorsmod.Wrapf(types.ErrPoolNotSeeded, "%s", denom)
	}
	if in.Amount.IsNil() || !in.Amount.IsPositive() {
		return types.SwapResult{}, tok, errorsmod.Wrap(types.ErrInvalidAmount, "token_in must be positive")
	}
	p, err := k.params.Get(ctx)
	if err != nil {
		return types.SwapResult{}, tok, err
	}
	var rin, rout *math.Int
	var denomOut string
	switch in.Denom {
	case k.flockDenom:
		rin, rout, denomOut = &tok.LiquidityFlock, &tok.LiquidityMt, denom
	case denom:
		rin, rout, denomOut = &tok.LiquidityMt, &tok.LiquidityFlock, k.flockDenom
	default:
		return types.SwapResult{}, tok, errorsmod.Wrapf(types.ErrInvalidDenom, "pool %s trades %s and %s, got %q", denom, denom, k.flockDenom, in.Denom)
	}
	out, pf, poolFee := SwapOut(*rin, *rout, in.Amount, p.PoolFeeBps, protocolFeeBps)
	if !out.IsPositive() {
		return types.SwapResult{}, tok, errorsmod.Wrapf(types.ErrInvalidAmount, "%s is too small to buy anything", in)
	}
	if out.GTE(*rout) {
		return types.SwapResult{}, tok, errorsmod.Wrapf(types.ErrPoolDrained, "out %s of reserve %s", out, *rout)
	}
	*rin = rin.Add(in.Amount).Sub(pf)
	*rout = rout.Sub(out)
	return types.SwapResult{AmountIn: in.Amount, ProtocolFee: pf, PoolFee: poolFee, AmountOut: out, DenomOut: denomOut}, tok, nil
}

// Swap trades tokenIn exact-in for trader through denom's pool; minOut is
// the least the trader accepts.
func (k Keeper) Swap(ctx context.Context, trader sdk.AccAddress, denom string, tokenIn sdk.Coin, minOut math.Int) (types.SwapResult, error) {
	p, err := k.params.Get(ctx)
	if err != nil {
		return types.SwapResult{}, err
	}
	res, tok, err := k.quoteSwap(ctx, denom, tokenIn, p.ProtocolFeeBps)
	if err != nil {
		return types.SwapResult{}, err
	}
	if res.AmountOut.LT(minOut) {
		return types.SwapResult{}, errorsmod.Wrapf(types.ErrSlippage, "out %s below minimum %s", res.AmountOut, minOut)
	}
	if err := checks.RequireSpendable(ctx, k.bank, trader, tokenIn); err != nil {
		return types.SwapResult{}, err
	}
	treasury, err := checks.DecodeAddr(k.addressCodec, "treasury", p.Treasury)
	if err != nil {
		return types.SwapResult{}, err
	}
	// The oracle sees the reserves as they were before this trade.
	before, err := k.tokens.GetToken(ctx, denom)
	if err != nil {
		return types.SwapResult{}, err
	}
	if _, err := k.touchOracle(ctx, p, before); err != nil {
		return types.SwapResult{}, err
	}
	toPool := sdk.NewCoin(tokenIn.Denom, res.AmountIn.Sub(res.ProtocolFee))
	if err := k.bank.SendCoinsFromAccountToModule(ctx, trader, types.LiquidityAccount, sdk.NewCoins(toPool)); err != nil {
		return types.SwapResult{}, err
	}
	if res.ProtocolFee.IsPositive() {
		if err := k.bank.SendCoins(ctx, trader, treasury, sdk.NewCoins(sdk.NewCoin(tokenIn.Denom, res.ProtocolFee))); err != nil {
			return types.SwapResult{}, err
		}
	}
	if err := k.bank.SendCoinsFromModuleToAccount(ctx, types.LiquidityAccount, trader, sdk.NewCoins(sdk.NewCoin(res.DenomOut, res.AmountOut))); err != nil {
		return types.SwapResult{}, err
	}
	if err := k.tokens.SetToken(ctx, tok); err != nil {
		return types.SwapResult{}, err
	}
	return res, emitSwapped(ctx, trader, denom, tokenIn, res, tok)
}
