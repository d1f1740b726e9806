package keeper

import (
	"context"

	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/flockchain/flockd/x/modeltoken/types"
)

// ClaimRewards pays settled rewards (see Keeper.ClaimRewards).
func (m msgServer) ClaimRewards(ctx context.Context, msg *types.MsgClaimRewards) (*types.MsgClaimRewardsResponse, error) {
	claimer, err := m.decodeAddr("claimer", msg.Claimer)
	if err != nil {
		return nil, err
	}
	if msg.Denom != "" {
		if err := sdk.ValidateDenom(msg.Denom); err != nil {
			return nil, errorsmod.Wrapf(types.ErrInvalidDenom, "%q: %v", msg.Denom, err)
		}
		// Only model tokens have rewards: an IBC voucher (ibc/...) or any other
		// denom is refused by name rather than with "nothing to claim".
		known, err := m.Keeper.ModelTokens.Has(ctx, msg.Denom)
		if err != nil {
			return nil, err
		}
		if !known {
			return nil, errorsmod.Wrapf(types.ErrUnknownModelToken, "%q", msg.Denom)
		}
	}
	paid, n, more, err := m.Keeper.ClaimRewards(ctx, claimer, msg.Denom)
	if err != nil {
		return nil, err
	}
	return &types.MsgClaimRewardsResponse{Paid: paid, Entries: n, More: more}, nil
}

// FundIncentive adds reserved FLOCK to a model's incentives (see
// Keeper.FundIncentive).
func (m msgServer) FundIncentive(ctx context.Context, msg *types.MsgFundIncentive) (*types.MsgFundIncentiveResponse, error) {
	funder, err := m.decodeAddr("funder", msg.Funder)
	if err != nil {
		return nil, err
	}
	if err := m.flockCoin("amount", "incentives are funded", msg.Amount); err != nil {
		return nil, err
	}
	if err := m.Keeper.FundIncentive(ctx, funder, msg.Denom, msg.Amount); err != nil {
		return nil, err
	}
	return &types.MsgFundIncentiveResponse{}, nil
}
