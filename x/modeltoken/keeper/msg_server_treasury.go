package keeper

import (
	"context"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/flockchain/flockd/x/modeltoken/types"
)

// SpendTreasury pays coins out of the flock_treasury module account. Only
// the gov authority may call it; recipients bank refuses (module accounts)
// are rejected up front with a typed error.
func (m msgServer) SpendTreasury(ctx context.Context, msg *types.MsgSpendTreasury) (*types.MsgSpendTreasuryResponse, error) {
	if err := m.checkAuthority(msg.Authority); err != nil {
		return nil, err
	}
	recipient, err := m.decodeAddr("recipient", msg.Recipient)
	if err != nil {
		return nil, err
	}
	if m.bank.BlockedAddr(recipient) {
		return nil, errorsmod.Wrapf(types.ErrInvalidAddress, "recipient %s cannot receive funds", msg.Recipient)
	}
	if err := msg.Amount.Validate(); err != nil || msg.Amount.Empty() {
		return nil, errorsmod.Wrapf(types.ErrInvalidAmount, "amount %q must be positive, valid coins", msg.Amount)
	}
	held := m.bank.SpendableCoins(ctx, m.moduleAddr(types.TreasuryAccount))
	if !held.IsAllGTE(msg.Amount) {
		return nil, errorsmod.Wrapf(types.ErrInsufficientFunds, "treasury holds %s, spend asks %s", held, msg.Amount)
	}
	if err := m.bank.SendCoinsFromModuleToAccount(ctx, types.TreasuryAccount, recipient, msg.Amount); err != nil {
		return nil, err
	}
	sdk.UnwrapSDKContext(ctx).EventManager().EmitEvent(sdk.NewEvent(types.EventTreasurySpend,
		sdk.NewAttribute(types.AttrRecipient, msg.Recipient),
		sdk.NewAttribute(types.AttrAmount, msg.Amount.String()),
	))
	return &types.MsgSpendTreasuryResponse{}, nil
}

// TreasuryFlock is the FLOCK the flock_treasury module account holds, what
// MsgSpendTreasury can pay out.
func (k Keeper) TreasuryFlock(ctx context.Context) math.Int {
	return k.bank.SpendableCoins(ctx, k.moduleAddr(types.TreasuryAccount)).AmountOf(k.flockDenom)
}
