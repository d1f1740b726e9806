package keeper

import (
	"context"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/flockchain/flockd/x/modeltoken/types"
)

// Stake stakes MT of a live model token.
func (m msgServer) Stake(ctx context.Context, msg *types.MsgStake) (*types.MsgStakeResponse, error) {
	if err := m.Keeper.Stake(ctx, msg.Staker, msg.Amount); err != nil {
		return nil, err
	}
	return &types.MsgStakeResponse{}, nil
}

// Unstake starts unbonding MT.
func (m msgServer) Unstake(ctx context.Context, msg *types.MsgUnstake) (*types.MsgUnstakeResponse, error) {
	e, err := m.Keeper.Unstake(ctx, msg.Staker, msg.Amount)
	if err != nil {
		return nil, err
	}
	return &types.MsgUnstakeResponse{UnbondingId: e.Id, CompletionTime: e.CompletionTime}, nil
}

// SetDiscountTiers replaces (or, with no tiers, removes) a model's discount schedule.
func (m msgServer) SetDiscountTiers(ctx context.Context, msg *types.MsgSetDiscountTiers) (*types.MsgSetDiscountTiersResponse, error) {
	if err := m.checkAuthority(msg.Authority); err != nil {
		return nil, err
	}
	if err := m.liveModelToken(ctx, msg.Denom); err != nil {
		return nil, err
	}
	if err := types.ValidateDiscountTiers(msg.Tiers); err != nil {
		return nil, err
	}
	var err error
	if len(msg.Tiers) == 0 {
		err = m.Discounts.Remove(ctx, msg.Denom)
	} else {
		err = m.Discounts.Set(ctx, msg.Denom, types.DiscountSchedule{Denom: msg.Denom, Tiers: msg.Tiers})
	}
	if err != nil {
		return nil, err
	}
	sdk.UnwrapSDKContext(ctx).EventManager().EmitEvent(sdk.NewEvent(types.EventSetDiscounts,
		sdk.NewAttribute(types.AttrDenom, msg.Denom)))
	return &types.MsgSetDiscountTiersResponse{}, nil
}

// Lock locks FLOCK for gmFLOCK.
func (m msgServer) Lock(ctx context.Context, msg *types.MsgLock) (*types.MsgLockResponse, error) {
	l, err := m.Keeper.Lock(ctx, msg.Owner, msg.Amount, msg.DurationDays)
	if err != nil {
		return nil, err
	}
	return &types.MsgLockResponse{LockId: l.Id, Gmflock: l.Gmflock}, nil
}

// Unlock returns an expired lock's FLOCK minus the exit fee.
func (m msgServer) Unlock(ctx context.Context, msg *types.MsgUnlock) (*types.MsgUnlockResponse, error) {
	ret, fee, err := m.Keeper.Unlock(ctx, msg.Owner, msg.LockId)
	if err != nil {
		return nil, err
	}
	return &types.MsgUnlockResponse{Returned: ret, ExitFee: fee}, nil
}

// SubmitUsage posts or confirms a usage batch (see Keeper.SubmitUsage).
func (m msgServer) SubmitUsage(ctx context.Context, msg *types.MsgSubmitUsage) (*types.MsgSubmitUsageResponse, error) {
	return m.Keeper.SubmitUsage(ctx, msg)
}
