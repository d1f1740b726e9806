package keeper

import (
	"context"

	"cosmossdk.io/collections"

	"github.com/flockchain/flockd/x/modeltoken/types"
)

// initOracles writes the pools' price oracles, their observations stored
// oldest first in slots 0..count−1. A model token without an oracle in
// genesis gets a fresh one starting at the genesis block.
func (k Keeper) initOracles(ctx context.Context, gs types.GenesisState) error {
	have := map[string]bool{}
	for _, o := range gs.PoolOracles {
		have[o.Denom] = true
		head := o
		head.Observations = nil
		head.Count = uint32(len(o.Observations))
		head.Newest = head.Count - 1
		for i, obs := range o.Observations {
			if err := k.PriceObservations.Set(ctx, collections.Join(o.Denom, uint32(i)), obs); err != nil {
				return err
			}
		}
		if err := k.PoolOracles.Set(ctx, o.Denom, head); err != nil {
			return err
		}
	}
	for _, t := range gs.ModelTokens { // genesis order: deterministic
		if !have[t.Denom] {
			if _, err := k.openOracle(ctx, t.Denom); err != nil {
				return err
			}
		}
	}
	return nil
}

// exportOracles reads every oracle with its ring, oldest observation first.
func (k Keeper) exportOracles(ctx context.Context, gs *types.GenesisState) error {
	return k.PoolOracles.Walk(ctx, nil, func(_ string, o types.PoolOracle) (bool, error) {
		out := o
		out.Observations = make([]types.PriceObservation, 0, o.Count)
		for i := uint32(0); i < o.Count; i++ {
			obs, err := k.observation(ctx, o, i)
			if err != nil {
				return true, err
			}
			out.Observations = append(out.Observations, obs)
		}
		out.Newest = o.Count - 1 // slots are renumbered oldest first on import
		gs.PoolOracles = append(gs.PoolOracles, out)
		return false, nil
	})
}
