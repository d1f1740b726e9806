package keeper

import (
	"context"

	gogoproto "github.com/cosmos/gogoproto/proto"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

// emitTyped emits a typed event (events.proto), the stable interface for
// indexers, next to the legacy string event of the same action.
func emitTyped(ctx context.Context, ev gogoproto.Message) error {
	return sdk.UnwrapSDKContext(ctx).EventManager().EmitTypedEvent(ev)
}
