// Package checks holds the input checks every domain of x/modeltoken makes
// before it writes: an address that decodes, a balance that covers.
package checks

import (
	"context"

	"cosmossdk.io/core/address"
	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"
)

// Spendable is the part of x/bank the balance check reads.
type Spendable interface {
	SpendableCoins(ctx context.Context, addr sdk.AccAddress) sdk.Coins
}

// DecodeAddr decodes a bech32 account address or returns the SDK's
// ErrInvalidAddress naming the field.
func DecodeAddr(codec address.Codec, field, addr string) (sdk.AccAddress, error) {
	bz, err := codec.StringToBytes(addr)
	if err != nil || len(bz) == 0 {
		return nil, errorsmod.Wrapf(sdkerrors.ErrInvalidAddress, "%s %q", field, addr)
	}
	return bz, nil
}

// RequireSpendable fails with the SDK's ErrInsufficientFunds unless addr
// can spend c. Checked before any write, so a short balance changes nothing.
func RequireSpendable(ctx context.Context, bank Spendable, addr sdk.AccAddress, c sdk.Coin) error {
	if have := bank.SpendableCoins(ctx, addr).AmountOf(c.Denom); have.LT(c.Amount) {
		return errorsmod.Wrapf(sdkerrors.ErrInsufficientFunds, "need %s, spendable %s%s", c, have, c.Denom)
	}
	return nil
}
