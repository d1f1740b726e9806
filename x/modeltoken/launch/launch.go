package launch

import (
	"context"
	"errors"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"

	"github.com/flockchain/flockd/x/modeltoken/internal/checks"
	"github.com/flockchain/flockd/x/modeltoken/internal/storeread"
	"github.com/flockchain/flockd/x/modeltoken/types"
)

// Spec is a decoded, statelessly checked MsgCreateLaunch.
type Spec struct {
	Creator, Payout                               sdk.AccAddress
	ModelType, Symbol, Name, Description, ModelID string
	// Bundle is the issuer's bundled first buy in uflock (zero for none).
	Bundle math.Int
}

// CreateLaunch opens a raise for a checked spec. Every state check runs
// before the first write.
func (k Keeper) CreateLaunch(ctx context.Context, spec Spec) (types.Launch, error) {
	sdkCtx := sdk.UnwrapSDKContext(ctx)
	creator, bundle := spec.Creator, spec.Bundle
	if k.bank.BlockedAddr(spec.Payout) {
		return types.Launch{}, errorsmod.Wrapf(sdkerrors.ErrUnauthorized, "payout_address %s is not allowed to receive funds", spec.Payout) // as x/bank says it
	}
	mt, err := storeread.GetTyped(ctx, k.ModelTypes, spec.ModelType, func() error {
		return errorsmod.Wrapf(types.ErrUnknownModelType, "%q", spec.ModelType)
	})
	if err != nil {
		return types.Launch{}, err
	}
	denom := types.DenomForSymbol(spec.Symbol)
	if taken, err := k.LaunchSymbols.Has(ctx, spec.Symbol); err != nil {
		return types.Launch{}, err
	} else if taken || k.bank.HasDenomMetaData(ctx, denom) {
		return types.Launch{}, errorsmod.Wrapf(types.ErrSymbolTaken, "%s", spec.Symbol)
	}
	params, err := k.params.Get(ctx)
	if err != nil {
		return types.Launch{}, err
	}
	treasury, err := checks.DecodeAddr(k.addressCodec, "treasury", params.Treasury)
	if err != nil {
		return types.Launch{}, err
	}
	if err := checks.RequireSpendable(ctx, k.bank, creator, sdk.NewCoin(k.flockDenom, params.LaunchFee.Add(bundle))); err != nil {
		return types.Launch{}, err
	}
	id, err := k.LaunchSeq.Peek(ctx)
	if err != nil {
		return types.Launch{}, err
	}
	id++ // ids start at 1; the sequence holds the last id used
	now := sdkCtx.BlockTime()
	l := types.Launch{
		Id:              id,
		Creator:         creator.String(),
		PayoutAddress:   spec.Payout.String(),
		Name:            spec.Name,
		Symbol:          spec.Symbol,
		Description:     spec.Description,
		ModelId:         spec.ModelID,
		Denom:           denom,
		ModelType:       mt,
		StartTime:       now,
		EndTime:         now.Add(params.RaiseDuration),
		Status:          types.LAUNCH_STATUS_RAISING,
		Raised:          math.ZeroInt(),
		Sold:            math.ZeroInt(),
		UnsoldBurned:    math.ZeroInt(),
		IssuerRaised:    math.ZeroInt(),
		LiquidityBurned: math.ZeroInt(),
	}
	var bundleQuote types.BuyQuote
	if bundle.IsPositive() {
		// The issuer's bundled first buy pays the platform fee but not the
		// anti-sniping tax, which targets outside snipers (README: Launch).
		bundleQuote, err = QuoteBuy(params, l, now, bundle, true)
		if err != nil {
			return types.Launch{}, err
		}
		maxBundle := types.MTSupply.MulRaw(int64(params.MaxBundleBps)).QuoRaw(types.BpsDenominator)
		if bundleQuote.MtOut.GT(maxBundle) {
			return types.Launch{}, errorsmod.Wrapf(types.ErrBundleTooLarge, "bundle buys %s MT base units, bound is %s", bundleQuote.MtOut, maxBundle)
		}
	}

	// Writes start here.
	if err := k.LaunchSeq.Set(ctx, id); err != nil {
		return types.Launch{}, err
	}
	if params.LaunchFee.IsPositive() {
		if err := k.bank.SendCoins(ctx, creator, treasury, k.flock(params.LaunchFee)); err != nil {
			return types.Launch{}, err
		}
	}
	if err := k.Launches.Set(ctx, id, l); err != nil {
		return types.Launch{}, err
	}
	if err := k.LaunchDeadlines.Set(ctx, collections.Join(l.EndTime.Unix(), id)); err != nil {
		return types.Launch{}, err
	}
	if err := k.LaunchSymbols.Set(ctx, l.Symbol, id); err != nil {
		return types.Launch{}, err
	}
	if err := emitLaunchCreated(ctx, l, mt.Id); err != nil {
		return types.Launch{}, err
	}
	if bundle.IsPositive() {
		if l, err = k.applyBuy(ctx, l, creator, bundleQuote); err != nil {
			return types.Launch{}, err
		}
	}
	return l, nil
}

