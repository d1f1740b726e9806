package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/flockchain/flockd/x/modeltoken/internal/storeread"
	"github.com/flockchain/flockd/x/modeltoken/types"
)

func (k Keeper) getModelStake(ctx context.Context, denom string) (types.ModelStake, error) {
	return storeread.GetOr(ctx, k.ModelStakes, denom, func() types.ModelStake {
		return types.ModelStake{Denom: denom, TotalStaked: math.ZeroInt(), CountedTotal: math.ZeroInt(),
			Unbonding: math.ZeroInt(), PrevCountedTotal: math.ZeroInt()}
	})
}

// Stake moves MT of a live model token into the staking escrow and into the
// owner's position. Under the JIT rule (counted_stake.go) it counts from the
// next epoch.
func (k Keeper) Stake(ctx context.Context, staker sdk.AccAddress, amount sdk.Coin) error {
	if err := k.liveModelToken(ctx, amount.Denom); err != nil {
		return err
	}
	if err := k.requireSpendable(ctx, staker, amount); err != nil {
		return err
	}
	if err := k.checkPositionFloor(ctx, staker, amount.Denom, amount.Amount); err != nil {
		return err
	}
	if err := k.bank.SendCoinsFromAccountToModule(ctx, staker, types.StakingEscrowAccount, sdk.NewCoins(amount)); err != nil {
		return err
	}
	if err := k.addToPosition(ctx, staker, amount); err != nil {
		return err
	}
	return emitStaked(ctx, staker, amount)
}

// addToPosition adds MT already in the staking escrow to the owner's
// position and the model's totals (a stake, or a cancelled unbonding).
func (k Keeper) addToPosition(ctx context.Context, staker sdk.AccAddress, amount sdk.Coin) error {
	epoch, err := k.GetEpoch(ctx)
	if err != nil {
		return err
	}
	key := collections.Join(staker, amount.Denom)
	pos, err := storeread.GetOr(ctx, k.Positions, key, func() types.StakePosition {
		// A new position counts nothing in this epoch.
		return types.StakePosition{Owner: staker.String(), Denom: amount.Denom, Amount: math.ZeroInt(), Epoch: epoch.Number,
			AmountAtEpochStart: math.ZeroInt(), PrevCounted: math.ZeroInt()}
	})
	if err != nil {
		return err
	}
	ms, err := k.getModelStake(ctx, amount.Denom)
	if err != nil {
		return err
	}
	if pos.Amount.IsZero() {
		ms.Stakers++
	}
	if err := k.rollModelStakeKept(ctx, &ms, epoch.Number); err != nil {
		return err
	}
	moveStake(&pos, &ms, epoch.Number, amount.Amount)
	if err := k.Positions.Set(ctx, key, pos); err != nil {
		return err
	}
	if err := k.ModelStakes.Set(ctx, amount.Denom, ms); err != nil {
		return err
	}
	return k.onCountedStakeChange(ctx, epoch.Number, amount.Denom, staker, CountedStake(pos, epoch.Number))
}

