package keeper

import (
	"context"
	"errors"
	"strconv"
	"time"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/flockchain/flockd/x/modeltoken/types"
)

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

// ClaimVested pays a graduated launch's payout address its vested issuer MT.
func (k Keeper) ClaimVested(ctx context.Context, beneficiary sdk.AccAddress, id uint64) (sdk.Coin, error) {
	now := sdk.UnwrapSDKContext(ctx).BlockTime()
	v, err := k.Vestings.Get(ctx, id)
	if errors.Is(err, collections.ErrNotFound) {
		if _, err := k.getLaunch(ctx, id); err != nil {
			return sdk.Coin{}, err
		}
		return sdk.Coin{}, errorsmod.Wrapf(types.ErrLaunchNotSettled, "launch %d has not graduated", id)
	}
	if err != nil {
		return sdk.Coin{}, err
	}
	if v.Beneficiary != beneficiary.String() {
		return sdk.Coin{}, errorsmod.Wrapf(types.ErrNotBeneficiary, "%s is not the beneficiary of launch %d", beneficiary, id)
	}
	amount := ClaimableVested(v, now)
	if !amount.IsPositive() {
		return sdk.Coin{}, errorsmod.Wrapf(types.ErrNothingToClaim, "launch %d: vested %s, claimed %s", id, VestedAmount(v, now), v.Claimed)
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
		sdk.NewAttribute(types.AttrRecipient, v.Beneficiary),
		sdk.NewAttribute(types.AttrAmount, paid.String())))
	return paid, nil
}