// Buy executes a buy of gross uflock into a raising launch; minOut is the
// least MT the buyer accepts.
func (k Keeper) Buy(ctx context.Context, buyer sdk.AccAddress, launchID uint64, gross, minOut math.Int) (types.BuyQuote, error) {
	sdkCtx := sdk.UnwrapSDKContext(ctx)
	l, err := k.raisingLaunch(ctx, launchID)
	if err != nil {
		return types.BuyQuote{}, err
	}
	params, err := k.params.Get(ctx)
	if err != nil {
		return types.BuyQuote{}, err
	}
	q, err := QuoteBuy(params, l, sdkCtx.BlockTime(), gross, false)
	if err != nil {
		return types.BuyQuote{}, err
	}
	if q.MtOut.LT(minOut) {
		return types.BuyQuote{}, errorsmod.Wrapf(types.ErrSlippage, "would buy %s, minimum %s", q.MtOut, minOut)
	}
	if err := checks.RequireSpendable(ctx, k.bank, buyer, sdk.NewCoin(k.flockDenom, q.Gross)); err != nil {
		return types.BuyQuote{}, err
	}
	if _, err := k.applyBuy(ctx, l, buyer, q); err != nil {
		return types.BuyQuote{}, err
	}
	return q, nil
}

// getLaunch loads a launch or returns ErrUnknownLaunch.
func (k Keeper) getLaunch(ctx context.Context, id uint64) (types.Launch, error) {
	return storeread.GetTyped(ctx, k.Launches, id, func() error { return errorsmod.Wrapf(types.ErrUnknownLaunch, "id %d", id) })
}

// raisingLaunch loads a launch that accepts buys now.
func (k Keeper) raisingLaunch(ctx context.Context, id uint64) (types.Launch, error) {
	l, err := k.getLaunch(ctx, id)
	if err != nil {
		return types.Launch{}, err
	}
	if l.Status != types.LAUNCH_STATUS_RAISING {
		return types.Launch{}, errorsmod.Wrapf(types.ErrLaunchNotRaising, "launch %d is %s", id, l.Status)
	}
	if !sdk.UnwrapSDKContext(ctx).BlockTime().Before(l.EndTime) {
		return types.Launch{}, errorsmod.Wrapf(types.ErrRaiseWindowClosed, "launch %d ended at %s", id, l.EndTime)
	}
	return l, nil
}

// applyBuy moves the coins of a validated quote and records the claim. Only
// q.Gross leaves the buyer; the refund part of a capped buy never moves.
func (k Keeper) applyBuy(ctx context.Context, l types.Launch, buyer sdk.AccAddress, q types.BuyQuote) (types.Launch, error) {
	params, err := k.params.Get(ctx)
	if err != nil {
		return l, err
	}
	treasury, err := checks.DecodeAddr(k.addressCodec, "treasury", params.Treasury)
	if err != nil {
		return l, err
	}
	toTreasury := q.PlatformFee.Sub(q.CreatorFee).Add(q.AntiSnipeTax)
	if toTreasury.IsPositive() {
		if err := k.bank.SendCoins(ctx, buyer, treasury, k.flock(toTreasury)); err != nil {
			return l, err
		}
	}
	if q.CreatorFee.IsPositive() {
		payout, err := checks.DecodeAddr(k.addressCodec, "payout_address", l.PayoutAddress)
		if err != nil {
			return l, err
		}
		if err := k.bank.SendCoins(ctx, buyer, payout, k.flock(q.CreatorFee)); err != nil {
			return l, err
		}
	}
	if err := k.bank.SendCoinsFromAccountToModule(ctx, buyer, types.LaunchEscrowAccount, k.flock(q.Net)); err != nil {
		return l, err
	}

	key := collections.Join(l.Id, buyer)
	claim, err := k.Claims.Get(ctx, key)
	switch {
	case err == nil:
	case errors.Is(err, collections.ErrNotFound):
		claim = types.Claim{LaunchId: l.Id, Supporter: buyer.String(), Principal: math.ZeroInt(), MtOwed: math.ZeroInt()}
		l.Supporters++
	default:
		return l, err
	}
	claim.Principal = claim.Principal.Add(q.Net)
	claim.MtOwed = claim.MtOwed.Add(q.MtOut)
	if err := k.Claims.Set(ctx, key, claim); err != nil {
		return l, err
	}
	l.Raised = l.Raised.Add(q.Net)
	l.Sold = l.Sold.Add(q.MtOut)
	if buyer.String() == l.Creator || buyer.String() == l.PayoutAddress {
		// The issuer's own buys (the bundle included) are not outside demand.
		l.IssuerRaised = l.IssuerRaised.Add(q.Net)
	}
	if err := k.Launches.Set(ctx, l.Id, l); err != nil {
		return l, err
	}
	if err := emitLaunchBought(ctx, l.Id, buyer, k.flockDenom, q); err != nil {
		return l, err
	}
	if q.Graduates && MeetsMinimum(l) {
		// Reaching the maximum graduates the launch in the same transaction,
		// if outside buyers brought the minimum; otherwise the full raise
		// waits for its deadline and fails there.
		return k.graduate(ctx, l)
	}
	return l, nil
}
