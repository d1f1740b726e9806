package keeper

import (
	"context"
	"errors"
	"time"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/flockchain/flockd/x/modeltoken/formulas"
	"github.com/flockchain/flockd/x/modeltoken/internal/storeread"
	"github.com/flockchain/flockd/x/modeltoken/types"
)

func (k Keeper) getGmTotals(ctx context.Context) (types.GmTotals, error) {
	t, err := k.GmTotals.Get(ctx)
	if errors.Is(err, collections.ErrNotFound) {
		return types.GmTotals{Locked: math.ZeroInt(), Gmflock: math.ZeroInt()}, nil
	}
	return t, err
}

// LocksOf returns owner's locks (at most max_locks_per_account).
func (k Keeper) LocksOf(ctx context.Context, owner sdk.AccAddress) ([]types.GmLock, error) {
	n, err := k.lockCount(ctx, owner)
	if err != nil || n == 0 {
		return nil, err
	}
	iter, err := k.GmLocks.Indexes.ByOwner.MatchExact(ctx, owner)
	if err != nil {
		return nil, err
	}
	defer iter.Close()
	var locks []types.GmLock
	for ; iter.Valid(); iter.Next() {
		id, err := iter.PrimaryKey()
		if err != nil {
			return nil, err
		}
		l, err := k.GmLocks.Get(ctx, id)
		if err != nil {
			return nil, err
		}
		locks = append(locks, l)
	}
	return locks, nil
}

func (k Keeper) lockCount(ctx context.Context, owner sdk.AccAddress) (uint64, error) {
	return storeread.GetOr(ctx, k.LockCounts, owner, func() uint64 { return 0 })
}

// addLockCount changes owner's lock count by delta (+1 or -1).
func (k Keeper) addLockCount(ctx context.Context, owner sdk.AccAddress, delta int) error {
	n, err := k.lockCount(ctx, owner)
	if err != nil {
		return err
	}
	if delta < 0 {
		n--
	} else {
		n++
	}
	if n == 0 {
		return k.LockCounts.Remove(ctx, owner)
	}
	return k.LockCounts.Set(ctx, owner, n)
}

// Lock locks FLOCK for days and credits gmFLOCK.
func (k Keeper) Lock(ctx context.Context, owner sdk.AccAddress, amount sdk.Coin, days uint32) (types.GmLock, error) {
	p, err := k.Params.Get(ctx)
	if err != nil {
		return types.GmLock{}, err
	}
	if days == 0 || days > p.GmT1Days {
		return types.GmLock{}, errorsmod.Wrapf(types.ErrInvalidLockTime, "%d days outside (0, %d]", days, p.GmT1Days)
	}
	locks, err := k.LocksOf(ctx, owner)
	if err != nil {
		return types.GmLock{}, err
	}
	if uint32(len(locks)) >= p.MaxLocksPerAccount {
		return types.GmLock{}, errorsmod.Wrapf(types.ErrTooManyLocks, "%s has %d locks", owner, len(locks))
	}
	if err := k.requireSpendable(ctx, owner, amount); err != nil {
		return types.GmLock{}, err
	}
	totals, err := k.getGmTotals(ctx)
	if err != nil {
		return types.GmLock{}, err
	}
	id, err := k.GmLockSeq.Next(ctx)
	if err != nil {
		return types.GmLock{}, err
	}
	id++ // ids start at 1
	now := sdk.UnwrapSDKContext(ctx).BlockTime()
	lock := types.GmLock{
		Id: id, Owner: owner.String(), Amount: amount.Amount, Gmflock: formulas.GmFlockFor(p, amount.Amount, days),
		DurationDays: days, StartTime: now, EndTime: now.Add(time.Duration(days) * 24 * time.Hour),
	}
	if err := k.bank.SendCoinsFromAccountToModule(ctx, owner, types.GmLockAccount, sdk.NewCoins(amount)); err != nil {
		return types.GmLock{}, err
	}
	totals.Locked = totals.Locked.Add(lock.Amount)
	totals.Gmflock = totals.Gmflock.Add(lock.Gmflock)
	if err := k.GmTotals.Set(ctx, totals); err != nil {
		return types.GmLock{}, err
	}
	if err := k.GmLocks.Set(ctx, id, lock); err != nil {
		return types.GmLock{}, err
	}
	if err := k.addLockCount(ctx, owner, +1); err != nil {
		return types.GmLock{}, err
	}
	return lock, emitLocked(ctx, id, lock, amount)
}

