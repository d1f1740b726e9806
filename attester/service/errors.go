package service

import (
	"strings"

	errorsmod "cosmossdk.io/errors"

	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"

	"github.com/flockchain/flockd/x/modeltoken/types"
)

// transient reports whether a refusal may pass by itself: the batch is
// then signed again later, with the same content.
func transient(codespace string, code uint32) bool {
	switch codespace {
	case sdkerrors.RootCodespace:
		switch code {
		case sdkerrors.ErrWrongSequence.ABCICode(), sdkerrors.ErrMempoolIsFull.ABCICode(), sdkerrors.ErrInsufficientFee.ABCICode(),
			sdkerrors.ErrOutOfGas.ABCICode(), sdkerrors.ErrTxTimeoutHeight.ABCICode(), sdkerrors.ErrTxInMempoolCache.ABCICode(),
			sdkerrors.ErrInsufficientFunds.ABCICode():
			return true
		}
	case types.ModuleName:
		// Jailed or under-bonded: the operator can fix it before the grace
		// ends; too many pending batches: they clear as quorums complete.
		switch code {
		case types.ErrAttesterInactive.ABCICode(), types.ErrTooManyPending.ABCICode():
			return true
		}
	}
	return false
}

// knownErrors are the refusals a simulation can report, matched by their
// registered text (a gRPC simulation error carries the text, not the code).
var knownErrors = []*errorsmod.Error{
	types.ErrDuplicateBatch, types.ErrEpochSealed, types.ErrEpochNotOpen, types.ErrInvalidBatch, types.ErrContentMismatch,
	types.ErrUsageCapExceeded, types.ErrAttesterShare, types.ErrBatchVoided, types.ErrNotAttester, types.ErrAttesterInactive,
	types.ErrTooManyPending, types.ErrModelTokenNotLive, types.ErrUnknownModelToken,
	sdkerrors.ErrWrongSequence, sdkerrors.ErrInsufficientFunds, sdkerrors.ErrInsufficientFee,
}

// abciError finds which registered error a failed simulation reports.
func abciError(err error) (code uint32, codespace string, ok bool) {
	msg := err.Error()
	for _, e := range knownErrors {
		if strings.Contains(msg, e.Error()) {
			return e.ABCICode(), e.Codespace(), true
		}
	}
	return 0, "", false
}
