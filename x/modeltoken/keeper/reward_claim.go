package keeper

import (
	"context"
	"errors"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/flockchain/flockd/x/modeltoken/formulas"
	"github.com/flockchain/flockd/x/modeltoken/types"
)

// capToPool limits a payout to what is left of the pool.
func capToPool(want, pool, paid math.Int) math.Int {
	return math.MinInt(want, math.MaxInt(pool.Sub(paid), math.ZeroInt()))
}

// pendingEntry is one claimable (epoch, model) of a user.
type pendingEntry struct {
	key         collections.Triple[sdk.AccAddress, uint64, string]
	flock, mt   math.Int
	rewardsKey  collections.Pair[uint64, string]
	epochReward types.EpochModelReward
}

// pendingEntries walks user's unclaimed (epoch, model) entries of settled
// epochs, oldest first, at most limit of them (0 = no limit).
func (k Keeper) pendingEntries(ctx context.Context, p types.Params, user sdk.AccAddress, denom string, limit int) ([]pendingEntry, error) {
	settleNext, err := k.nextSettle(ctx)
	if err != nil {
		return nil, err
	}
	iter, err := k.RewardIndex.Iterate(ctx, collections.NewPrefixedTripleRange[sdk.AccAddress, uint64, string](user))
	if err != nil {
		return nil, err
	}
	defer iter.Close()
	var out []pendingEntry
	for ; iter.Valid(); iter.Next() {
		if limit > 0 && len(out) >= limit {
			break
		}
		key, err := iter.Key()
		if err != nil {
			return nil, err
		}
		if key.K2() >= settleNext {
			break // not settled yet; later epochs neither
		}
		if denom != "" && key.K3() != denom {
			continue
		}
		rkey := collections.Join(key.K2(), key.K3())
		if rewardsExpired(p, key.K2(), settleNext-1) {
			// Past its claim window: owed nothing; the entry may go (the
			// expiry sweep sends the pool's rest to the treasury).
			out = append(out, pendingEntry{key: key, flock: math.ZeroInt(), mt: math.ZeroInt(), rewardsKey: rkey})
			continue
		}
		r, err := k.EpochRewards.Get(ctx, rkey)
		if errors.Is(err, collections.ErrNotFound) {
			// A model skipped at settlement has no sealed pools: nothing is
			// owed for it, and the entry may go.
			out = append(out, pendingEntry{key: key, flock: math.ZeroInt(), mt: math.ZeroInt(), rewardsKey: rkey})
			continue
		}
		if err != nil {
			// Any other failure is not "nothing owed": the claim fails and
			// the entry stays, so a store error can never erase a reward.
			return nil, err
		}
		rec, err := k.UsageByUser.Get(ctx, collections.Join3(key.K2(), key.K3(), user))
		if err != nil {
			return nil, err
		}
		f, m, err := formulas.EntryReward(r, rec)
		if err != nil {
			return nil, err
		}
		out = append(out, pendingEntry{key: key, flock: capToPool(f, r.Emission.Add(r.ReservedFlock), r.PaidFlock),
			mt: capToPool(m, r.Mt, r.PaidMt), rewardsKey: rkey, epochReward: r})
	}
	return out, nil
}

// ClaimRewards pays a user's rewards of settled epochs: all FLOCK in one
// payment, each model's MT in its own denom. At most max_claim_entries
// (epoch, model) entries per call; more reports whether claimable entries
// remain (one entry past the cap is read to know, in the same walk), and a
// later call continues.
func (k Keeper) ClaimRewards(ctx context.Context, claimer sdk.AccAddress, denom string) (paid sdk.Coins, n uint32, more bool, err error) {
	p, err := k.Params.Get(ctx)
	if err != nil {
		return nil, 0, false, err
	}
	entries, err := k.pendingEntries(ctx, p, claimer, denom, int(p.MaxClaimEntries)+1)
	if err != nil {
		return nil, 0, false, err
	}
	if len(entries) == 0 {
		return nil, 0, false, errorsmod.Wrapf(types.ErrNoRewards, "%s has no settled rewards", claimer)
	}
	if more = len(entries) > int(p.MaxClaimEntries); more {
		entries = entries[:p.MaxClaimEntries]
	}
	paid = sdk.NewCoins()
	for _, e := range entries {
		if e.flock.IsPositive() || e.mt.IsPositive() {
			r := e.epochReward
			r.PaidFlock = r.PaidFlock.Add(e.flock)
			r.PaidMt = r.PaidMt.Add(e.mt)
			if err := k.EpochRewards.Set(ctx, e.rewardsKey, r); err != nil {
				return nil, 0, false, err
			}
			paid = paid.Add(sdk.NewCoin(k.flockDenom, e.flock)).Add(sdk.NewCoin(e.key.K3(), e.mt))
		}
		// The entry is settled and paid: its index key, the user's usage
		// record and their multiplier snapshot of that epoch are no longer
		// needed (bounded state).
		if err := k.RewardIndex.Remove(ctx, e.key); err != nil {
			return nil, 0, false, err
		}
		if err := k.UsageByUser.Remove(ctx, collections.Join3(e.key.K2(), e.key.K3(), claimer)); err != nil {
			return nil, 0, false, err
		}
		if err := k.GmSnapshots.Remove(ctx, collections.Join(e.key.K2(), claimer)); err != nil {
			return nil, 0, false, err
		}
	}
	if !paid.IsZero() {
		if err := k.bank.SendCoinsFromModuleToAccount(ctx, types.RewardsAccount, claimer, paid); err != nil {
			return nil, 0, false, err
		}
	}
	return paid, uint32(len(entries)), more, emitRewardsClaimed(ctx, claimer, paid, uint32(len(entries)))
}
