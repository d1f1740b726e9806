package keeper

import (
	"context"
	"strconv"
	"time"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/flockchain/flockd/x/modeltoken/types"
)

// Reward events: the epoch clock, settlement, claims and expiry.

func emitEpochStarted(ctx context.Context, epoch uint64, start time.Time) error {
	return emit(ctx, sdk.NewEvent(types.LegacyEventEpoch,
		attr(types.AttrEpoch, strconv.FormatUint(epoch, 10))),
		&types.EventEpochStarted{Epoch: epoch, StartTime: start.UTC()})
}

func emitRewardsSettled(ctx context.Context, s types.EpochSummary) error {
	return emit(ctx, sdk.NewEvent(types.LegacyEventEpochSettled,
		attr(types.AttrEpoch, strconv.FormatUint(s.Epoch, 10)),
		attr(types.AttrAmount, s.Emitted.String()),
		attr(types.AttrTotalSpend, s.TotalUsage.String())),
		&types.EventRewardsSettled{Epoch: s.Epoch, Emitted: s.Emitted, TotalUsage: s.TotalUsage, Models: s.Models,
			SkippedModels: s.SkippedModels})
}

func emitModelSkipped(ctx context.Context, epoch uint64, denom string, reason error) error {
	return emit(ctx, sdk.NewEvent(types.LegacyEventModelSkipped,
		attr(types.AttrEpoch, strconv.FormatUint(epoch, 10)),
		attr(types.AttrDenom, denom),
		attr(types.AttrReason, reason.Error())),
		&types.EventModelSkipped{Epoch: epoch, Denom: denom, Reason: reason.Error()})
}

func emitRewardsClaimed(ctx context.Context, claimer sdk.AccAddress, paid sdk.Coins, entries uint32) error {
	return emit(ctx, sdk.NewEvent(types.LegacyEventClaimRewards,
		attr(types.AttrRecipient, claimer.String()),
		attr(types.AttrAmount, paid.String()),
		attr("entries", strconv.FormatUint(uint64(entries), 10))),
		&types.EventRewardsClaimed{Claimer: claimer.String(), Paid: paid, Entries: entries})
}

func emitRewardsExpired(ctx context.Context, epoch uint64, expired sdk.Coins) error {
	return emit(ctx, sdk.NewEvent(types.LegacyEventRewardsExpired,
		attr(types.AttrEpoch, strconv.FormatUint(epoch, 10)),
		attr(types.AttrAmount, expired.String())),
		&types.EventRewardsExpired{Epoch: epoch, Amount: expired})
}

func emitIncentiveFunded(ctx context.Context, funder sdk.AccAddress, denom string, amount sdk.Coin) error {
	return emit(ctx, sdk.NewEvent(types.LegacyEventFundIncentive,
		attr(types.AttrDenom, denom),
		attr(types.AttrAmount, amount.String())),
		&types.EventIncentiveFunded{Funder: funder.String(), Denom: denom, Amount: amount})
}
