package keeper

import (
	"context"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/flockchain/flockd/x/modeltoken/types"
)

// Governance events: model types, discount schedules, treasury spends.

func emitModelTypeUpserted(ctx context.Context, id string) error {
	return emit(ctx, sdk.NewEvent(types.LegacyEventUpsertModelType, attr(types.AttrModelType, id)),
		&types.EventModelTypeUpserted{ModelType: id})
}

func emitDiscountTiersSet(ctx context.Context, denom string, tiers int) error {
	return emit(ctx, sdk.NewEvent(types.LegacyEventSetDiscounts, attr(types.AttrDenom, denom)),
		&types.EventDiscountTiersSet{Denom: denom, Tiers: uint32(tiers)})
}

func emitTreasurySpent(ctx context.Context, recipient sdk.AccAddress, amount sdk.Coins) error {
	return emit(ctx, sdk.NewEvent(types.LegacyEventTreasurySpend,
		attr(types.AttrRecipient, recipient.String()),
		attr(types.AttrAmount, amount.String())),
		&types.EventTreasurySpent{Recipient: recipient.String(), Amount: amount})
}
