// Package blockstep runs one piece of begin-block work so that it can never
// halt the chain, and reports a piece that failed. The module keeper and
// its domain sub-keepers (market, launch) share it.
package blockstep

import (
	"context"
	"fmt"
	"runtime/debug"
	"time"

	storetypes "github.com/cosmos/cosmos-sdk/store/v2/types"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/flockchain/flockd/x/modeltoken/internal/eventkit"
	"github.com/flockchain/flockd/x/modeltoken/types"
)

// Run runs fn in a cache context of ctx: its writes and events land only
// if it returns nil. A panic in fn (a bug, or a record no validation
// foresaw) becomes an error, so begin-block work can never halt the chain;
// the same state panics the same way on every validator, so skipping is
// deterministic. Out-of-gas is not swallowed: it is the gas meter's
// signal, not a fault (begin-block work has no gas limit anyway). The
// panic's stack goes to the node's log only: it differs between binaries,
// so it never enters an error, an event or state. name labels the work in
// the log line that times it (debug level); the time is read for the log
// only and never reaches state.
func Run(ctx context.Context, name string, fn func(context.Context) error) (err error) {
	sdkCtx := sdk.UnwrapSDKContext(ctx)
	cacheCtx, write := sdkCtx.CacheContext()
	start := time.Now()
	defer func() {
		if r := recover(); r != nil {
			if _, ok := r.(storetypes.ErrorOutOfGas); ok {
				panic(r)
			}
			sdkCtx.Logger().Error("recovered a panic in begin-block work", "step", name, "panic", fmt.Sprint(r), "stack", string(debug.Stack()))
			err = fmt.Errorf("recovered panic (%v)", r)
		}
		sdkCtx.Logger().Debug("begin-block work", "step", name, "took", time.Since(start), "ok", err == nil)
	}()
	if err := fn(cacheCtx); err != nil {
		return err
	}
	write()
	return nil
}

// Failed logs a step (for one model, if denom is set) that failed or
// panicked and was skipped, and reports it in an
// EventBeginBlockStepFailed. It is emitted on the block's own context,
// outside the step's discarded writes.
func Failed(ctx context.Context, step, denom string, reason error) {
	sdkCtx := sdk.UnwrapSDKContext(ctx)
	sdkCtx.Logger().Error("begin-block step failed; retrying next block", "step", step, "denom", denom, "err", reason)
	attrs := []sdk.Attribute{eventkit.Attr(types.AttrStep, step)}
	if denom != "" {
		attrs = append(attrs, eventkit.Attr(types.AttrDenom, denom))
	}
	attrs = append(attrs, eventkit.Attr(types.AttrReason, reason.Error()))
	if err := eventkit.Emit(ctx, sdk.NewEvent(types.LegacyEventBeginBlockStepFailed, attrs...),
		&types.EventBeginBlockStepFailed{Step: step, Denom: denom, Reason: reason.Error()}); err != nil {
		sdkCtx.Logger().Error("emitting a step failure failed", "step", step, "err", err)
	}
}
