package keeper

import (
	"context"
	"strconv"
	"time"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/flockchain/flockd/x/modeltoken/types"
)

// Launch events: creation, buys, graduation, failure, supporters' claims
// and the issuer's vesting.

func emitLaunchCreated(ctx context.Context, l types.Launch, modelType string) error {
	return emit(ctx, sdk.NewEvent(types.LegacyEventCreateLaunch,
		attr(types.AttrLaunchID, strconv.FormatUint(l.Id, 10)),
		attr(types.AttrCreator, l.Creator),
		attr(types.AttrSymbol, l.Symbol),
		attr(types.AttrDenom, l.Denom),
		attr(types.AttrModelType, modelType),
		attr(types.AttrEndTime, l.EndTime.UTC().Format("2006-01-02T15:04:05Z"))),
		&types.EventLaunchCreated{LaunchId: l.Id, Creator: l.Creator, Symbol: l.Symbol, Denom: l.Denom,
			ModelType: modelType, EndTime: l.EndTime.UTC()})
}

func emitLaunchBought(ctx context.Context, launchID uint64, buyer sdk.AccAddress, flockDenom string, q types.BuyQuote) error {
	return emit(ctx, sdk.NewEvent(types.LegacyEventBuy,
		attr(types.AttrLaunchID, strconv.FormatUint(launchID, 10)),
		attr(types.AttrBuyer, buyer.String()),
		attr(types.AttrGross, q.Gross.String()),
		attr(types.AttrFee, q.PlatformFee.String()),
		attr(types.AttrCreatorFee, q.CreatorFee.String()),
		attr(types.AttrTax, q.AntiSnipeTax.String()),
		attr(types.AttrNet, q.Net.String()),
		attr(types.AttrRefund, q.Refund.String()),
		attr(types.AttrMTOut, q.MtOut.String())),
		&types.EventLaunchBought{LaunchId: launchID, Buyer: buyer.String(), Gross: sdk.NewCoin(flockDenom, q.Gross),
			Net: q.Net, MtOut: q.MtOut, PlatformFee: q.PlatformFee, CreatorFee: q.CreatorFee,
			AntiSnipeTax: q.AntiSnipeTax, Refund: q.Refund})
}

// emitLaunchGraduated records the graduation and its two MT burns (unsold
// supply, liquidity above the opening price).
func emitLaunchGraduated(ctx context.Context, l types.Launch, pool PoolOpening, unsold, burned math.Int) error {
	if err := emit(ctx, sdk.NewEvent(types.LegacyEventGraduate,
		attr(types.AttrLaunchID, strconv.FormatUint(l.Id, 10)),
		attr(types.AttrDenom, l.Denom),
		attr(types.AttrRaised, l.Raised.String()),
		attr(types.AttrSold, l.Sold.String()),
		attr(types.AttrUnsoldBurned, unsold.String())),
		&types.EventLaunchGraduated{LaunchId: l.Id, Denom: l.Denom, Raised: l.Raised, PoolMt: pool.Mt,
			PoolFlock: pool.Flock, Burned: burned, Sold: l.Sold}); err != nil {
		return err
	}
	if err := emitBurned(ctx, l.Denom, sdk.NewCoin(l.Denom, unsold), "unsold_at_graduation"); err != nil {
		return err
	}
	return emitBurned(ctx, l.Denom, sdk.NewCoin(l.Denom, pool.BurnedMt), "liquidity_above_opening_price")
}

func emitLaunchFailed(ctx context.Context, l types.Launch, reason string) error {
	return emit(ctx, sdk.NewEvent(types.LegacyEventFail,
		attr(types.AttrLaunchID, strconv.FormatUint(l.Id, 10)),
		attr(types.AttrRaised, l.Raised.String()),
		attr(types.AttrReason, reason)),
		&types.EventLaunchFailed{LaunchId: l.Id, Denom: l.Denom, Raised: l.Raised, Reason: reason})
}

func emitLaunchClaimed(ctx context.Context, launchID uint64, supporter sdk.AccAddress, paid sdk.Coin) error {
	return emit(ctx, sdk.NewEvent(types.LegacyEventClaimLaunch,
		attr(types.AttrLaunchID, strconv.FormatUint(launchID, 10)),
		attr(types.AttrRecipient, supporter.String()),
		attr(types.AttrAmount, paid.String())),
		&types.EventLaunchClaimed{LaunchId: launchID, Supporter: supporter.String(), Paid: paid})
}

func emitVestedClaimed(ctx context.Context, launchID uint64, beneficiary string, paid sdk.Coins) error {
	return emit(ctx, sdk.NewEvent(types.LegacyEventClaimVested,
		attr(types.AttrLaunchID, strconv.FormatUint(launchID, 10)),
		attr(types.AttrRecipient, beneficiary),
		attr(types.AttrAmount, paid.String())),
		&types.EventVestedClaimed{LaunchId: launchID, Beneficiary: beneficiary, Paid: paid})
}

// rfc3339 formats a block time for a legacy attribute.
func rfc3339(t time.Time) string { return t.UTC().Format(time.RFC3339) }
