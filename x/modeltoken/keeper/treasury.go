package keeper

import (
	"context"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"

	"github.com/flockchain/flockd/x/modeltoken/types"
)

// TreasuryFlock is the FLOCK the flock_treasury module account holds, what
// MsgSpendTreasury can pay out.
func (k Keeper) TreasuryFlock(ctx context.Context) math.Int {
	return k.bank.SpendableCoins(ctx, k.moduleAddr(types.TreasuryAccount)).AmountOf(k.flockDenom)
}

// SpendTreasury pays amount from the flock_treasury account to recipient
// (governance only; the msg server checks the authority).
func (k Keeper) SpendTreasury(ctx context.Context, recipient sdk.AccAddress, amount sdk.Coins) error {
	held := k.bank.SpendableCoins(ctx, k.moduleAddr(types.TreasuryAccount))
	if !held.IsAllGTE(amount) {
		return errorsmod.Wrapf(sdkerrors.ErrInsufficientFunds, "treasury holds %s, spend asks %s", held, amount)
	}
	if err := k.bank.SendCoinsFromModuleToAccount(ctx, types.TreasuryAccount, recipient, amount); err != nil {
		return err
	}
	return emitTreasurySpent(ctx, recipient, amount)
}
