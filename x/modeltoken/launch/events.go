package launch

import (
	"context"
	"strconv"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/flockchain/flockd/x/modeltoken/internal/eventkit"
	"github.com/flockchain/flockd/x/modeltoken/types"
)

// Launch events: creation, buys, graduation, failure, supporters' claims
// and the issuer's vesting.

func emitLaunchCreated(ctx context.Context, l types.Launch, modelType string) error {
	return eventkit.Emit(ctx, sdk.NewEvent(types.LegacyEventCreateLaunch,
		eventkit.Attr(types.AttrLaunchID, strconv.FormatUint(l.Id, 10)),
		eventkit.Attr(types.AttrCreator, l.Creator),
		eventkit.Attr(types.AttrSymbol, l.Symbol),
		eventkit.Attr(types.AttrDenom, l.Denom),
		eventkit.Attr(types.AttrModelType, modelType),
		eventkit.Attr(types.AttrEndTime, l.EndTime.UTC().Format("2006-01-02T15:04:05Z"))),
		&types.EventLaunchCreated{LaunchId: l.Id, Creator: l.Creator, Symbol: l.Symbol, Denom: l.Denom,
			ModelType: modelType, EndTime: l.EndTime.UTC()})
}

func emitLaunchBought(ctx context.Context, launchID uint64, buyer sdk.AccAddress, flockDenom string, q types.BuyQuote) error {
	return eventkit.Emit(ctx, sdk.NewEvent(types.LegacyEventBuy,
		eventkit.Attr(types.AttrLaunchID, strconv.FormatUint(launchID, 10)),
		eventkit.Attr(types.AttrBuyer, buyer.String()),
		eventkit.Attr(types.AttrGross, q.Gross.String()),
		eventkit.Attr(types.AttrFee, q.PlatformFee.String()),
		eventkit.Attr(types.AttrCreatorFee, q.CreatorFee.String()),
		eventkit.Attr(types.AttrTax, q.AntiSnipeTax.String()),
		eventkit.Attr(types.AttrNet, q.Net.String()),
		eventkit.Attr(types.AttrRefund, q.Refund.String()),
		eventkit.Attr(types.AttrMTOut, q.MtOut.String())),
		&types.EventLaunchBought{LaunchId: launchID, Buyer: buyer.String(), Gross: sdk.NewCoin(flockDenom, q.Gross),
			Net: q.Net, MtOut: q.MtOut, PlatformFee: q.PlatformFee, CreatorFee: q.CreatorFee,
			AntiSnipeTax: q.AntiSnipeTax, Refund: q.Refund})
}

// emitLaunchGraduated records the graduation and its two MT burns (unsold
// supply, liquidity above the opening price).
func emitLaunchGraduated(ctx context.Context, l types.Launch, pool PoolOpening, unsold, burned math.Int) error {
	if err := eventkit.Emit(ctx, sdk.NewEvent(types.LegacyEventGraduate,
		eventkit.Attr(types.AttrLaunchID, strconv.FormatUint(l.Id, 10)),
		eventkit.Attr(types.AttrDenom, l.Denom),
		eventkit.Attr(types.AttrRaised, l.Raised.String()),
		eventkit.Attr(types.AttrSold, l.Sold.String()),
		eventkit.Attr(types.AttrUnsoldBurned, unsold.String())),
		&types.EventLaunchGraduated{LaunchId: l.Id, Denom: l.Denom, Raised: l.Raised, PoolMt: pool.Mt,
			PoolFlock: pool.Flock, Burned: burned, Sold: l.Sold}); err != nil {
		return err
	}
	if err := eventkit.Burned(ctx, l.Denom, sdk.NewCoin(l.Denom, unsold), "unsold_at_graduation"); err != nil {
		return err
	}
	return eventkit.Burned(ctx, l.Denom, sdk.NewCoin(l.Denom, pool.BurnedMt), "liquidity_above_opening_price")
}

func emitLaunchFailed(ctx context.Context, l types.Launch, reason string) error {
	return eventkit.Emit(ctx, sdk.NewEvent(types.LegacyEventFail,
		eventkit.Attr(types.AttrLaunchID, strconv.FormatUint(l.Id, 10)),
		eventkit.Attr(types.AttrRaised, l.Raised.String()),
		eventkit.Attr(types.AttrReason, reason)),
		&types.EventLaunchFailed{LaunchId: l.Id, Denom: l.Denom, Raised: l.Raised, Reason: reason})
}

func emitLaunchClaimed(ctx context.Context, launchID uint64, supporter sdk.AccAddress, paid sdk.Coin) error {
	return eventkit.Emit(ctx, sdk.NewEvent(types.LegacyEventClaimLaunch,
		eventkit.Attr(types.AttrLaunchID, strconv.FormatUint(launchID, 10)),
		eventkit.Attr(types.AttrRecipient, supporter.String()),
		eventkit.Attr(types.AttrAmount, paid.String())),
		&types.EventLaunchClaimed{LaunchId: launchID, Supporter: supporter.String(), Paid: paid})
}

func emitVestedClaimed(ctx context.Context, launchID uint64, beneficiary string, paid sdk.Coins) error {
	return eventkit.Emit(ctx, sdk.NewEvent(types.LegacyEventClaimVested,
		eventkit.Attr(types.AttrLaunchID, strconv.FormatUint(launchID, 10)),
		eventkit.Attr(types.AttrRecipient, beneficiary),
		eventkit.Attr(types.AttrAmount, paid.String())),
		&types.EventVestedClaimed{LaunchId: launchID, Beneficiary: beneficiary, Paid: paid})
}