// Unlock returns an expired lock's FLOCK minus the exit fee (rounded up,
// to the treasury) and removes its gmFLOCK.
// ExtendLock relocks owner's lock id for days from now, a later end than
// its current one (at most gm_t1_days): its gmFLOCK is recomputed for the
// new duration, the FLOCK never leaves escrow and no exit fee is paid. An
// expired lock may be extended too (relocked instead of unlocked).
func (k Keeper) ExtendLock(ctx context.Context, owner sdk.AccAddress, id uint64, days uint32) (types.GmLock, error) {
	lock, err := storeread.GetTyped(ctx, k.GmLocks, id, func() error { return errorsmod.Wrapf(types.ErrUnknownLock, "id %d", id) })
	if err != nil {
		return lock, err
	}
	if lock.Owner != owner.String() {
		return lock, errorsmod.Wrapf(types.ErrNotLockOwner, "lock %d belongs to %s", id, lock.Owner)
	}
	p, err := k.Params.Get(ctx)
	if err != nil {
		return lock, err
	}
	now := sdk.UnwrapSDKContext(ctx).BlockTime()
	end := now.Add(time.Duration(days) * 24 * time.Hour)
	if days == 0 || days > p.GmT1Days || !end.After(lock.EndTime) {
		return lock, errorsmod.Wrapf(types.ErrInvalidLockTime, "%d days from now ends %s: must be in (0, %d] days and after the current end %s",
			days, end, p.GmT1Days, lock.EndTime)
	}
	// The relock restarts the lock (a new start time), so the lock as it
	// stood at the start of each epoch still open would vanish from that
	// epoch's multiplier: freeze them first, as Unlock does, so the order
	// of extend and usage cannot change a reward.
	if err := k.freezeOpenMultipliers(ctx, p, owner); err != nil {
		return lock, err
	}
	totals, err := k.getGmTotals(ctx)
	if err != nil {
		return lock, err
	}
	gm := formulas.GmFlockFor(p, lock.Amount, days)
	totals.Gmflock = totals.Gmflock.Sub(lock.Gmflock).Add(gm)
	lock.Gmflock, lock.DurationDays, lock.StartTime, lock.EndTime = gm, days, now, end
	if err := k.GmTotals.Set(ctx, totals); err != nil {
		return lock, err
	}
	if err := k.GmLocks.Set(ctx, id, lock); err != nil {
		return lock, err
	}
	return lock, emitLockExtended(ctx, id, lock.Owner, gm, end)
}

