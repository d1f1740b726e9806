package market

import (
	"context"
	"errors"

	"cosmossdk.io/collections"

	"github.com/flockchain/flockd/x/modeltoken/types"
)

// InitGenesis writes the market's part of gs: revenue totals with their
// burn and buyback queues, then the pools' oracles.
func (k Keeper) InitGenesis(ctx context.Context, gs types.GenesisState) error {
	for _, r := range gs.Revenue {
		if err := k.Revenue.Set(ctx, r.Denom, r); err != nil {
			return err
		}
		if r.PendingBurn.IsPositive() {
			if err := k.PendingBurns.Set(ctx, r.Denom); err != nil {
				return err
			}
		}
		if r.PendingBuyback.IsPositive() {
			if err := k.PendingBuybacks.Set(ctx, r.Denom); err != nil {
				return err
			}
		}
	}
	return k.initOracles(ctx, gs)
}

// ExportGenesis adds the market's state to gs.
func (k Keeper) ExportGenesis(ctx context.Context, gs *types.GenesisState) error {
	if err := k.Revenue.Walk(ctx, nil, func(_ string, r types.RevenueTotals) (bool, error) {
		gs.Revenue = append(gs.Revenue, r)
		return false, nil
	}); err != nil {
		return err
	}
	return k.exportOracles(ctx, gs)
}

// initOracles writes the pools' price oracles, each observation to the ring
// slot it had when exported, and the buyback cursor. A model token without
// an oracle in genesis gets a fresh one starting at the genesis block.
func (k Keeper) initOracles(ctx context.Context, gs types.GenesisState) error {
	have := map[string]bool{}
	for _, o := range gs.PoolOracles {
		have[o.Denom] = true
		head := o
		head.Observations = nil
		for slot, obs := range o.Observations {
			if err := k.PriceObservations.Set(ctx, collections.Join(o.Denom, uint32(slot)), obs); err != nil {
				return err
			}
		}
		if err := k.PoolOracles.Set(ctx, o.Denom, head); err != nil {
			return err
		}
	}
	for _, t := range gs.ModelTokens { // genesis order: deterministic
		if !have[t.Denom] {
			if _, err := k.OpenOracle(ctx, t.Denom); err != nil {
				return err
			}
		}
	}
	if gs.BuybackCursor != "" {
		return k.BuybackCursor.Set(ctx, gs.BuybackCursor)
	}
	return nil
}

// exportOracles reads every oracle with its ring in slot order, and the
// buyback cursor.
func (k Keeper) exportOracles(ctx context.Context, gs *types.GenesisState) error {
	if err := k.PoolOracles.Walk(ctx, nil, func(_ string, o types.PoolOracle) (bool, error) {
		out := o
		out.Observations = make([]types.PriceObservation, 0, o.Count)
		for slot := uint32(0); slot < o.Count; slot++ {
			obs, err := k.PriceObservations.Get(ctx, collections.Join(o.Denom, slot))
			if err != nil {
				return true, err
			}
			out.Observations = append(out.Observations, obs)
		}
		gs.PoolOracles = append(gs.PoolOracles, out)
		return false, nil
	}); err != nil {
		return err
	}
	cursor, err := k.BuybackCursor.Get(ctx)
	if err != nil && !errors.Is(err, collections.ErrNotFound) {
		return err
	}
	gs.BuybackCursor = cursor
	return nil
}
