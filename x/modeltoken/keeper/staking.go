package keeper

import (
	"context"
	"errors"
	"strconv"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/flockchain/flockd/x/modeltoken/types"
)

// CountedStakeAt is the position's counted stake for epoch e, for e the
// position's current epoch (JIT rule), any later epoch (the whole amount),
// or the epoch just before it (frozen when the position rolled).
func CountedStakeAt(p types.StakePosition, e uint64) math.Int {
	switch {
	case e >= p.Epoch:
		return CountedStake(p, e)
	case e+1 == p.Epoch && !p.PrevCounted.IsNil():
		return p.PrevCounted
	default: // older than the attestation grace allows; not used
		return p.Amount
	}
}

// ModelCountedAt is the model's counted stake total S for epoch e, with the
// same cases as CountedStakeAt.
func ModelCountedAt(ms types.ModelStake, e uint64) math.Int {
	switch {
	case e > ms.CountedEpoch:
		return ms.TotalStaked
	case e == ms.CountedEpoch:
		return ms.CountedTotal
	case e+1 == ms.CountedEpoch && !ms.PrevCountedTotal.IsNil():
		return ms.PrevCountedTotal
	default:
		return ms.TotalStaked
	}
}

// CountedStake applies the just-in-time rule: in the epoch of the position's
// last change, the stake that counts is min(stake at that epoch's start,
// stake now); in any later epoch it is the whole stake. Stake added in epoch
// e therefore counts from e+1, and stake removed stops counting at once.
func CountedStake(p types.StakePosition, epoch uint64) math.Int {
	if p.Epoch < epoch {
		return p.Amount
	}
	return math.MinInt(p.AmountAtEpochStart, p.Amount)
}

// rollPosition moves a position's epoch snapshot forward to epoch, freezing
// the counted stake of the epoch before it.
func rollPosition(p *types.StakePosition, epoch uint64) {
	if p.Epoch < epoch {
		if p.Epoch+1 == epoch {
			p.PrevCounted = CountedStake(*p, p.Epoch)
		} else {
			p.PrevCounted = p.Amount
		}
		p.AmountAtEpochStart = p.Amount
		p.Epoch = epoch
	}
}

// rollModelStake moves the model's counted total to epoch: at an epoch's
// start every position counts in full, so the counted total is the total
// staked. O(1): no position is visited.
func rollModelStake(ms *types.ModelStake, epoch uint64) {
	if ms.CountedEpoch < epoch {
		if ms.CountedEpoch+1 == epoch {
			ms.PrevCountedTotal = ms.CountedTotal
		} else {
			ms.PrevCountedTotal = ms.TotalStaked
		}
		ms.CountedTotal = ms.TotalStaked
		ms.CountedEpoch = epoch
	}
}

// liveModelToken fails unless denom is a live model token, with a typed
// error saying why.
func (k Keeper) liveModelToken(ctx context.Context, denom string) error {
	has, err := k.ModelTokens.Has(ctx, denom)
	if err != nil || has {
		return err
	}
	if denom == k.flockDenom {
		return errorsmod.Wrapf(types.ErrInvalidDenom, "%s is not a model token", denom)
	}
	if _, err := k.LaunchSymbols.Get(ctx, symbolOfDenom(denom)); err == nil {
		return errorsmod.Wrapf(types.ErrModelTokenNotLive, "%s is still raising", denom)
	}
	return errorsmod.Wrapf(types.ErrUnknownModelToken, "%q", denom)
}

func symbolOfDenom(denom string) string {
	if len(denom) <= len(types.DenomPrefix) {
		return ""
	}
	out := []byte(denom[len(types.DenomPrefix):])
	for i, c := range out {
		if c >= 'a' && c <= 'z' {
			out[i] = c - 'a' + 'A'
		}
	}
	return string(out)
}

func (k Keeper) getModelStake(ctx context.Context, denom string) (types.ModelStake, error) {
	ms, err := k.ModelStakes.Get(ctx, denom)
	if errors.Is(err, collections.ErrNotFound) {
		return types.ModelStake{Denom: denom, TotalStaked: math.ZeroInt(), CountedTotal: math.ZeroInt(), Unbonding: math.ZeroInt(), PrevCountedTotal: math.ZeroInt()}, nil
	}
	return ms, err
}

