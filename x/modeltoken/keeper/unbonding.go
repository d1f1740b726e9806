package keeper

import (
	"context"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/flockchain/flockd/x/modeltoken/internal/blockstep"
	"github.com/flockchain/flockd/x/modeltoken/internal/storeread"
	"github.com/flockchain/flockd/x/modeltoken/types"
)

// queueUnbonding records an unbonding entry of amount for owner, completing
// unbonding_duration of block time from now.
func (k Keeper) queueUnbonding(ctx context.Context, owner sdk.AccAddress, amount sdk.Coin, params types.Params) (types.UnbondingEntry, error) {
	id, err := k.UnbondingSeq.Next(ctx)
	if err != nil {
		return types.UnbondingEntry{}, err
	}
	id++ // ids start at 1
	entry := types.UnbondingEntry{
		Id: id, Owner: owner.String(), Denom: amount.Denom, Amount: amount.Amount,
		CompletionTime: sdk.UnwrapSDKContext(ctx).BlockTime().Add(params.UnbondingDuration),
	}
	if err := k.Unbondings.Set(ctx, id, entry); err != nil {
		return types.UnbondingEntry{}, err
	}
	return entry, k.UnbondingQueue.Set(ctx, collections.Join(entry.CompletionTime.Unix(), id))
}

// MaxUnbondingsPerBlock bounds the begin-block payout of matured unbondings.
const MaxUnbondingsPerBlock = 100

// PayMaturedUnbondings pays up to limit unbonding entries whose completion
// time has passed, oldest first. Entries that cannot be paid are logged and
// left in the queue; the others are still paid.
func (k Keeper) PayMaturedUnbondings(ctx context.Context, limit int) error {
	sdkCtx := sdk.UnwrapSDKContext(ctx)
	now := sdkCtx.BlockTime()
	rng := new(collections.Range[collections.Pair[int64, uint64]]).EndInclusive(collections.Join(now.Unix(), ^uint64(0)))
	iter, err := k.UnbondingQueue.Iterate(ctx, rng)
	if err != nil {
		return err
	}
	var due []collections.Pair[int64, uint64]
	for ; iter.Valid() && len(due) < limit; iter.Next() {
		key, err := iter.Key()
		if err != nil {
			iter.Close()
			return err
		}
		due = append(due, key)
	}
	iter.Close()
	for _, key := range due {
		entry, err := k.Unbondings.Get(ctx, key.K2())
		if err != nil {
			return err
		}
		if now.Before(entry.CompletionTime) {
			continue
		}
		if err := blockstep.Run(sdkCtx, "unbonding payout", func(c context.Context) error { return k.payUnbonding(c, key, entry) }); err != nil {
			k.Logger(sdkCtx).Error("paying unbonding entry failed", "id", entry.Id, "err", err)
		}
	}
	return nil
}

func (k Keeper) payUnbonding(ctx context.Context, key collections.Pair[int64, uint64], entry types.UnbondingEntry) error {
	owner, err := k.decodeAddr("owner", entry.Owner)
	if err != nil {
		return err
	}
	ms, err := k.getModelStake(ctx, entry.Denom)
	if err != nil {
		return err
	}
	ms.Unbonding = ms.Unbonding.Sub(entry.Amount)
	if err := k.ModelStakes.Set(ctx, entry.Denom, ms); err != nil {
		return err
	}
	if err := k.bank.SendCoinsFromModuleToAccount(ctx, types.StakingEscrowAccount, owner, sdk.NewCoins(sdk.NewCoin(entry.Denom, entry.Amount))); err != nil {
		return err
	}
	if err := k.Unbondings.Remove(ctx, entry.Id); err != nil {
		return err
	}
	if err := k.UnbondingQueue.Remove(ctx, key); err != nil {
		return err
	}
	return emitUnbondingPaid(ctx, entry)
}

