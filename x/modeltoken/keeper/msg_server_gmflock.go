package keeper

import (
	"context"

	"github.com/flockchain/flockd/x/modeltoken/types"
)

// Lock locks FLOCK for gmFLOCK (see Keeper.Lock).
func (m msgServer) Lock(ctx context.Context, msg *types.MsgLock) (*types.MsgLockResponse, error) {
	owner, err := m.decodeAddr("owner", msg.Owner)
	if err != nil {
		return nil, err
	}
	if err := m.flockCoin("amount", "locks take", msg.Amount); err != nil {
		return nil, err
	}
	l, err := m.Keeper.Lock(ctx, owner, msg.Amount, msg.DurationDays)
	if err != nil {
		return nil, err
	}
	return &types.MsgLockResponse{LockId: l.Id, Gmflock: l.Gmflock}, nil
}

// Unlock returns an expired lock's FLOCK minus the exit fee (see Keeper.Unlock).
func (m msgServer) Unlock(ctx context.Context, msg *types.MsgUnlock) (*types.MsgUnlockResponse, error) {
	owner, err := m.decodeAddr("owner", msg.Owner)
	if err != nil {
		return nil, err
	}
	ret, fee, err := m.Keeper.Unlock(ctx, owner, msg.LockId)
	if err != nil {
		return nil, err
	}
	return &types.MsgUnlockResponse{Returned: ret, ExitFee: fee}, nil
}

// ExtendLock relocks a gmFLOCK lock for longer (see Keeper.ExtendLock).
func (m msgServer) ExtendLock(ctx context.Context, msg *types.MsgExtendLock) (*types.MsgExtendLockResponse, error) {
	owner, err := m.decodeAddr("owner", msg.Owner)
	if err != nil {
		return nil, err
	}
	l, err := m.Keeper.ExtendLock(ctx, owner, msg.LockId, msg.DurationDays)
	if err != nil {
		return nil, err
	}
	return &types.MsgExtendLockResponse{Gmflock: l.Gmflock, EndTime: l.EndTime}, nil
}
