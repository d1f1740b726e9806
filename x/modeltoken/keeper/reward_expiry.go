package keeper

import (
	"context"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/flockchain/flockd/x/modeltoken/types"
)

// State that grows with usage is removed once it can no longer matter:
//
//   - a claim removes each (epoch, model) entry it pays, with the user's
//     usage record and multiplier snapshot of that settled epoch;
//   - rewards not claimed within claim_window_epochs settled epochs
//     expire: a begin-block sweep removes the epoch's remaining per-user
//     records (at most MaxExpiryKeysPerBlock keys per block), then sends the
//     unpaid rest of its pools to the treasury and removes the epoch's
//     sealed pools, model sums, usage total, batches and snapshots.
//
// Nothing stays per expired epoch: the module store holds O(claim window)
// epochs of state, whatever the chain's age.

// MaxExpiryKeysPerBlock bounds the expiry sweep's deletes per block.
const MaxExpiryKeysPerBlock = 1000

// rewardsExpired reports whether epoch's rewards can no longer be claimed:
// at least claim_window_epochs epochs were settled after it.
func rewardsExpired(p types.Params, epoch, settled uint64) bool {
	return epoch+uint64(p.ClaimWindowEpochs) <= settled
}

// ExpireRewardsStep runs one bounded slice of the expiry sweep: the oldest
// epoch not yet expired, if its claim window has passed.
func (k Keeper) ExpireRewardsStep(ctx context.Context, budget int) error {
	p, err := k.Params.Get(ctx)
	if err != nil {
		return err
	}
	done, err := k.ExpiredEpochs.Peek(ctx)
	if err != nil {
		return err
	}
	next, err := k.nextSettle(ctx)
	if err != nil {
		return err
	}
	settled := next - 1 // epochs 1..settled are settled
	epoch := done + 1
	if epoch > settled || !rewardsExpired(p, epoch, settled) {
		return nil
	}
	left, err := k.sweepEpochRecords(ctx, epoch, budget)
	if err != nil || left == 0 {
		return err // budget spent: the epoch continues next block
	}
	return k.finishExpiry(ctx, epoch)
}

// sweepEpochRecords removes up to budget keys of epoch (usage records with
// their reward entries, multiplier snapshots, then batches and the
// per-model and per-attester records) and returns the budget left; a
// positive rest means the epoch has no such keys left.
func (k Keeper) sweepEpochRecords(ctx context.Context, epoch uint64, budget int) (int, error) {
	var recs []collections.Triple[uint64, string, sdk.AccAddress]
	err := k.UsageByUser.Walk(ctx, collections.NewPrefixedTripleRange[uint64, string, sdk.AccAddress](epoch),
		func(key collections.Triple[uint64, string, sdk.AccAddress], _ types.UsageRecord) (bool, error) {
			recs = append(recs, key)
			return len(recs) >= budget, nil
		})
	if err != nil {
		return 0, err
	}
	for _, key := range recs {
		if err := k.RewardIndex.Remove(ctx, collections.Join3(key.K3(), key.K1(), key.K2())); err != nil {
			return 0, err
		}
		if err := k.UsageByUser.Remove(ctx, key); err != nil {
			return 0, err
		}
	}
	budget -= len(recs)
	if budget <= 0 {
		return 0, nil
	}
	var snaps []collections.Pair[uint64, sdk.AccAddress]
	err = k.GmSnapshots.Walk(ctx, collections.NewPrefixedPairRange[uint64, sdk.AccAddress](epoch),
		func(key collections.Pair[uint64, sdk.AccAddress], _ math.LegacyDec) (bool, error) {
			snaps = append(snaps, key)
			return len(snaps) >= budget, nil
		})
	if err != nil {
		return 0, err
	}
	for _, key := range snaps {
		if err := k.GmSnapshots.Remove(ctx, key); err != nil {
			return 0, err
		}
	}
	budget -= len(snaps)
	// Then the epoch's batches (however many an attester opened), rows
	// still pending, per-model sums and attester counters: every key an
	// epoch leaves goes under the same per-block budget.
	pairs := collections.NewPrefixedPairRange[uint64, string](epoch)
	batches := collections.NewPrefixedTripleRange[uint64, string, string](epoch)
	triples := collections.NewPrefixedTripleRange[uint64, string, sdk.AccAddress](epoch)
	for _, clear := range []func(int) (int, error){
		func(b int) (int, error) { return clearUpTo(ctx, k.UsageBatches, batches, b) },
		func(b int) (int, error) { return clearUpTo(ctx, k.PendingRows, batches, b) },
		func(b int) (int, error) { return clearUpTo(ctx, k.ModelUsages, pairs, b) },
		func(b int) (int, error) { return clearUpTo(ctx, k.AttesterSpend, triples, b) },
		func(b int) (int, error) { return clearUpTo(ctx, k.PendingCounts, triples, b) },
	} {
		if budget <= 0 {
			return 0, nil
		}
		n, err := clear(budget)
		if err != nil {
			return 0, err
		}
		budget -= n
	}
	return budget, nil
}

// finishExpiry pays the unpaid rest of epoch's sealed pools to the
// treasury (unclaimed FLOCK and MT are the protocol's, spent only by
// governance) and removes the epoch's sealed pools and totals: O(models
// with usage in the epoch); everything else went under the sweep's budget.
func (k Keeper) finishExpiry(ctx context.Context, epoch uint64) error {
	p, err := k.Params.Get(ctx)
	if err != nil {
		return err
	}
	treasury, err := k.decodeAddr("treasury", p.Treasury)
	if err != nil {
		return err
	}
	var rewards []types.EpochModelReward
	if err := k.EpochRewards.Walk(ctx, collections.NewPrefixedPairRange[uint64, string](epoch),
		func(_ collections.Pair[uint64, string], r types.EpochModelReward) (bool, error) {
			rewards = append(rewards, r)
			return false, nil
		}); err != nil {
		return err
	}
	expired := sdk.NewCoins()
	for _, r := range rewards {
		expired = expired.Add(sdk.NewCoin(k.flockDenom, r.Emission.Add(r.ReservedFlock).Sub(r.PaidFlock))).
			Add(sdk.NewCoin(r.Denom, r.Mt.Sub(r.PaidMt)))
		if err := k.EpochRewards.Remove(ctx, collections.Join(r.Epoch, r.Denom)); err != nil {
			return err
		}
	}
	if !expired.IsZero() {
		if err := k.bank.SendCoinsFromModuleToAccount(ctx, types.RewardsAccount, treasury, expired); err != nil {
			return err
		}
	}
	// The epoch's start and summary go too (events keep the history): an
	// expired epoch is long sealed, so nothing reads them any more.
	if err := k.EpochUsage.Remove(ctx, epoch); err != nil {
		return err
	}
	if err := k.EpochSummaries.Remove(ctx, epoch); err != nil {
		return err
	}
	if err := k.EpochStarts.Remove(ctx, epoch); err != nil {
		return err
	}
	if _, err := k.ExpiredEpochs.Next(ctx); err != nil {
		return err
	}
	return emitRewardsExpired(ctx, epoch, expired)
}
