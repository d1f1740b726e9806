package keeper

import (
	"context"

	errorsmod "cosmossdk.io/errors"

	"github.com/flockchain/flockd/x/modeltoken/types"
)

// UpdateParams replaces the params; only the gov authority may call it.
func (m msgServer) UpdateParams(ctx context.Context, msg *types.MsgUpdateParams) (*types.MsgUpdateParamsResponse, error) {
	if err := m.checkAuthority(msg.Authority); err != nil {
		return nil, err
	}
	if err := msg.Params.Validate(m.addressCodec); err != nil {
		return nil, err
	}
	// A blocked treasury (a module account) would make every fee transfer fail.
	treasury, _ := m.addressCodec.StringToBytes(msg.Params.Treasury)
	if m.bank.BlockedAddr(treasury) {
		return nil, errorsmod.Wrapf(types.ErrInvalidParams, "treasury %s cannot receive funds", msg.Params.Treasury)
	}
	if err := m.Params.Set(ctx, msg.Params); err != nil {
		return nil, err
	}
	return &types.MsgUpdateParamsResponse{}, nil
}
