package keeper

import (
	"context"
	"strconv"
	"time"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/flockchain/flockd/x/modeltoken/internal/eventkit"
	"github.com/flockchain/flockd/x/modeltoken/types"
)

// Usage and attester events: batches posted, confirmed or voided,
// and attester bonds, unbondings, slashes and reinstatement.

func emitUsagePosted(ctx context.Context, b types.UsageBatch) error {
	signer := b.Attesters[len(b.Attesters)-1]
	return emit(ctx, sdk.NewEvent(types.LegacyEventUsageBatch,
		attr(types.AttrEpoch, strconv.FormatUint(b.Epoch, 10)),
		attr(types.AttrBatchID, b.BatchId),
		attr(types.AttrDenom, b.Denom),
		attr(types.AttrAttester, signer),
		attr(types.AttrRows, strconv.FormatUint(b.RowCount, 10)),
		attr(types.AttrTotalSpend, strconv.FormatUint(b.TotalSpend, 10)),
		attr(types.AttrContentHash, b.ContentHash),
		attr(types.AttrConfirmations, strconv.Itoa(len(b.Attesters))),
		attr(types.AttrApplied, strconv.FormatBool(b.Applied))),
		&types.EventUsagePosted{Epoch: b.Epoch, BatchId: b.BatchId, Denom: b.Denom, Attester: signer, Rows: b.RowCount,
			TotalSpend: b.TotalSpend, ContentHash: b.ContentHash, Confirmations: uint32(len(b.Attesters)), Applied: b.Applied})
}

func emitBatchVoided(ctx context.Context, b types.UsageBatch, guardian sdk.AccAddress, reason string) error {
	return emit(ctx, sdk.NewEvent(types.LegacyEventBatchVoided,
		attr(types.AttrEpoch, strconv.FormatUint(b.Epoch, 10)),
		attr(types.AttrBatchID, b.BatchId),
		attr(types.AttrDenom, b.Denom),
		attr(types.AttrTotalSpend, strconv.FormatUint(b.TotalSpend, 10)),
		attr(types.AttrReason, reason)),
		&types.EventBatchVoided{Epoch: b.Epoch, BatchId: b.BatchId, Denom: b.Denom, TotalSpend: b.TotalSpend,
			Reason: reason, Guardian: guardian.String()})
}

func emitAttesterBonded(ctx context.Context, attester sdk.AccAddress, amount sdk.Coin, bonded math.Int) error {
	return emit(ctx, sdk.NewEvent(types.LegacyEventAttesterBond,
		attr(types.AttrAttester, attester.String()),
		attr(types.AttrAmount, amount.Amount.String()),
		attr("bonded", bonded.String())),
		&types.EventAttesterBonded{Attester: attester.String(), Amount: amount, Bonded: bonded})
}

func emitAttesterUnbonding(ctx context.Context, attester sdk.AccAddress, amount sdk.Coin, done time.Time) error {
	return emit(ctx, sdk.NewEvent(types.LegacyEventAttesterUnbond,
		attr(types.AttrAttester, attester.String()),
		attr(types.AttrAmount, amount.Amount.String()),
		attr(types.AttrCompletionTime, eventkit.RFC3339(done))),
		&types.EventAttesterUnbonding{Attester: attester.String(), Amount: amount, CompletionTime: done.UTC()})
}

func emitAttesterUnbondingPaid(ctx context.Context, attester sdk.AccAddress, amount sdk.Coin) error {
	return emitTyped(ctx, &types.EventAttesterUnbondingPaid{Attester: attester.String(), Amount: amount})
}

func emitAttesterSlashed(ctx context.Context, attester string, ev types.AttestationEvidence, amount sdk.Coin) error {
	return emit(ctx, sdk.NewEvent(types.LegacyEventAttesterSlashed,
		attr(types.AttrAttester, attester),
		attr(types.AttrReason, ev.Kind),
		attr(types.AttrEpoch, strconv.FormatUint(ev.Epoch, 10)),
		attr(types.AttrBatchID, ev.BatchId),
		attr(types.AttrAmount, amount.Amount.String())),
		&types.EventAttesterSlashed{Attester: attester, Kind: ev.Kind, Epoch: ev.Epoch, BatchId: ev.BatchId, Amount: amount})
}

func emitAttesterReinstated(ctx context.Context, attester sdk.AccAddress) error {
	return emitTyped(ctx, &types.EventAttesterReinstated{Attester: attester.String()})
}
