package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/flockchain/flockd/x/modeltoken/types"
)

func (k Keeper) getRevenue(ctx context.Context, denom string) (types.RevenueTotals, error) {
	r, err := k.Revenue.Get(ctx, denom)
	if errors.Is(err, collections.ErrNotFound) {
		z := math.ZeroInt()
		return types.RevenueTotals{Denom: denom, Deposited: z, MtBuybackFlock: z, MtBought: z, FlockBurned: z,
			Treasury: z, Issuer: z, PendingBurn: z, MtBurned: z}, nil
	}
	return r, err
}

// RevenueLegs splits amount by the params: each leg ⌊amount·bps/10000⌋,
// the issuer leg takes the remainder, so the legs sum to amount exactly.
func RevenueLegs(p types.Params, amount math.Int) (mtBuyback, flockBurn, treasury, issuer math.Int) {
	part := func(bps uint32) math.Int { return amount.MulRaw(int64(bps)).QuoRaw(types.BpsDenominator) }
	mtBuyback, flockBurn, treasury = part(p.RevenueMtBuybackBps), part(p.RevenueFlockBurnBps), part(p.RevenueTreasuryBps)
	issuer = amount.Sub(mtBuyback).Sub(flockBurn).Sub(treasury)
	return mtBuyback, flockBurn, treasury, issuer
}

// DepositRevenue routes a model's net revenue (hard costs already paid off
// chain). Only governance-appointed revenue reporters may deposit: revenue
// is an off-chain fact the chain cannot check, and the legs move markets
// (buyback) and supply (burn), so an open door would let anyone trigger
// them with borrowed FLOCK.
func (k Keeper) DepositRevenue(ctx context.Context, msg *types.MsgDepositRevenue) (math.Int, error) {
	reporter, err := k.decodeAddr("reporter", msg.Reporter)
	if err != nil {
		return math.Int{}, err
	}
	p, err := k.Params.Get(ctx)
	if err != nil {
		return math.Int{}, err
	}
	allowed := false
	for _, r := range p.RevenueReporters {
		allowed = allowed || r == msg.Reporter
	}
	if !allowed {
		return math.Int{}, errorsmod.Wrapf(types.ErrNotRevenueReporter, "%s", msg.Reporter)
	}
	if err := k.liveModelToken(ctx, msg.Denom); err != nil {
		return math.Int{}, err
	}
	if msg.Amount.Denom != k.flockDenom {
		return math.Int{}, errorsmod.Wrapf(types.ErrInvalidDenom, "revenue is deposited in %s, got %q", k.flockDenom, msg.Amount.Denom)
	}
	if msg.Amount.Amount.IsNil() || !msg.Amount.Amount.IsPositive() {
		return math.Int{}, errorsmod.Wrap(types.ErrInvalidAmount, "amount must be positive")
	}
	if err := k.requireSpendable(ctx, reporter, msg.Amount.Amount); err != nil {
		return math.Int{}, err
	}
	tok, err := k.ModelTokens.Get(ctx, msg.Denom)
	if err != nil {
		return math.Int{}, err
	}
	launch, err := k.Launches.Get(ctx, tok.LaunchId)
	if err != nil {
		return math.Int{}, err
	}
	issuerAddr, err := k.decodeAddr("payout_address", launch.PayoutAddress)
	if err != nil {
		return math.Int{}, err
	}
	treasury, err := k.decodeAddr("treasury", p.Treasury)
	if err != nil {
		return math.Int{}, err
	}
	mtLeg, burnLeg, treasuryLeg, issuerLeg := RevenueLegs(p, msg.Amount.Amount)
	// Check the buyback against the pool before moving anything.
	if mtLeg.IsPositive() {
		if _, _, err := k.quoteSwap(ctx, msg.Denom, sdk.NewCoin(k.flockDenom, mtLeg), 0); err != nil {
			return math.Int{}, err
		}
	}

	toModule := mtLeg.Add(burnLeg)
	if toModule.IsPositive() {
		if err := k.bank.SendCoinsFromAccountToModule(ctx, reporter, types.ModuleName, k.flock(toModule)); err != nil {
			return math.Int{}, err
		}
	}
	bought := math.ZeroInt()
	if mtLeg.IsPositive() {
		if bought, err = k.buyBackMT(ctx, msg.Denom, mtLeg); err != nil {
			return math.Int{}, err
		}
	}
	if burnLeg.IsPositive() {
		if err := k.bank.BurnCoins(ctx, types.ModuleName, k.flock(burnLeg)); err != nil {
			return math.Int{}, err
		}
	}
	if treasuryLeg.IsPositive() {
		if err := k.bank.SendCoins(ctx, reporter, treasury, k.flock(treasuryLeg)); err != nil {
			return math.Int{}, err
		}
	}
	if issuerLeg.IsPositive() {
		if err := k.bank.SendCoins(ctx, reporter, issuerAddr, k.flock(issuerLeg)); err != nil {
			return math.Int{}, err
		}
	}
	rt, err := k.getRevenue(ctx, msg.Denom)
	if err != nil {
		return math.Int{}, err
	}
	rt.Deposited = rt.Deposited.Add(msg.Amount.Amount)
	rt.MtBuybackFlock = rt.MtBuybackFlock.Add(mtLeg)
	rt.MtBought = rt.MtBought.Add(bought)
	rt.FlockBurned = rt.FlockBurned.Add(burnLeg)
	rt.Treasury = rt.Treasury.Add(treasuryLeg)
	rt.Issuer = rt.Issuer.Add(issuerLeg)
	rt.PendingBurn = rt.PendingBurn.Add(bought)
	if err := k.Revenue.Set(ctx, msg.Denom, rt); err != nil {
		return math.Int{}, err
	}
	if bought.IsPositive() {
		if err := k.PendingBurns.Set(ctx, msg.Denom); err != nil {
			return math.Int{}, err
		}
	}
	sdk.UnwrapSDKContext(ctx).EventManager().EmitEvent(sdk.NewEvent(types.EventRevenue,
		sdk.NewAttribute(types.AttrDenom, msg.Denom),
		sdk.NewAttribute(types.AttrAmount, msg.Amount.String()),
		sdk.NewAttribute("mt_buyback_flock", mtLeg.String()),
		sdk.NewAttribute("mt_bought", bought.String()),
		sdk.NewAttribute("flock_burned", burnLeg.String()),
		sdk.NewAttribute("treasury", treasuryLeg.String()),
		sdk.NewAttribute("issuer", issuerLeg.String())))
	return bought, nil
}

