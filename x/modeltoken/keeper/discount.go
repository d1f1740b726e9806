package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/flockchain/flockd/x/modeltoken/types"
)

// DiscountTiers returns the tiers that apply to denom: the model's own
// schedule if governance set one, else the default from params.
func (k Keeper) DiscountTiers(ctx context.Context, denom string) ([]types.DiscountTier, error) {
	sched, err := k.Discounts.Get(ctx, denom)
	if err == nil {
		return sched.Tiers, nil
	}
	if !errors.Is(err, collections.ErrNotFound) {
		return nil, err
	}
	p, err := k.Params.Get(ctx)
	if err != nil {
		return nil, err
	}
	return p.DiscountTiers, nil
}

// TierFor returns the 1-based index and discount of the highest tier whose
// threshold staked reaches (0, 0 if none). Tiers are validated ascending.
func TierFor(tiers []types.DiscountTier, staked math.Int) (uint32, uint32) {
	var tier, bps uint32
	for i, t := range tiers {
		if staked.GTE(t.MinStaked) {
			tier, bps = uint32(i+1), t.DiscountBps
		}
	}
	return tier, bps
}

// StakedAmount is owner's current stake in denom (0 without a position).
// Discounts use the current stake: unstaked MT must sit out the unbonding
// period, so borrowing stake for a cheaper price is not free.
func (k Keeper) StakedAmount(ctx context.Context, owner sdk.AccAddress, denom string) (math.Int, error) {
	pos, err := k.Positions.Get(ctx, collections.Join(owner, denom))
	if errors.Is(err, collections.ErrNotFound) {
		return math.ZeroInt(), nil
	}
	if err != nil {
		return math.Int{}, err
	}
	return pos.Amount, nil
}

// SetDiscountSchedule replaces denom's discount tiers, or removes its own
// schedule (back to the params default) when tiers is empty.
func (k Keeper) SetDiscountSchedule(ctx context.Context, denom string, tiers []types.DiscountTier) error {
	var err error
	if len(tiers) == 0 {
		err = k.Discounts.Remove(ctx, denom)
	} else {
		err = k.Discounts.Set(ctx, denom, types.DiscountSchedule{Denom: denom, Tiers: tiers})
	}
	if err != nil {
		return err
	}
	return emitDiscountTiersSet(ctx, denom, len(tiers))
}
