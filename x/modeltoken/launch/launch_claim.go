package launch

import (
	"context"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/flockchain/flockd/x/modeltoken/internal/storeread"
	"github.com/flockchain/flockd/x/modeltoken/types"
)

// ClaimLaunch pays a supporter what a settled launch owes them: the MT they
// bought after graduation, or their principal after failure. Once only.
// (Rewards of the epoch engine are claimed in reward_claim.go.)
func (k Keeper) ClaimLaunch(ctx context.Context, supporter sdk.AccAddress, id uint64) (sdk.Coin, error) {
	l, err := k.getLaunch(ctx, id)
	if err != nil {
		return sdk.Coin{}, err
	}
	key := collections.Join(id, supporter)
	claim, err := storeread.GetTyped(ctx, k.Claims, key, func() error {
		return errorsmod.Wrapf(types.ErrNoClaim, "%s in launch %d", supporter, id)
	})
	if err != nil {
		return sdk.Coin{}, err
	}
	if claim.Claimed {
		return sdk.Coin{}, errorsmod.Wrapf(types.ErrAlreadyClaimed, "%s in launch %d", supporter, id)
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
	return paid, emitLaunchClaimed(ctx, id, supporter, paid)
}