// Unstake removes MT from a position into the unbonding queue; it stops
// counting at once.
func (k Keeper) Unstake(ctx context.Context, staker sdk.AccAddress, amount sdk.Coin) (types.UnbondingEntry, error) {
	if err := k.liveModelToken(ctx, amount.Denom); err != nil {
		return types.UnbondingEntry{}, err
	}
	key := collections.Join(staker, amount.Denom)
	pos, err := k.Positions.Get(ctx, key)
	if errors.Is(err, collections.ErrNotFound) {
		return types.UnbondingEntry{}, errorsmod.Wrapf(types.ErrNoPosition, "%s has no %s staked", staker, amount.Denom)
	} else if err != nil {
		return types.UnbondingEntry{}, err
	}
	if amount.Amount.GT(pos.Amount) {
		return types.UnbondingEntry{}, errorsmod.Wrapf(types.ErrInsufficientStake, "unstake %s, staked %s", amount.Amount, pos.Amount)
	}
	params, err := k.Params.Get(ctx)
	if err != nil {
		return types.UnbondingEntry{}, err
	}
	// Dust unstakes cannot fill the unbonding queue: each is at least
	// min_unstake (or the whole position), and an owner has at most
	// max_unbonding_entries open per model token.
	if amount.Amount.LT(params.MinUnstake) && !amount.Amount.Equal(pos.Amount) {
		return types.UnbondingEntry{}, errorsmod.Wrapf(types.ErrInvalidAmount, "unstake %s is below min_unstake %s (or the whole position %s)", amount.Amount, params.MinUnstake, pos.Amount)
	}
	if rest := pos.Amount.Sub(amount.Amount); rest.IsPositive() && rest.LT(params.MinUnstake) {
		return types.UnbondingEntry{}, errorsmod.Wrapf(types.ErrInvalidAmount, "unstake %s would leave %s staked, below min_unstake %s: unstake the whole position", amount.Amount, rest, params.MinUnstake)
	}
	open, err := k.openUnbondings(ctx, staker, amount.Denom)
	if err != nil {
		return types.UnbondingEntry{}, err
	}
	if uint32(len(open)) >= params.MaxUnbondingEntries {
		return types.UnbondingEntry{}, errorsmod.Wrapf(types.ErrTooManyUnbondings, "%s has %d open %s unbonding entries (max %d)", staker, len(open), amount.Denom, params.MaxUnbondingEntries)
	}
	epoch, err := k.GetEpoch(ctx)
	if err != nil {
		return types.UnbondingEntry{}, err
	}
	ms, err := k.getModelStake(ctx, amount.Denom)
	if err != nil {
		return types.UnbondingEntry{}, err
	}
	if err := k.rollModelStakeKept(ctx, &ms, epoch.Number); err != nil {
		return types.UnbondingEntry{}, err
	}
	moveStake(&pos, &ms, epoch.Number, amount.Amount.Neg())
	ms.Unbonding = ms.Unbonding.Add(amount.Amount)
	if pos.Amount.IsZero() {
		ms.Stakers--
	}

	if pos.Amount.IsZero() && pos.AmountAtEpochStart.IsZero() {
		// Nothing left that can count this epoch: drop the record (and its
		// index entry).
		if err := k.Positions.Remove(ctx, key); err != nil {
			return types.UnbondingEntry{}, err
		}
	} else if err := k.Positions.Set(ctx, key, pos); err != nil {
		return types.UnbondingEntry{}, err
	}
	if err := k.ModelStakes.Set(ctx, amount.Denom, ms); err != nil {
		return types.UnbondingEntry{}, err
	}
	if err := k.onCountedStakeChange(ctx, epoch.Number, amount.Denom, staker, CountedStake(pos, epoch.Number)); err != nil {
		return types.UnbondingEntry{}, err
	}
	entry, err := k.queueUnbonding(ctx, staker, amount, params)
	if err != nil {
		return types.UnbondingEntry{}, err
	}
	return entry, emitUnstaked(ctx, staker, amount, entry)
}

// moveStake adds delta (negative to remove) to a position and its model's
// totals in epoch (the model's record already rolled to epoch with
// rollModelStakeKept, so the epochs it leaves are checkpointed), keeping the model's counted total equal to the sum of
// its positions' counted stakes (JIT rule, counted_stake.go).
func moveStake(pos *types.StakePosition, ms *types.ModelStake, epoch uint64, delta math.Int) {
	rollPosition(pos, epoch)
	rollModelStake(ms, epoch)
	before := CountedStake(*pos, epoch)
	pos.Amount = pos.Amount.Add(delta)
	ms.CountedTotal = ms.CountedTotal.Add(CountedStake(*pos, epoch)).Sub(before)
	ms.TotalStaked = ms.TotalStaked.Add(delta)
}

// checkPositionFloor refuses adding delta to owner's position of denom if
// the position would stay below min_unstake. With Unstake's rules (each
// entry at least min_unstake or the whole position, and no remainder below
// it) every unbonding entry then carries at least min_unstake: dust
// positions cannot queue dust entries in front of other stakers.
func (k Keeper) checkPositionFloor(ctx context.Context, owner sdk.AccAddress, denom string, delta math.Int) error {
	p, err := k.Params.Get(ctx)
	if err != nil {
		return err
	}
	cur := math.ZeroInt()
	pos, err := k.Positions.Get(ctx, collections.Join(owner, denom))
	switch {
	case err == nil:
		cur = pos.Amount
	case !errors.Is(err, collections.ErrNotFound):
		return err
	}
	if after := cur.Add(delta); after.LT(p.MinUnstake) {
		return errorsmod.Wrapf(types.ErrInvalidAmount, "a position of %s %s is below min_unstake %s", after, denom, p.MinUnstake)
	}
	return nil
}
