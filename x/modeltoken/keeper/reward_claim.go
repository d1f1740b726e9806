package keeper

import (
	"context"
	"errors"
	"math/big"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/flockchain/flockd/x/modeltoken/types"
)

// EntryReward is a user's reward from one sealed (epoch, model), computed
// from their own record and the model's sealed sums:
//
//	global:    emission · u·g·(α√S + (1−α)√s) / (α·A·√S + (1−α)·B)
//	incentive: pool · u·s·g / C
//
// (the spec's shares multiplied through by √S; with S = 0 nobody has stake
// share and the global share is u·g / A). The global payout is computed
// exactly from the sealed terms (globalPayout); the incentive share is
// truncated; payouts are floored and also capped by what is left unpaid of
// the pool.
func EntryReward(r types.EpochModelReward, rec types.UsageRecord) (flockOut, mtOut math.Int, err error) {
	flockOut, mtOut = math.ZeroInt(), math.ZeroInt()
	ug, ugSqrtS, usg, err := scoreTerms(rec, Floors{MinSpend: r.MinIncentiveSpend, MinStake: r.MinIncentiveStake})
	if err != nil {
		return flockOut, mtOut, err
	}
	if r.Emission.IsPositive() && r.SumUg.IsPositive() {
		flockOut = globalPayout(r, ug, ugSqrtS)
	}
	if r.SumUsg.IsPositive() && usg.IsPositive() {
		share := usg.QuoTruncate(r.SumUsg)
		flockOut = flockOut.Add(math.LegacyNewDecFromInt(r.ReservedFlock).MulTruncate(share).TruncateInt())
		mtOut = math.LegacyNewDecFromInt(r.Mt).MulTruncate(share).TruncateInt()
	}
	return flockOut, mtOut, nil
}

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
		f, m, err := EntryReward(r, rec)
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

// globalPayout is ⌊E·(α·ug·r + (1−α)·ugs) / (α·A·r + (1−α)·B)⌋ in exact
// integer arithmetic on the 18-decimal sealed terms, where r is √S rounded
// down or up to 18 decimals, whichever gives this user the smaller share:
// the share moves with r in the sign of ug·B − ugs·A, so r = ⌊√S⌋ when it
// is ≥ 0 and ⌈√S⌉ otherwise. No payout exceeds the floor of the exact
// share at any α (a truncated α·A·√S used to pay ⌊exact⌋+1 at α = 1e-18),
// and as A and B are exact sums of the users' terms the shares add up to at
// most E; a sole user gets all of E.
func globalPayout(r types.EpochModelReward, ug, ugSqrtS math.LegacyDec) math.Int {
	if !r.StakeTotal.IsPositive() {
		return math.LegacyNewDecFromInt(r.Emission).MulTruncate(ug).QuoTruncate(r.SumUg).TruncateInt()
	}
	one := math.LegacyOneDec().BigInt()
	alpha, oneMinus := r.Alpha.BigInt(), new(big.Int).Sub(one, r.Alpha.BigInt())
	a, b, sumA, sumB := ug.BigInt(), ugSqrtS.BigInt(), r.SumUg.BigInt(), r.SumUgSqrtS.BigInt()
	lo, hi := sqrtBracket(r.StakeTotal)
	root := lo.BigInt()
	if new(big.Int).Mul(a, sumB).Cmp(new(big.Int).Mul(b, sumA)) < 0 {
		root = hi.BigInt()
	}
	// α·x·r + (1−α)·y·10^18: both terms carry 10^54.
	terms := func(x, y *big.Int) *big.Int {
		t := new(big.Int).Mul(alpha, x)
		t.Mul(t, root)
		u := new(big.Int).Mul(oneMinus, y)
		u.Mul(u, one)
		return t.Add(t, u)
	}
	den := terms(sumA, sumB)
	if den.Sign() <= 0 {
		return math.ZeroInt()
	}
	num := terms(a, b)
	num.Mul(num, r.Emission.BigInt())
	return math.NewIntFromBigInt(num.Quo(num, den))
}
