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

// Staking events: model-token stake, unbonding and its payout or
// cancellation, and gmFLOCK locks.

func emitStaked(ctx context.Context, staker sdk.AccAddress, amount sdk.Coin) error {
	return emit(ctx, sdk.NewEvent(types.LegacyEventStake,
		attr(types.AttrRecipient, staker.String()),
		attr(types.AttrAmount, amount.String())),
		&types.EventStaked{Staker: staker.String(), Amount: amount})
}

func emitUnstaked(ctx context.Context, staker sdk.AccAddress, amount sdk.Coin, entry types.UnbondingEntry) error {
	return emit(ctx, sdk.NewEvent(types.LegacyEventUnstake,
		attr(types.AttrRecipient, staker.String()),
		attr(types.AttrAmount, amount.String()),
		attr(types.AttrUnbondingID, strconv.FormatUint(entry.Id, 10)),
		attr(types.AttrCompletionTime, entry.CompletionTime.UTC().Format("2006-01-02T15:04:05Z"))),
		&types.EventUnstaked{Staker: staker.String(), Amount: amount, UnbondingId: entry.Id, CompletionTime: entry.CompletionTime.UTC()})
}

func emitUnbondingPaid(ctx context.Context, entry types.UnbondingEntry) error {
	amount := sdk.NewCoin(entry.Denom, entry.Amount)
	return emit(ctx, sdk.NewEvent(types.LegacyEventUnbondingPaid,
		attr(types.AttrRecipient, entry.Owner),
		attr(types.AttrAmount, amount.String())),
		&types.EventUnbondingPaid{Owner: entry.Owner, UnbondingId: entry.Id, Amount: amount})
}

func emitUnbondingCancelled(ctx context.Context, owner sdk.AccAddress, id uint64, amount sdk.Coin) error {
	return emit(ctx, sdk.NewEvent(types.LegacyEventCancelUnbonding,
		attr(types.AttrRecipient, owner.String()),
		attr(types.AttrUnbondingID, strconv.FormatUint(id, 10)),
		attr(types.AttrAmount, amount.String())),
		&types.EventUnbondingCancelled{Owner: owner.String(), UnbondingId: id, Amount: amount})
}

func emitLocked(ctx context.Context, id uint64, lock types.GmLock, amount sdk.Coin) error {
	return emit(ctx, sdk.NewEvent(types.LegacyEventLock,
		attr(types.AttrLockID, strconv.FormatUint(id, 10)),
		attr(types.AttrRecipient, lock.Owner),
		attr(types.AttrAmount, amount.String()),
		attr(types.AttrGmFlock, lock.Gmflock.String())),
		&types.EventLocked{Owner: lock.Owner, LockId: id, Amount: amount, Gmflock: lock.Gmflock})
}

func emitUnlocked(ctx context.Context, id uint64, owner string, returned, fee sdk.Coin) error {
	return emit(ctx, sdk.NewEvent(types.LegacyEventUnlock,
		attr(types.AttrLockID, strconv.FormatUint(id, 10)),
		attr(types.AttrRecipient, owner),
		attr(types.AttrAmount, returned.String()),
		attr(types.AttrExitFee, fee.String())),
		&types.EventUnlocked{Owner: owner, LockId: id, Returned: returned, ExitFee: fee})
}

func emitLockExtended(ctx context.Context, id uint64, owner string, gm math.Int, end time.Time) error {
	return emit(ctx, sdk.NewEvent(types.LegacyEventExtendLock,
		attr(types.AttrLockID, strconv.FormatUint(id, 10)),
		attr(types.AttrRecipient, owner),
		attr(types.AttrGmFlock, gm.String()),
		attr(types.AttrEndTime, eventkit.RFC3339(end))),
		&types.EventLockExtended{Owner: owner, LockId: id, Gmflock: gm, EndTime: end.UTC()})
}
