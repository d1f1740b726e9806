package keeper

import (
	"context"
	"errors"
	"time"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"

	"github.com/flockchain/flockd/x/modeltoken/types"
)

// Shared checks of every domain. The msg server calls them in x/bank's
// order: decode addresses, stateless checks of amounts and denoms, then the
// state reads (live model token, spendable balance), then the writes. No
// domain file defines a helper another domain uses: they live here.

// decodeAddr decodes a bech32 account address or returns the SDK's
// ErrInvalidAddress naming the field.
func (k Keeper) decodeAddr(field, addr string) (sdk.AccAddress, error) {
	bz, err := k.addressCodec.StringToBytes(addr)
	if err != nil || len(bz) == 0 {
		return nil, errorsmod.Wrapf(sdkerrors.ErrInvalidAddress, "%s %q", field, addr)
	}
	return bz, nil
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
	if _, err := k.LaunchSymbols.Get(ctx, symbolOfDenom(denom)); err == nil {
		return errorsmod.Wrapf(types.ErrModelTokenNotLive, "%s is still raising", denom)
	} else if !errors.Is(err, collections.ErrNotFound) {
		return err
	}
	return errorsmod.Wrapf(types.ErrUnknownModelToken, "%q", denom)
}

// symbolOfDenom is the launch symbol a model-token denom was made from
// ("mt/llama" → "LLAMA"), or "" for a denom without the model-token prefix.
func symbolOfDenom(denom string) string {
	if len(denom) <= len(types.DenomPrefix) || denom[:len(types.DenomPrefix)] != types.DenomPrefix {
		return ""
	}
	out := []byte(denom[len(types.DenomPrefix):])
	for i, c := range out {
		if c >= 'a' && c <= 'z' {
			out[i] = c - 'a' + 'A'
		}
	}
	return string(out)
}

// requireSpendable fails with the SDK's ErrInsufficientFunds unless addr
// can spend c. Checked before any write, so a short balance changes nothing.
func (k Keeper) requireSpendable(ctx context.Context, addr sdk.AccAddress, c sdk.Coin) error {
	if have := k.bank.SpendableCoins(ctx, addr).AmountOf(c.Denom); have.LT(c.Amount) {
		return errorsmod.Wrapf(sdkerrors.ErrInsufficientFunds, "need %s, spendable %s%s", c, have, c.Denom)
	}
	return nil
}

// sdkBlockTime is the block time (consensus time; never the wall clock).
func sdkBlockTime(ctx context.Context) time.Time {
	return sdk.UnwrapSDKContext(ctx).BlockTime()
}

// flock is amount of FLOCK as coins.
func (k Keeper) flock(amount math.Int) sdk.Coins {
	return sdk.NewCoins(sdk.NewCoin(k.flockDenom, amount))
}

// ceilBps returns ⌈x × bps / 10000⌉: the protocol's side of a fee is
// rounded up, against the payer.
func ceilBps(x math.Int, bps uint32) math.Int {
	num := x.MulRaw(int64(bps))
	q := num.QuoRaw(types.BpsDenominator)
	if !num.ModRaw(types.BpsDenominator).IsZero() {
		q = q.AddRaw(1)
	}
	return q
}

// listed reports whether addr is in list (attesters, revenue reporters).
func listed(list []string, addr string) bool {
	for _, a := range list {
		if a == addr {
			return true
		}
	}
	return false
}

// getter is a collections.Map or IndexedMap.
type getter[K, V any] interface {
	Get(ctx context.Context, key K) (V, error)
}

// getOr reads key from m, returning zero() when absent. Only
// collections.ErrNotFound means absent: any other store error is returned.
func getOr[K, V any](ctx context.Context, m getter[K, V], key K, zero func() V) (V, error) {
	v, err := m.Get(ctx, key)
	if errors.Is(err, collections.ErrNotFound) {
		return zero(), nil
	}
	return v, err
}

// getTyped reads key from m and turns "absent" (only collections.ErrNotFound)
// into the typed error notFound(); other store errors pass through.
func getTyped[K, V any](ctx context.Context, m getter[K, V], key K, notFound func() error) (V, error) {
	v, err := m.Get(ctx, key)
	if errors.Is(err, collections.ErrNotFound) {
		return v, notFound()
	}
	return v, err
}
