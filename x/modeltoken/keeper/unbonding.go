package keeper

import (
	"context"

	"cosmossdk.io/collections"

	sdk "github.com/cosmos/cosmos-sdk/types"

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
		cacheCtx, write := sdkCtx.CacheContext()
		if err := k.payUnbonding(cacheCtx, key, entry); err != nil {
			k.Logger(sdkCtx).Error("paying unbonding entry failed", "id", entry.Id, "err", err)
			continue
		}
		write()
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
	sdk.UnwrapSDKContext(ctx).EventManager().EmitEvent(sdk.NewEvent(types.EventUnbondingPaid,
		sdk.NewAttribute(types.AttrRecipient, entry.Owner),
		sdk.NewAttribute(types.AttrAmount, sdk.NewCoin(entry.Denom, entry.Amount).String())))
	return nil
}