func (k Keeper) Unlock(ctx context.Context, owner sdk.AccAddress, id uint64) (returned, fee sdk.Coin, err error) {
	lock, err := storeread.GetTyped(ctx, k.GmLocks, id, func() error { return errorsmod.Wrapf(types.ErrUnknownLock, "id %d", id) })
	if err != nil {
		return returned, fee, err
	}
	if lock.Owner != owner.String() {
		return returned, fee, errorsmod.Wrapf(types.ErrNotLockOwner, "lock %d belongs to %s", id, lock.Owner)
	}
	if sdk.UnwrapSDKContext(ctx).BlockTime().Before(lock.EndTime) {
		return returned, fee, errorsmod.Wrapf(types.ErrLockNotExpired, "lock %d ends at %s", id, lock.EndTime)
	}
	p, err := k.Params.Get(ctx)
	if err != nil {
		return returned, fee, err
	}
	treasury, err := k.decodeAddr("treasury", p.Treasury)
	if err != nil {
		return returned, fee, err
	}
	totals, err := k.getGmTotals(ctx)
	if err != nil {
		return returned, fee, err
	}
	// A user's multiplier for an epoch depends only on the locks at that
	// epoch's start. Usage rows for the current epoch (and, during the
	// grace, the previous one) may still arrive after this unlock, so the
	// multiplier of each epoch still open is frozen now, while the lock
	// still exists: the order of unlock and usage cannot change it.
	if err := k.freezeOpenMultipliers(ctx, p, owner); err != nil {
		return returned, fee, err
	}
	feeAmt := formulas.CeilBps(lock.Amount, p.GmExitFeeBps)
	fee = sdk.NewCoin(k.flockDenom, feeAmt)
	returned = sdk.NewCoin(k.flockDenom, lock.Amount.Sub(feeAmt))

	totals.Locked = totals.Locked.Sub(lock.Amount)
	totals.Gmflock = totals.Gmflock.Sub(lock.Gmflock)
	if err := k.GmTotals.Set(ctx, totals); err != nil {
		return returned, fee, err
	}
	if err := k.GmLocks.Remove(ctx, id); err != nil {
		return returned, fee, err
	}
	if err := k.addLockCount(ctx, owner, -1); err != nil {
		return returned, fee, err
	}
	if returned.IsPositive() {
		if err := k.bank.SendCoinsFromModuleToAccount(ctx, types.GmLockAccount, owner, sdk.NewCoins(returned)); err != nil {
			return returned, fee, err
		}
	}
	if fee.IsPositive() {
		if err := k.bank.SendCoinsFromModuleToAccount(ctx, types.GmLockAccount, treasury, sdk.NewCoins(fee)); err != nil {
			return returned, fee, err
		}
	}
	return returned, fee, emitUnlocked(ctx, id, lock.Owner, returned, fee)
}

// Multiplier returns owner's effective gmFLOCK at the current epoch's start
// and the reward multiplier it gives. Cost: the owner's locks (bounded by
// max_locks_per_account), independent of how many holders exist.
func (k Keeper) Multiplier(ctx context.Context, owner sdk.AccAddress) (math.Int, math.LegacyDec, error) {
	p, err := k.Params.Get(ctx)
	if err != nil {
		return math.Int{}, math.LegacyDec{}, err
	}
	epoch, err := k.GetEpoch(ctx)
	if err != nil {
		return math.Int{}, math.LegacyDec{}, err
	}
	locks, err := k.LocksOf(ctx, owner)
	if err != nil {
		return math.Int{}, math.LegacyDec{}, err
	}
	x := math.ZeroInt()
	for _, l := range locks {
		x = x.Add(formulas.EffectiveGm(l, epoch.StartTime))
	}
	return x, formulas.GmMultiplier(p, x), nil
}

// freezeOpenMultipliers stores owner's multiplier snapshot for every epoch
// whose usage is not sealed yet (the current one, and the previous one
// during its attestation grace), unless one is stored already.
func (k Keeper) freezeOpenMultipliers(ctx context.Context, p types.Params, owner sdk.AccAddress) error {
	cur, err := k.GetEpoch(ctx)
	if err != nil {
		return err
	}
	epochs := []uint64{cur.Number}
	if cur.Number > 1 {
		sealed, err := k.UsageSealed(ctx, p, cur.Number-1)
		if err != nil {
			return err
		}
		if !sealed {
			epochs = append(epochs, cur.Number-1)
		}
	}
	for _, e := range epochs {
		if has, err := k.EpochStarts.Has(ctx, e); err != nil || !has {
			return err // before the first block no epoch has started: nothing to freeze
		}
		if _, err := k.gmSnapshot(ctx, p, e, owner); err != nil {
			return err
		}
	}
	return nil
}
