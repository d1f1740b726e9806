package keeper

import (
	"context"

	gogoproto "github.com/cosmos/gogoproto/proto"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

// Every state change emits one typed event (events.proto) from one
// function in an events_<domain>.go file, so the grammar an indexer parses
// is defined in one place per domain. Until the v5 upgrade the legacy
// string event of the same change is emitted beside it (module README,
// "Events").

// emit records one state change: its legacy string event and its typed
// event.
func emit(ctx context.Context, legacy sdk.Event, typed gogoproto.Message) error {
	em := sdk.UnwrapSDKContext(ctx).EventManager()
	em.EmitEvent(legacy)
	return em.EmitTypedEvent(typed)
}

// emitTyped records a state change that never had a legacy event.
func emitTyped(ctx context.Context, typed gogoproto.Message) error {
	return sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(typed)
}

// attr is a legacy event attribute.
func attr(key, value string) sdk.Attribute { return sdk.NewAttribute(key, value) }
