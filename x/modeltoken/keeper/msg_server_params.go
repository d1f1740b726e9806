package keeper

import (
	"context"

	errorsmod "cosmossdk.io/errors"

	"github.com/flockchain/flockd/x/modeltoken/types"
)

// UpdateParams replaces the params; only the gov authority may call it.
func (m msgServer) UpdateParams(ctx context.Context, msg *types.MsgUpdateParams) (*types.MsgUpdateParamsResponse, error) {
	if _, err := m.addressCodec.StringToBytes(msg.Authority); err != nil {
		return nil, errorsmod.Wrapf(types.ErrInvalidAuthority, "malformed authority %q: %v", msg.Authority, err)
	}
	if msg.Authority != m.authority {
		return nil, errorsmod.Wrapf(types.ErrInvalidAuthority, "expected %s, got %s", m.authority, msg.Authority)
	}
	if err := msg.Params.Validate(m.addressCodec); err != nil {
		return nil, err
	}
	if err := m.Params.Set(ctx, msg.Params); err != nil {
		return nil, err
	}
	return &types.MsgUpdateParamsResponse{}, nil
}
