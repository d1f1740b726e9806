package launch

import (
	"context"

	"cosmossdk.io/collections"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/flockchain/flockd/x/modeltoken/internal/blockstep"
)

// MaxSettlementsPerBlock bounds the begin-block sweep's work: at most this
// many ended launches are graduated or failed per block; the rest wait for
// the next block (or anyone's MsgGraduate).
const MaxSettlementsPerBlock = 10

// SettleEndedLaunches graduates (outside demand >= minimum) or fails (below) up to
// limit launches whose window has ended. It only reads the deadline queue
// up to the block time, so its cost does not grow with open launches.
// Each settlement runs in a cache context: one that errors is logged and
// failed instead, so supporters can redeem, and the chain does not halt.
func (k Keeper) SettleEndedLaunches(ctx context.Context, limit int) error {
	sdkCtx := sdk.UnwrapSDKContext(ctx)
	now := sdkCtx.BlockTime()
	rng := new(collections.Range[collections.Pair[int64, uint64]]).
		EndInclusive(collections.Join(now.Unix(), ^uint64(0)))
	iter, err := k.LaunchDeadlines.Iterate(ctx, rng)
	if err != nil {
		return err
	}
	var due []uint64
	for ; iter.Valid() && len(due) < limit; iter.Next() {
		key, err := iter.Key()
		if err != nil {
			iter.Close()
			return err
		}
		due = append(due, key.K2())
	}
	iter.Close()

	for _, id := range due {
		l, err := k.Launches.Get(ctx, id)
		if err != nil {
			return err
		}
		if now.Before(l.EndTime) { // same second, a few nanoseconds early
			continue
		}
		err = blockstep.Run(sdkCtx, "launch settlement", func(c context.Context) error {
			if MeetsMinimum(l) {
				_, err := k.graduate(c, l)
				return err
			}
			return k.failLaunch(c, l, "below_minimum")
		})
		if err == nil {
			continue
		}
		k.logger(sdkCtx).Error("settling launch failed; failing it so supporters can redeem", "launch_id", id, "err", err)
		if ferr := blockstep.Run(sdkCtx, "launch settlement", func(c context.Context) error { return k.failLaunch(c, l, "settlement_error") }); ferr != nil {
			k.logger(sdkCtx).Error("failing launch failed", "launch_id", id, "err", ferr)
			return ferr
		}
	}
	return nil
}
