package keeper

import (
	"context"
	"errors"
	"fmt"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"

	"github.com/flockchain/flockd/x/modeltoken/formulas"
	"github.com/flockchain/flockd/x/modeltoken/types"
)

// checkEmissionInvariants: every settled epoch minted at most the schedule's
// E(e) (under the current params) and exactly what its models' sealed
// pools received, so no FLOCK was created outside the schedule. The
// per-epoch sums are only compared, never iterated for consensus.
func (k Keeper) checkEmissionInvariants(ctx context.Context) error {
	p, err := k.Params.Get(ctx)
	if err != nil {
		return err
	}
	pooled := map[uint64]math.Int{}
	if err := k.EpochRewards.Walk(ctx, nil, func(key collections.Pair[uint64, string], r types.EpochModelReward) (bool, error) {
		sum, ok := pooled[key.K1()]
		if !ok {
			sum = math.ZeroInt()
		}
		pooled[key.K1()] = sum.Add(r.Emission)
		return false, nil
	}); err != nil {
		return err
	}
	expired, err := k.ExpiredEpochs.Peek(ctx)
	if err != nil {
		return err
	}
	// An epoch settled over several blocks: the models sealed so far hold
	// exactly what its progress says was emitted.
	if prog, err := k.SettleProgress.Get(ctx); err == nil {
		sum, ok := pooled[prog.Epoch]
		if !ok {
			sum = math.ZeroInt()
		}
		if !sum.Equal(prog.Emitted) {
			return fmt.Errorf("epoch %d is being settled: %s emitted so far, its sealed pools hold %s", prog.Epoch, prog.Emitted, sum)
		}
		if prog.Emitted.GT(prog.Emission) {
			return fmt.Errorf("epoch %d is being settled: emitted %s of %s", prog.Epoch, prog.Emitted, prog.Emission)
		}
	} else if !errors.Is(err, collections.ErrNotFound) {
		return err
	}
	return k.EpochSummaries.Walk(ctx, nil, func(e uint64, s types.EpochSummary) (bool, error) {
		if limit := formulas.EmissionFor(p, e); s.Emitted.GT(limit) {
			return true, fmt.Errorf("epoch %d emitted %s, schedule allows %s", e, s.Emitted, limit)
		}
		if e <= expired {
			return false, nil // its pools expired: their rest went to the treasury
		}
		sum, ok := pooled[e]
		if !ok {
			sum = math.ZeroInt()
		}
		if !sum.Equal(s.Emitted) {
			return true, fmt.Errorf("epoch %d emitted %s but its model pools hold %s", e, s.Emitted, sum)
		}
		return false, nil
	})
}