// validStakeCoin checks a staking amount and its denom.
func (k Keeper) validStakeCoin(ctx context.Context, c sdk.Coin) error {
	if c.Amount.IsNil() || !c.Amount.IsPositive() {
		return errorsmod.Wrap(types.ErrInvalidAmount, "amount must be positive")
	}
	if err := sdk.ValidateDenom(c.Denom); err != nil {
		return errorsmod.Wrapf(types.ErrInvalidDenom, "%q: %v", c.Denom, err)
	}
	return k.liveModelToken(ctx, c.Denom)
}

// Stake moves MT into the staking escrow and into the owner's position.
func (k Keeper) Stake(ctx context.Context, stakerStr string, amount sdk.Coin) error {
	staker, err := k.decodeAddr("staker", stakerStr)
	if err != nil {
		return err
	}
	if err := k.validStakeCoin(ctx, amount); err != nil {
		return err
	}
	if have := k.bank.SpendableCoins(ctx, staker).AmountOf(amount.Denom); have.LT(amount.Amount) {
		return errorsmod.Wrapf(types.ErrInsufficientFunds, "need %s, spendable %s%s", amount, have, amount.Denom)
	}
	epoch, err := k.GetEpoch(ctx)
	if err != nil {
		return err
	}
	key := collections.Join(staker, amount.Denom)
	pos, err := k.Positions.Get(ctx, key)
	switch {
	case errors.Is(err, collections.ErrNotFound):
		// A new position counts nothing in this epoch.
		pos = types.StakePosition{Owner: stakerStr, Denom: amount.Denom, Amount: math.ZeroInt(), Epoch: epoch.Number, AmountAtEpochStart: math.ZeroInt(), PrevCounted: math.ZeroInt()}
	case err != nil:
		return err
	}
	ms, err := k.getModelStake(ctx, amount.Denom)
	if err != nil {
		return err
	}
	rollPosition(&pos, epoch.Number)
	rollModelStake(&ms, epoch.Number)
	before := CountedStake(pos, epoch.Number)
	pos.Amount = pos.Amount.Add(amount.Amount)
	ms.CountedTotal = ms.CountedTotal.Add(CountedStake(pos, epoch.Number)).Sub(before)
	if pos.Amount.Equal(amount.Amount) { // the position was empty
		ms.Stakers++
	}
	ms.TotalStaked = ms.TotalStaked.Add(amount.Amount)

	if err := k.bank.SendCoinsFromAccountToModule(ctx, staker, types.StakingEscrowAccount, sdk.NewCoins(amount)); err != nil {
		return err
	}
	if err := k.Positions.Set(ctx, key, pos); err != nil {
		return err
	}
	if err := k.PositionsByDenom.Set(ctx, collections.Join(amount.Denom, staker)); err != nil {
		return err
	}
	if err := k.ModelStakes.Set(ctx, amount.Denom, ms); err != nil {
		return err
	}
	if err := k.restake(ctx, epoch.Number, amount.Denom, staker, CountedStake(pos, epoch.Number)); err != nil {
		return err
	}
	sdk.UnwrapSDKContext(ctx).EventManager().EmitEvent(sdk.NewEvent(types.EventStake,
		sdk.NewAttribute(types.AttrRecipient, stakerStr),
		sdk.NewAttribute(types.AttrAmount, amount.String())))
	return nil
}

