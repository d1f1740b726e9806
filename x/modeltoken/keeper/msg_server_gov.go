package keeper

import (
	"context"

	errorsmod "cosmossdk.io/errors"

	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"

	"github.com/flockchain/flockd/x/modeltoken/types"
)

// The four messages only the gov authority may send (in a passed proposal).
// Each checks the authority first: a user's signature never reaches state.

// UpdateParams replaces the params.
func (m msgServer) UpdateParams(ctx context.Context, msg *types.MsgUpdateParams) (*types.MsgUpdateParamsResponse, error) {
	if err := m.checkAuthority(msg.Authority); err != nil {
		return nil, err
	}
	if err := msg.Params.Validate(m.addressCodec); err != nil {
		return nil, err
	}
	// A blocked treasury (a module account) would make every fee transfer fail.
	treasury, err := m.addressCodec.StringToBytes(msg.Params.Treasury)
	if err != nil {
		return nil, errorsmod.Wrapf(types.ErrInvalidParams, "treasury %q: %v", msg.Params.Treasury, err)
	}
	if m.bank.BlockedAddr(treasury) {
		return nil, errorsmod.Wrapf(types.ErrInvalidParams, "treasury %s cannot receive funds", msg.Params.Treasury)
	}
	if err := m.Params.Set(ctx, msg.Params); err != nil {
		return nil, err
	}
	return &types.MsgUpdateParamsResponse{}, nil
}

// UpsertModelType adds or replaces a launch template. Launches already
// created keep the copy they were created with.
func (m msgServer) UpsertModelType(ctx context.Context, msg *types.MsgUpsertModelType) (*types.MsgUpsertModelTypeResponse, error) {
	if err := m.checkAuthority(msg.Authority); err != nil {
		return nil, err
	}
	if err := msg.ModelType.Validate(); err != nil {
		return nil, err
	}
	if err := m.Launch.ModelTypes.Set(ctx, msg.ModelType.Id, msg.ModelType); err != nil {
		return nil, err
	}
	if err := emitModelTypeUpserted(ctx, msg.ModelType.Id); err != nil {
		return nil, err
	}
	return &types.MsgUpsertModelTypeResponse{}, nil
}

// SetDiscountTiers replaces (or, with no tiers, removes) a model's discount schedule.
func (m msgServer) SetDiscountTiers(ctx context.Context, msg *types.MsgSetDiscountTiers) (*types.MsgSetDiscountTiersResponse, error) {
	if err := m.checkAuthority(msg.Authority); err != nil {
		return nil, err
	}
	if err := types.ValidateDiscountTiers(msg.Tiers); err != nil {
		return nil, err
	}
	if err := m.liveModelToken(ctx, msg.Denom); err != nil {
		return nil, err
	}
	if err := m.SetDiscountSchedule(ctx, msg.Denom, msg.Tiers); err != nil {
		return nil, err
	}
	return &types.MsgSetDiscountTiersResponse{}, nil
}

// SpendTreasury pays coins out of the flock_treasury module account;
// recipients bank refuses (module accounts) are rejected up front.
func (m msgServer) SpendTreasury(ctx context.Context, msg *types.MsgSpendTreasury) (*types.MsgSpendTreasuryResponse, error) {
	if err := m.checkAuthority(msg.Authority); err != nil {
		return nil, err
	}
	recipient, err := m.decodeAddr("recipient", msg.Recipient)
	if err != nil {
		return nil, err
	}
	if err := msg.Amount.Validate(); err != nil || msg.Amount.Empty() {
		return nil, errorsmod.Wrapf(types.ErrInvalidAmount, "amount %q must be positive, valid coins", msg.Amount)
	}
	if m.bank.BlockedAddr(recipient) {
		return nil, errorsmod.Wrapf(sdkerrors.ErrUnauthorized, "%s is not allowed to receive funds", msg.Recipient) // as x/bank says it
	}
	if err := m.Keeper.SpendTreasury(ctx, recipient, msg.Amount); err != nil {
		return nil, err
	}
	return &types.MsgSpendTreasuryResponse{}, nil
}
