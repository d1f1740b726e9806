// Package eventkit emits the module's events: each state change's typed
// event, with the legacy string event it replaces until v5 (the module
// README, "Events"). The per-domain events files call it, one function per
// event.
package eventkit

import (
	"context"
	"time"

	gogoproto "github.com/cosmos/gogoproto/proto"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/flockchain/flockd/x/modeltoken/types"
)

// Emit records a state change: its legacy string event, then its typed one.
func Emit(ctx context.Context, legacy sdk.Event, typed gogoproto.Message) error {
	em := sdk.UnwrapSDKContext(ctx).EventManager()
	em.EmitEvent(legacy)
	return em.EmitTypedEvent(typed)
}

// EmitTyped records a state change that never had a legacy event.
func EmitTyped(ctx context.Context, typed gogoproto.Message) error {
	return sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(typed)
}

// Attr is a legacy event attribute.
func Attr(key, value string) sdk.Attribute { return sdk.NewAttribute(key, value) }

// RFC3339 is a time as legacy events write it (UTC, whole seconds).
func RFC3339(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// ReasonBuybackDust is the EventBurned reason of a pending buyback too small
// to buy one MT base unit, burned as FLOCK.
const ReasonBuybackDust = "buyback_dust"

// Burned records a burn of amount that belongs to model (reason: see
// EventBurned). Launches, the market and reward expiry all burn.
func Burned(ctx context.Context, model string, amount sdk.Coin, reason string) error {
	legacy := sdk.NewEvent(types.LegacyEventBurn,
		Attr(types.AttrDenom, model),
		Attr(types.AttrAmount, amount.Amount.String()),
		Attr(types.AttrReason, reason))
	if reason == ReasonBuybackDust {
		legacy = sdk.NewEvent(types.LegacyEventBuybackDust,
			Attr(types.AttrDenom, model),
			Attr(types.AttrAmount, amount.String()))
	}
	return Emit(ctx, legacy, &types.EventBurned{Amount: amount, Reason: reason, Model: model})
}