// Unstake removes MT from a position into the unbonding queue.
func (k Keeper) Unstake(ctx context.Context, stakerStr string, amount sdk.Coin) (types.UnbondingEntry, error) {
	staker, err := k.decodeAddr("staker", stakerStr)
	if err != nil {
		return types.UnbondingEntry{}, err
	}
	if err := k.validStakeCoin(ctx, amount); err != nil {
		return types.UnbondingEntry{}, err
	}
	key := collections.Join(staker, amount.Denom)
	pos, err := k.Positions.Get(ctx, key)
	if err != nil {
		return types.UnbondingEntry{}, errorsmod.Wrapf(types.ErrNoPosition, "%s has no %s staked", stakerStr, amount.Denom)
	}
	if amount.Amount.GT(pos.Amount) {
		return types.UnbondingEntry{}, errorsmod.Wrapf(types.ErrInsufficientStake, "unstake %s, staked %s", amount.Amount, pos.Amount)
	}
	params, err := k.Params.Get(ctx)
	if err != nil {
		return types.UnbondingEntry{}, err
	}
	epoch, err := k.GetEpoch(ctx)
	if err != nil {
		return types.UnbondingEntry{}, err
	}
	ms, err := k.getModelStake(ctx, amount.Denom)
	if err != nil {
		return types.UnbondingEntry{}, err
	}
	rollPosition(&pos, epoch.Number)
	rollModelStake(&ms, epoch.Number)
	before := CountedStake(pos, epoch.Number)
	pos.Amount = pos.Amount.Sub(amount.Amount)
	ms.CountedTotal = ms.CountedTotal.Add(CountedStake(pos, epoch.Number)).Sub(before)
	ms.TotalStaked = ms.TotalStaked.Sub(amount.Amount)
	ms.Unbonding = ms.Unbonding.Add(amount.Amount)

	if pos.Amount.IsZero() {
		ms.Stakers--
	}
	if pos.Amount.IsZero() && pos.AmountAtEpochStart.IsZero() {
		// Nothing left that can count this epoch: drop the record.
		if err := k.Positions.Remove(ctx, key); err != nil {
			return types.UnbondingEntry{}, err
		}
		if err := k.PositionsByDenom.Remove(ctx, collections.Join(amount.Denom, staker)); err != nil {
			return types.UnbondingEntry{}, err
		}
	} else if err := k.Positions.Set(ctx, key, pos); err != nil {
		return types.UnbondingEntry{}, err
	}
	if err := k.ModelStakes.Set(ctx, amount.Denom, ms); err != nil {
		return types.UnbondingEntry{}, err
	}
	if err := k.restake(ctx, epoch.Number, amount.Denom, staker, CountedStake(pos, epoch.Number)); err != nil {
		return types.UnbondingEntry{}, err
	}

	id, err := k.UnbondingSeq.Next(ctx)
	if err != nil {
		return types.UnbondingEntry{}, err
	}
	id++ // ids start at 1
	entry := types.UnbondingEntry{
		Id: id, Owner: stakerStr, Denom: amount.Denom, Amount: amount.Amount,
		CompletionTime: sdk.UnwrapSDKContext(ctx).BlockTime().Add(params.UnbondingDuration),
	}
	if err := k.Unbondings.Set(ctx, id, entry); err != nil {
		return types.UnbondingEntry{}, err
	}
	if err := k.UnbondingQueue.Set(ctx, collections.Join(entry.CompletionTime.Unix(), id)); err != nil {
		return types.UnbondingEntry{}, err
	}
	if err := k.UnbondingsByOwner.Set(ctx, collections.Join(staker, id)); err != nil {
		return types.UnbondingEntry{}, err
	}
	sdk.UnwrapSDKContext(ctx).EventManager().EmitEvent(sdk.NewEvent(types.EventUnstake,
		sdk.NewAttribute(types.AttrRecipient, stakerStr),
		sdk.NewAttribute(types.AttrAmount, amount.String()),
		sdk.NewAttribute(types.AttrUnbondingID, strconv.FormatUint(id, 10)),
		sdk.NewAttribute(types.AttrCompletionTime, entry.CompletionTime.UTC().Format("2006-01-02T15:04:05Z"))))
	return entry, nil
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
	if err := k.UnbondingsByOwner.Remove(ctx, collections.Join(owner, entry.Id)); err != nil {
		return err
	}
	sdk.UnwrapSDKContext(ctx).EventManager().EmitEvent(sdk.NewEvent(types.EventUnbondingPaid,
		sdk.NewAttribute(types.AttrRecipient, entry.Owner),
		sdk.NewAttribute(types.AttrAmount, sdk.NewCoin(entry.Denom, entry.Amount).String())))
	return nil
}
