package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/flockchain/flockd/x/modeltoken/internal/checks"
	"github.com/flockchain/flockd/x/modeltoken/types"
)

// Shared checks of every domain. The msg server calls them in x/bank's
// order: decode addresses, stateless checks of amounts and denoms, then the
// state reads (live model token, spendable balance), then the writes. Store
// read helpers live in internal/storeread, denom helpers in denoms.go, fee
// arithmetic in the formulas package.

// decodeAddr decodes a bech32 account address or returns the SDK's
// ErrInvalidAddress naming the field.
func (k Keeper) decodeAddr(field, addr string) (sdk.AccAddress, error) {
	return checks.DecodeAddr(k.addressCodec, field, addr)
}

// checkAuthority rejects any signer but the gov module account.
func (k Keeper) checkAuthority(authority string) error {
	if _, err := k.addressCodec.StringToBytes(authority); err != nil {
		return errorsmod.Wrapf(types.ErrInvalidAuthority, "malformed authority %q: %v", authority, err)
	}
	if authority != k.authority {
		return errorsmod.Wrapf(types.ErrInvalidAuthority, "expected %s, got %s", k.authority, authority)
	}
	return nil
}

// positive fails with ErrInvalidAmount unless x is set, > 0 and at most
// types.MaxAmount (so no later product can overflow).
func positive(field string, x math.Int) error {
	if x.IsNil() || !x.IsPositive() {
		return errorsmod.Wrapf(types.ErrInvalidAmount, "%s must be positive", field)
	}
	if x.GT(types.MaxAmount) {
		return errorsmod.Wrapf(types.ErrInvalidAmount, "%s %s exceeds the bound %s", field, x, types.MaxAmount)
	}
	return nil
}

// nonNegative returns x, or zero when unset, and fails for x < 0 or x above
// types.MaxAmount.
func nonNegative(field string, x math.Int) (math.Int, error) {
	if x.IsNil() {
		return math.ZeroInt(), nil
	}
	if x.IsNegative() {
		return math.Int{}, errorsmod.Wrapf(types.ErrInvalidAmount, "%s must not be negative", field)
	}
	if x.GT(types.MaxAmount) {
		return math.Int{}, errorsmod.Wrapf(types.ErrInvalidAmount, "%s %s exceeds the bound %s", field, x, types.MaxAmount)
	}
	return x, nil
}

// flockCoin checks that c is a positive amount of FLOCK; what says what the
// FLOCK is for ("buys are paid", "locks take", …).
func (k Keeper) flockCoin(field, what string, c sdk.Coin) error {
	if c.Denom != k.flockDenom {
		return errorsmod.Wrapf(types.ErrInvalidDenom, "%s in %s, got %q", what, k.flockDenom, c.Denom)
	}
	return positive(field, c.Amount)
}

// modelTokenCoin checks, statelessly, that c is a positive amount of a
// well-formed non-FLOCK denom; liveModelToken checks it exists.
func (k Keeper) modelTokenCoin(c sdk.Coin) error {
	if err := positive("amount", c.Amount); err != nil {
		return err
	}
	if err := sdk.ValidateDenom(c.Denom); err != nil {
		return errorsmod.Wrapf(types.ErrInvalidDenom, "%q: %v", c.Denom, err)
	}
	if c.Denom == k.flockDenom {
		return errorsmod.Wrapf(types.ErrInvalidDenom, "%s is not a model token", c.Denom)
	}
	return nil
}

// liveModelToken fails unless denom is a live model token, with a typed
// error saying why.
func (k Keeper) liveModelToken(ctx context.Context, denom string) error {
	has, err := k.ModelTokens.Has(ctx, denom)
	if err != nil || has {
		return err
	}
	if denom == k.flockDenom {
		return errorsmod.Wrapf(types.ErrInvalidDenom, "%s is not a model token", denom)
	}
	if _, err := k.Launch.LaunchSymbols.Get(ctx, symbolOfDenom(denom)); err == nil {
		return errorsmod.Wrapf(types.ErrModelTokenNotLive, "%s is still raising", denom)
	} else if !errors.Is(err, collections.ErrNotFound) {
		return err
	}
	return errorsmod.Wrapf(types.ErrUnknownModelToken, "%q", denom)
}

// requireSpendable fails with the SDK's ErrInsufficientFunds unless addr
// can spend c. Checked before any write, so a short balance changes nothing.
func (k Keeper) requireSpendable(ctx context.Context, addr sdk.AccAddress, c sdk.Coin) error {
	return checks.RequireSpendable(ctx, k.bank, addr, c)
}