// BurnPendingMT burns the MT bought back for every model with a pending
// balance: O(models with a balance), each in a cache context; a model that
// fails is logged and retried at the next epoch.
func (k Keeper) BurnPendingMT(ctx context.Context) error {
	sdkCtx := sdk.UnwrapSDKContext(ctx)
	var denoms []string
	if err := k.PendingBurns.Walk(ctx, nil, func(d string) (bool, error) {
		denoms = append(denoms, d)
		return false, nil
	}); err != nil {
		return err
	}
	for _, d := range denoms {
		cacheCtx, write := sdkCtx.CacheContext()
		if err := k.burnPending(cacheCtx, d); err != nil {
			k.Logger(sdkCtx).Error("burning bought-back MT failed; retrying next epoch", "denom", d, "err", err)
			continue
		}
		write()
	}
	return nil
}

func (k Keeper) burnPending(ctx context.Context, denom string) error {
	rt, err := k.getRevenue(ctx, denom)
	if err != nil {
		return err
	}
	amt := rt.PendingBurn
	if amt.IsPositive() {
		if err := k.bank.BurnCoins(ctx, types.RevenueAccount, sdk.NewCoins(sdk.NewCoin(denom, amt))); err != nil {
			return err
		}
		tok, err := k.ModelTokens.Get(ctx, denom)
		if err != nil {
			return err
		}
		tok.Burned = tok.Burned.Add(amt)
		if err := k.ModelTokens.Set(ctx, denom, tok); err != nil {
			return err
		}
		rt.MtBurned = rt.MtBurned.Add(amt)
		rt.PendingBurn = math.ZeroInt()
		if err := k.Revenue.Set(ctx, denom, rt); err != nil {
			return err
		}
		sdk.UnwrapSDKContext(ctx).EventManager().EmitEvent(sdk.NewEvent(types.EventBurn,
			sdk.NewAttribute(types.AttrDenom, denom),
			sdk.NewAttribute(types.AttrAmount, amt.String()),
			sdk.NewAttribute(types.AttrReason, "revenue_buyback")))
	}
	return k.PendingBurns.Remove(ctx, denom)
}
