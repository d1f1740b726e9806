package keeper

import (
	"context"

	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/flockchain/flockd/x/modeltoken/types"
)

// checkAuthority rejects any signer but the gov module account.
func (k Keeper) checkAuthority(authority string) error {
	if _, err := k.addressCodec.StringToBytes(authority); err != nil {
		return errorsmod.Wrapf(types.ErrInvalidAuthority, "malformed authority %q: %v", authority, err)
	}
	if authority != k.authority {
		return errorsmod.Wrapf(types.ErrInvalidAuthority, "expected %s, got %s", k.authority, authority)
	}
	return nil
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
	if err := m.ModelTypes.Set(ctx, msg.ModelType.Id, msg.ModelType); err != nil {
		return nil, err
	}
	sdk.UnwrapSDKContext(ctx).EventManager().EmitEvent(sdk.NewEvent(types.EventUpsertModelType,
		sdk.NewAttribute(types.AttrModelType, msg.ModelType.Id)))
	return &types.MsgUpsertModelTypeResponse{}, nil
}
