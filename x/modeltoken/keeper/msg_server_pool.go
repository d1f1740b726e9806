package keeper

import (
	"context"

	errorsmod "cosmossdk.io/errors"

	"github.com/flockchain/flockd/x/modeltoken/types"
)

// Swap trades exact-in through a model's pool (see market.Keeper.Swap).
func (m msgServer) Swap(ctx context.Context, msg *types.MsgSwap) (*types.MsgSwapResponse, error) {
	trader, err := m.decodeAddr("trader", msg.Trader)
	if err != nil {
		return nil, err
	}
	if err := positive("token_in", msg.TokenIn.Amount); err != nil {
		return nil, err
	}
	minOut, err := nonNegative("min_out", msg.MinOut)
	if err != nil {
		return nil, err
	}
	if msg.Deadline != nil && sdkBlockTime(ctx).After(*msg.Deadline) {
		return nil, errorsmod.Wrapf(types.ErrDeadlinePassed, "deadline %s", msg.Deadline)
	}
	res, err := m.Market.Swap(ctx, trader, msg.Denom, msg.TokenIn, minOut)
	if err != nil {
		return nil, err
	}
	return &types.MsgSwapResponse{Result: res}, nil
}
