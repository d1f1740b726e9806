package market

import (
	"context"
	"slices"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/flockchain/flockd/x/modeltoken/internal/blockstep"
	"github.com/flockchain/flockd/x/modeltoken/internal/checks"
	"github.com/flockchain/flockd/x/modeltoken/internal/eventkit"
	"github.com/flockchain/flockd/x/modeltoken/internal/storeread"
	"github.com/flockchain/flockd/x/modeltoken/types"
)

func (k Keeper) GetRevenue(ctx context.Context, denom string) (types.RevenueTotals, error) {
	return storeread.GetOr(ctx, k.Revenue, denom, func() types.RevenueTotals {
		z := math.ZeroInt()
		return types.RevenueTotals{Denom: denom, Deposited: z, MtBuybackFlock: z, MtBought: z, FlockBurned: z,
			Treasury: z, Issuer: z, PendingBurn: z, MtBurned: z, PendingBuyback: z, BuybackSpent: z, BuybackDustBurned: z}
	})
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
// is an off-chain fact the chain cannot check, and the legs move supply
// (burns), so an open door would let anyone trigger them with borrowed
// FLOCK. The MT buyback leg is only queued here: a swap inside the deposit
// could be sandwiched by whoever orders the block, so the begin-block
// buyback (buyback.go) spends it in bounded slices. It returns the FLOCK
// queued for the buyback.
func (k Keeper) DepositRevenue(ctx context.Context, reporter sdk.AccAddress, denom string, amount math.Int) (math.Int, error) {
	p, err := k.params.Get(ctx)
	if err != nil {
		return math.Int{}, err
	}
	if !slices.Contains(p.RevenueReporters, reporter.String()) {
		return math.Int{}, errorsmod.Wrapf(types.ErrNotRevenueReporter, "%s", reporter)
	}
	if err := k.tokens.RequireLive(ctx, denom); err != nil {
		return math.Int{}, err
	}
	if err := checks.RequireSpendable(ctx, k.bank, reporter, sdk.NewCoin(k.flockDenom, amount)); err != nil {
		return math.Int{}, err
	}
	tok, err := k.tokens.GetToken(ctx, denom)
	if err != nil {
		return math.Int{}, err
	}
	issuerAddr, err := k.tokens.IssuerPayout(ctx, tok)
	if err != nil {
		return math.Int{}, err
	}
	treasury, err := checks.DecodeAddr(k.addressCodec, "treasury", p.Treasury)
	if err != nil {
		return math.Int{}, err
	}
	mtLeg, burnLeg, treasuryLeg, issuerLeg := RevenueLegs(p, amount)
	if mtLeg.IsPositive() && (!tok.LiquidityMt.IsPositive() || !tok.LiquidityFlock.IsPositive()) {
		// A buyback with no pool to buy from would wait forever.
		return math.Int{}, errorsmod.Wrapf(types.ErrPoolNotSeeded, "%s has no pool for the MT buyback", denom)
	}

	if mtLeg.IsPositive() {
		if err := k.bank.SendCoinsFromAccountToModule(ctx, reporter, types.RevenueAccount, k.flock(mtLeg)); err != nil {
			return math.Int{}, err
		}
	}
	if burnLeg.IsPositive() {
		if err := k.bank.SendCoinsFromAccountToModule(ctx, reporter, types.ModuleName, k.flock(burnLeg)); err != nil {
			return math.Int{}, err
		}
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
	rt, err := k.GetRevenue(ctx, denom)
	if err != nil {
		return math.Int{}, err
	}
	rt.Deposited = rt.Deposited.Add(amount)
	rt.MtBuybackFlock = rt.MtBuybackFlock.Add(mtLeg)
	rt.PendingBuyback = rt.PendingBuyback.Add(mtLeg)
	rt.FlockBurned = rt.FlockBurned.Add(burnLeg)
	rt.Treasury = rt.Treasury.Add(treasuryLeg)
	rt.Issuer = rt.Issuer.Add(issuerLeg)
	if err := k.Revenue.Set(ctx, denom, rt); err != nil {
		return math.Int{}, err
	}
	if mtLeg.IsPositive() {
		if err := k.PendingBuybacks.Set(ctx, denom); err != nil {
			return math.Int{}, err
		}
	}
	return mtLeg, emitRevenueDeposited(ctx, reporter, sdk.NewCoin(k.flockDenom, amount), rt,
		revenueLegs{Buyback: mtLeg, Burn: burnLeg, Treasury: treasuryLeg, Issuer: issuerLeg})
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
		if err := blockstep.Run(sdkCtx, "mt burn", func(c context.Context) error { return k.burnPending(c, d) }); err != nil {
			k.logger(sdkCtx).Error("burning bought-back MT failed; retrying next epoch", "denom", d, "err", err)
		}
	}
	return nil
}

func (k Keeper) burnPending(ctx context.Context, denom string) error {
	rt, err := k.GetRevenue(ctx, denom)
	if err != nil {
		return err
	}
	amt := rt.PendingBurn
	if amt.IsPositive() {
		if err := k.bank.BurnCoins(ctx, types.RevenueAccount, sdk.NewCoins(sdk.NewCoin(denom, amt))); err != nil {
			return err
		}
		tok, err := k.tokens.GetToken(ctx, denom)
		if err != nil {
			return err
		}
		tok.Burned = tok.Burned.Add(amt)
		if err := k.tokens.SetToken(ctx, tok); err != nil {
			return err
		}
		rt.MtBurned = rt.MtBurned.Add(amt)
		rt.PendingBurn = math.ZeroInt()
		if err := k.Revenue.Set(ctx, denom, rt); err != nil {
			return err
		}
		k.logger(sdk.UnwrapSDKContext(ctx)).Info("bought-back MT burned", "denom", denom, "amount", amt.String(), "burned_total", rt.MtBurned.String())
		if err := eventkit.Burned(ctx, denom, sdk.NewCoin(denom, amt), "revenue_buyback"); err != nil {
			return err
		}
	}
	return k.PendingBurns.Remove(ctx, denom)
}
