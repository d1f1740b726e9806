package keeper

import (
	"context"
	"strconv"
	"time"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/flockchain/flockd/x/modeltoken/types"
)

// ClaimLaunch pays a supporter what a settled launch owes them: the MT they
// bought after graduation, or their principal after failure. Once only.
func (k Keeper) ClaimLaunch(ctx context.Context, supporterStr string, id uint64) (sdk.Coin, error) {
	supporter, err := k.decodeAddr("supporter", supporterStr)
	if err != nil {
		return sdk.Coin{}, err
	}
	l, err := k.Launches.Get(ctx, id)
	if err != nil {
		return sdk.Coin{}, errorsmod.Wrapf(types.ErrUnknownLaunch, "id %d", id)
	}
	key := collections.Join(id, supporter)
	claim, err := k.Claims.Get(ctx, key)
	if err != nil {
		return sdk.Coin{}, errorsmod.Wrapf(types.ErrNoClaim, "%s in launch %d", supporterStr, id)
	}
	if claim.Claimed {
		return sdk.Coin{}, errorsmod.Wrapf(types.ErrAlreadyClaimed, "%s in launch %d", supporterStr, id)
	}
	var paid sdk.Coin
	switch l.Status {
	case types.LAUNCH_STATUS_GRADUATED:
		paid = sdk.NewCoin(l.Denom, claim.MtOwed)
	case types.LAUNCH_STATUS_FAILED:
		paid = sdk.NewCoin(k.flockDenom, claim.Principal)
	default:
		return sdk.Coin{}, errorsmod.Wrapf(types.ErrLaunchNotSettled, "launch %d is %s", id, l.Status)
	}
	claim.Claimed = true
	if err := k.Claims.Set(ctx, key, claim); err != nil {
		return sdk.Coin{}, err
	}
	if paid.IsPositive() {
		if err := k.bank.SendCoinsFromModuleToAccount(ctx, types.LaunchEscrowAccount, supporter, sdk.NewCoins(paid)); err != nil {
			return sdk.Coin{}, err
		}
	}
	sdk.UnwrapSDKContext(ctx).EventManager().EmitEvent(sdk.NewEvent(types.EventClaimLaunch,
		sdk.NewAttribute(types.AttrLaunchID, strconv.FormatUint(id, 10)),
		sdk.NewAttribute(types.AttrRecipient, supporterStr),
		sdk.NewAttribute(types.AttrAmount, paid.String())))
	return paid, nil
}

// VestedAmount is the part of v released at now: linear from Start over
// Duration, floored (the remainder vests in later blocks, never lost).
func VestedAmount(v types.IssuerVesting, now time.Time) math.Int {
	if v.Duration <= 0 || !now.Before(v.Start.Add(v.Duration)) {
		return v.Total
	}
	if !now.After(v.Start) {
		return math.ZeroInt()
	}
	elapsed := now.Sub(v.Start)
	return v.Total.Mul(math.NewInt(int64(elapsed))).Quo(math.NewInt(int64(v.Duration)))
}

// ClaimableVested is what ClaimVested would pay at now.
func ClaimableVested(v types.IssuerVesting, now time.Time) math.Int {
	c := VestedAmount(v, now).Sub(v.Claimed)
	if c.IsNegative() {
		return math.ZeroInt()
	}
	return c
}

// ClaimVested pays the launch's payout address its vested issuer MT.
func (k Keeper) ClaimVested(ctx context.Context, beneficiaryStr string, id uint64) (sdk.Coin, error) {
	beneficiary, err := k.decodeAddr("beneficiary", beneficiaryStr)
	if err != nil {
		return sdk.Coin{}, err
	}
	v, err := k.Vestings.Get(ctx, id)
	if err != nil {
		if _, lerr := k.Launches.Get(ctx, id); lerr != nil {
			return sdk.Coin{}, errorsmod.Wrapf(types.ErrUnknownLaunch, "id %d", id)
		}
		return sdk.Coin{}, errorsmod.Wrapf(types.ErrLaunchNotSettled, "launch %d has not graduated", id)
	}
	if v.Beneficiary != beneficiaryStr {
		return sdk.Coin{}, errorsmod.Wrapf(types.ErrInvalidAddress, "%s is not the beneficiary of launch %d", beneficiaryStr, id)
	}
	amount := ClaimableVested(v, sdk.UnwrapSDKContext(ctx).BlockTime())
	if !amount.IsPositive() {
		return sdk.Coin{}, errorsmod.Wrapf(types.ErrNothingToClaim, "launch %d: vested %s, claimed %s", id, VestedAmount(v, sdk.UnwrapSDKContext(ctx).BlockTime()), v.Claimed)
	}
	v.Claimed = v.Claimed.Add(amount)
	if err := k.Vestings.Set(ctx, id, v); err != nil {
		return sdk.Coin{}, err
	}
	paid := sdk.NewCoin(v.Denom, amount)
	if err := k.bank.SendCoinsFromModuleToAccount(ctx, types.VestingAccount, beneficiary, sdk.NewCoins(paid)); err != nil {
		return sdk.Coin{}, err
	}
	sdk.UnwrapSDKContext(ctx).EventManager().EmitEvent(sdk.NewEvent(types.EventClaimVested,
		sdk.NewAttribute(types.AttrLaunchID, strconv.FormatUint(id, 10)),
		sdk.NewAttribute(types.AttrRecipient, beneficiaryStr),
		sdk.NewAttribute(types.AttrAmount, paid.String())))
	return paid, nil
}
