package keeper

import (
	"context"
	"fmt"
	"runtime/debug"

	storetypes "github.com/cosmos/cosmos-sdk/store/v2/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
)

// faultHook, when set, runs at the start of every begin-block step with the
// step's name. Only a binary built with the faultinject tag sets it (the
// e2e test that proves a panicking step does not halt a node); a release
// binary has none.
var faultHook func(step string)

// inCache runs fn in a cache context of ctx: its writes and events land only
// if it returns nil. A panic in fn (a bug, or a record no validation
// foresaw) becomes an error, so begin-block work can never halt the chain;
// the same state panics the same way on every validator, so skipping is
// deterministic. Out-of-gas is not swallowed: it is the gas meter's
// signal, not a fault (begin-block work has no gas limit anyway). The
// panic's stack goes to the node's log only: it differs between binaries,
// so it never enters an error, an event or state.
func inCache(ctx context.Context, fn func(context.Context) error) (err error) {
	sdkCtx := sdk.UnwrapSDKContext(ctx)
	cacheCtx, write := sdkCtx.CacheContext()
	defer func() {
		if r := recover(); r != nil {
			if _, ok := r.(storetypes.ErrorOutOfGas); ok {
				panic(r)
			}
			sdkCtx.Logger().Error("recovered a panic in begin-block work", "panic", fmt.Sprint(r), "stack", string(debug.Stack()))
			err = fmt.Errorf("recovered panic (%v)", r)
		}
	}()
	if err := fn(cacheCtx); err != nil {
		return err
	}
	write()
	return nil
}
