package keeper

import (
	"context"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/flockchain/flockd/x/modeltoken/types"
)

// emitStepFailed reports a begin-block step (for one model, if denom is
// set) that failed or panicked and was skipped. It is emitted on the
// block's own context, outside the step's discarded writes.
func emitStepFailed(ctx context.Context, step, denom string, reason error) error {
	attrs := []sdk.Attribute{attr(types.AttrStep, step)}
	if denom != "" {
		attrs = append(attrs, attr(types.AttrDenom, denom))
	}
	attrs = append(attrs, attr(types.AttrReason, reason.Error()))
	return emit(ctx, sdk.NewEvent(types.LegacyEventBeginBlockStepFailed, attrs...),
		&types.EventBeginBlockStepFailed{Step: step, Denom: denom, Reason: reason.Error()})
}