// openUnbondings lists owner's unbonding entries, of denom only unless
// denom is empty, oldest first. Its cost is bounded by the owner's own
// entries (at most max_unbonding_entries per model token).
func (k Keeper) openUnbondings(ctx context.Context, owner sdk.AccAddress, denom string) ([]types.UnbondingEntry, error) {
	iter, err := k.Unbondings.Indexes.ByOwner.MatchExact(ctx, owner)
	if err != nil {
		return nil, err
	}
	defer iter.Close()
	var out []types.UnbondingEntry
	for ; iter.Valid(); iter.Next() {
		id, err := iter.PrimaryKey()
		if err != nil {
			return nil, err
		}
		e, err := k.Unbondings.Get(ctx, id)
		if err != nil {
			return nil, err
		}
		if denom == "" || e.Denom == denom {
			out = append(out, e)
		}
	}
	return out, nil
}

// WithdrawUnbonded pays owner's matured unbonding entries (of denom, or of
// every model token when denom is empty) now: no sweep order, no queue of
// other people's entries, can delay an owner who takes their own.
func (k Keeper) WithdrawUnbonded(ctx context.Context, owner sdk.AccAddress, denom string) (sdk.Coins, uint32, error) {
	now := sdkBlockTime(ctx)
	entries, err := k.openUnbondings(ctx, owner, denom)
	if err != nil {
		return nil, 0, err
	}
	paid := sdk.NewCoins()
	var n uint32
	for _, e := range entries {
		if now.Before(e.CompletionTime) {
			continue
		}
		if err := k.payUnbonding(ctx, collections.Join(e.CompletionTime.Unix(), e.Id), e); err != nil {
			return nil, 0, err
		}
		paid = paid.Add(sdk.NewCoin(e.Denom, e.Amount))
		n++
	}
	if n == 0 {
		return nil, 0, errorsmod.Wrapf(types.ErrNothingToClaim, "%s has no matured unbonding entries", owner)
	}
	return paid, n, nil
}

// CancelUnbonding returns amount of owner's unbonding entry id, which has
// not matured, to their position; the rest of the entry keeps unbonding.
// The MT never left the staking escrow, so no coins move. Like a new stake,
// it counts from the next epoch (JIT rule).
func (k Keeper) CancelUnbonding(ctx context.Context, owner sdk.AccAddress, id uint64, amount sdk.Coin) error {
	entry, err := storeread.GetTyped(ctx, k.Unbondings, id, func() error { return errorsmod.Wrapf(types.ErrUnknownUnbonding, "id %d", id) })
	if err != nil {
		return err
	}
	if entry.Owner != owner.String() {
		return errorsmod.Wrapf(types.ErrNotUnbondingOwner, "entry %d belongs to %s", id, entry.Owner)
	}
	if entry.Denom != amount.Denom {
		return errorsmod.Wrapf(types.ErrInvalidDenom, "entry %d unbonds %s, not %s", id, entry.Denom, amount.Denom)
	}
	if !sdkBlockTime(ctx).Before(entry.CompletionTime) {
		return errorsmod.Wrapf(types.ErrUnbondingMatured, "entry %d matured at %s: withdraw it", id, entry.CompletionTime)
	}
	if amount.Amount.GT(entry.Amount) {
		return errorsmod.Wrapf(types.ErrInvalidAmount, "cancel %s of an entry of %s", amount.Amount, entry.Amount)
	}
	if err := k.checkPositionFloor(ctx, owner, entry.Denom, amount.Amount); err != nil {
		return err
	}
	ms, err := k.getModelStake(ctx, entry.Denom)
	if err != nil {
		return err
	}
	ms.Unbonding = ms.Unbonding.Sub(amount.Amount)
	if err := k.ModelStakes.Set(ctx, entry.Denom, ms); err != nil {
		return err
	}
	entry.Amount = entry.Amount.Sub(amount.Amount)
	if entry.Amount.IsZero() {
		if err := k.Unbondings.Remove(ctx, id); err != nil {
			return err
		}
		if err := k.UnbondingQueue.Remove(ctx, collections.Join(entry.CompletionTime.Unix(), id)); err != nil {
			return err
		}
	} else if err := k.Unbondings.Set(ctx, id, entry); err != nil {
		return err
	}
	if err := k.addToPosition(ctx, owner, amount); err != nil {
		return err
	}
	return emitUnbondingCancelled(ctx, owner, id, amount)
}
