package keeper

import (
	"context"
	"strconv"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/flockchain/flockd/x/modeltoken/types"
)

// decodeAddr decodes a bech32 account address or returns ErrInvalidAddress.
func (k Keeper) decodeAddr(field, addr string) (sdk.AccAddress, error) {
	bz, err := k.addressCodec.StringToBytes(addr)
	if err != nil || len(bz) == 0 {
		return nil, errorsmod.Wrapf(types.ErrInvalidAddress, "%s %q", field, addr)
	}
	return bz, nil
}

func (k Keeper) flock(amount math.Int) sdk.Coins {
	return sdk.NewCoins(sdk.NewCoin(k.flockDenom, amount))
}

// requireSpendable fails with ErrInsufficientFunds unless addr can spend amount uflock.
func (k Keeper) requireSpendable(ctx context.Context, addr sdk.AccAddress, amount math.Int) error {
	have := k.bank.SpendableCoins(ctx, addr).AmountOf(k.flockDenom)
	if have.LT(amount) {
		return errorsmod.Wrapf(types.ErrInsufficientFunds, "need %s%s, spendable %s%s", amount, k.flockDenom, have, k.flockDenom)
	}
	return nil
}

// CreateLaunch validates and opens a raise. All checks run before any write.
func (k Keeper) CreateLaunch(ctx context.Context, msg *types.MsgCreateLaunch) (types.Launch, error) {
	sdkCtx := sdk.UnwrapSDKContext(ctx)
	creator, err := k.decodeAddr("creator", msg.Creator)
	if err != nil {
		return types.Launch{}, err
	}
	payoutStr := msg.PayoutAddress
	if payoutStr == "" {
		payoutStr = msg.Creator
	}
	payout, err := k.decodeAddr("payout_address", payoutStr)
	if err != nil {
		return types.Launch{}, err
	}
	if k.bank.BlockedAddr(payout) {
		return types.Launch{}, errorsmod.Wrapf(types.ErrInvalidAddress, "payout_address %s cannot receive funds", payoutStr)
	}
	bundle := msg.BundleFlock
	if bundle.IsNil() {
		bundle = math.ZeroInt()
	}
	if bundle.IsNegative() {
		return types.Launch{}, errorsmod.Wrap(types.ErrInvalidAmount, "bundle_flock must not be negative")
	}
	if err := types.ValidateSymbol(msg.Symbol); err != nil {
		return types.Launch{}, err
	}
	if err := types.ValidateLaunchMetadata(msg.Name, msg.Description, msg.ModelId); err != nil {
		return types.Launch{}, err
	}
	mt, err := k.ModelTypes.Get(ctx, msg.ModelType)
	if err != nil {
		return types.Launch{}, errorsmod.Wrapf(types.ErrUnknownModelType, "%q", msg.ModelType)
	}
	denom := types.DenomForSymbol(msg.Symbol)
	if taken, err := k.LaunchSymbols.Has(ctx, msg.Symbol); err != nil {
		return types.Launch{}, err
	} else if taken || k.bank.HasDenomMetaData(ctx, denom) {
		return types.Launch{}, errorsmod.Wrapf(types.ErrSymbolTaken, "%s", msg.Symbol)
	}
	params, err := k.Params.Get(ctx)
	if err != nil {
		return types.Launch{}, err
	}
	treasury, err := k.decodeAddr("treasury", params.Treasury)
	if err != nil {
		return types.Launch{}, err
	}
	if err := k.requireSpendable(ctx, creator, params.LaunchFee.Add(bundle)); err != nil {
		return types.Launch{}, err
	}
	id, err := k.LaunchSeq.Peek(ctx)
	if err != nil {
		return types.Launch{}, err
	}
	id++ // ids start at 1; the sequence holds the last id used
	now := sdkCtx.BlockTime()
	l := types.Launch{
		Id:            id,
		Creator:       msg.Creator,
		PayoutAddress: payoutStr,
		Name:          msg.Name,
		Symbol:        msg.Symbol,
		Description:   msg.Description,
		ModelId:       msg.ModelId,
		Denom:         denom,
		ModelType:     mt,
		StartTime:     now,
		EndTime:       now.Add(params.RaiseDuration),
		Status:        types.LAUNCH_STATUS_RAISING,
		Raised:        math.ZeroInt(),
		Sold:          math.ZeroInt(),
		UnsoldBurned:  math.ZeroInt(),
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
	if err := k.setLaunch(ctx, l, types.LAUNCH_STATUS_UNSPECIFIED); err != nil {
		return types.Launch{}, err
	}
	if err := k.LaunchDeadlines.Set(ctx, collections.Join(l.EndTime.Unix(), id)); err != nil {
		return types.Launch{}, err
	}
	if err := k.LaunchSymbols.Set(ctx, l.Symbol, id); err != nil {
		return types.Launch{}, err
	}
	sdkCtx.EventManager().EmitEvent(sdk.NewEvent(types.EventCreateLaunch,
		sdk.NewAttribute(types.AttrLaunchID, strconv.FormatUint(id, 10)),
		sdk.NewAttribute(types.AttrCreator, msg.Creator),
		sdk.NewAttribute(types.AttrSymbol, l.Symbol),
		sdk.NewAttribute(types.AttrDenom, l.Denom),
		sdk.NewAttribute(types.AttrModelType, mt.Id),
		sdk.NewAttribute(types.AttrEndTime, l.EndTime.UTC().Format("2006-01-02T15:04:05Z")),
	))
	if bundle.IsPositive() {
		if l, err = k.applyBuy(ctx, l, creator, bundleQuote); err != nil {
			return types.Launch{}, err
		}
	}
	return l, nil
}

// setLaunch stores a launch and keeps the status index in step.
func (k Keeper) setLaunch(ctx context.Context, l types.Launch, oldStatus types.LaunchStatus) error {
	if oldStatus != l.Status && oldStatus != types.LAUNCH_STATUS_UNSPECIFIED {
		if err := k.LaunchesByStatus.Remove(ctx, collections.Join(int32(oldStatus), l.Id)); err != nil {
			return err
		}
	}
	if err := k.LaunchesByStatus.Set(ctx, collections.Join(int32(l.Status), l.Id)); err != nil {
		return err
	}
	return k.Launches.Set(ctx, l.Id, l)
}

// Buy validates and executes a buy into a raising launch.
func (k Keeper) Buy(ctx context.Context, msg *types.MsgBuy) (types.BuyQuote, error) {
	sdkCtx := sdk.UnwrapSDKContext(ctx)
	buyer, err := k.decodeAddr("buyer", msg.Buyer)
	if err != nil {
		return types.BuyQuote{}, err
	}
	if msg.FlockIn.Denom != k.flockDenom {
		return types.BuyQuote{}, errorsmod.Wrapf(types.ErrInvalidDenom, "buys are paid in %s, got %q", k.flockDenom, msg.FlockIn.Denom)
	}
	if msg.FlockIn.Amount.IsNil() || !msg.FlockIn.Amount.IsPositive() {
		return types.BuyQuote{}, errorsmod.Wrap(types.ErrInvalidAmount, "flock_in must be positive")
	}
	minOut := msg.MinMtOut
	if minOut.IsNil() {
		minOut = math.ZeroInt()
	}
	if minOut.IsNegative() {
		return types.BuyQuote{}, errorsmod.Wrap(types.ErrInvalidAmount, "min_mt_out must not be negative")
	}
	l, err := k.raisingLaunch(ctx, msg.LaunchId)
	if err != nil {
		return types.BuyQuote{}, err
	}
	params, err := k.Params.Get(ctx)
	if err != nil {
		return types.BuyQuote{}, err
	}
	q, err := QuoteBuy(params, l, sdkCtx.BlockTime(), msg.FlockIn.Amount, false)
	if err != nil {
		return types.BuyQuote{}, err
	}
	if q.MtOut.LT(minOut) {
		return types.BuyQuote{}, errorsmod.Wrapf(types.ErrSlippage, "would buy %s, minimum %s", q.MtOut, minOut)
	}
	if err := k.requireSpendable(ctx, buyer, q.Gross); err != nil {
		return types.BuyQuote{}, err
	}
	if _, err := k.applyBuy(ctx, l, buyer, q); err != nil {
		return types.BuyQuote{}, err
	}
	return q, nil
}

// raisingLaunch loads a launch that accepts buys now.
func (k Keeper) raisingLaunch(ctx context.Context, id uint64) (types.Launch, error) {
	l, err := k.Launches.Get(ctx, id)
	if err != nil {
		return types.Launch{}, errorsmod.Wrapf(types.ErrUnknownLaunch, "id %d", id)
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
	params, err := k.Params.Get(ctx)
	if err != nil {
		return l, err
	}
	treasury, err := k.decodeAddr("treasury", params.Treasury)
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
		payout, err := k.decodeAddr("payout_address", l.PayoutAddress)
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
	case errorsmod.IsOf(err, collections.ErrNotFound):
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
	if err := k.Launches.Set(ctx, l.Id, l); err != nil {
		return l, err
	}
	sdk.UnwrapSDKContext(ctx).EventManager().EmitEvent(sdk.NewEvent(types.EventBuy,
		sdk.NewAttribute(types.AttrLaunchID, strconv.FormatUint(l.Id, 10)),
		sdk.NewAttribute(types.AttrBuyer, buyer.String()),
		sdk.NewAttribute(types.AttrGross, q.Gross.String()),
		sdk.NewAttribute(types.AttrFee, q.PlatformFee.String()),
		sdk.NewAttribute(types.AttrCreatorFee, q.CreatorFee.String()),
		sdk.NewAttribute(types.AttrTax, q.AntiSnipeTax.String()),
		sdk.NewAttribute(types.AttrNet, q.Net.String()),
		sdk.NewAttribute(types.AttrRefund, q.Refund.String()),
		sdk.NewAttribute(types.AttrMTOut, q.MtOut.String()),
	))
	if q.Graduates {
		// Reaching the maximum graduates the launch in the same transaction.
		return k.graduate(ctx, l)
	}
	return l, nil
}
