package keeper

import (
	"context"
	"errors"
	"slices"
	"time"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/flockchain/flockd/x/modeltoken/formulas"
	"github.com/flockchain/flockd/x/modeltoken/internal/storeread"
	"github.com/flockchain/flockd/x/modeltoken/types"
)

// Attesters put FLOCK at stake behind what they sign (module README, "Trust
// model of usage"). A listed attester is active, and counts toward quorum,
// only while it has bonded at least attester_min_bond and is not jailed. A
// bond leaves only after attester_unbonding, longer than an epoch plus its
// grace and dispute window, so it stays slashable for everything it backed.

// MaxAttesterUnbondingsPerBlock bounds the begin-block payout of matured
// attester unbondings.
const MaxAttesterUnbondingsPerBlock = 50

// getBond returns an attester's bond record, empty if it never bonded.
func (k Keeper) getBond(ctx context.Context, attester sdk.AccAddress) (types.AttesterBond, error) {
	return storeread.GetOr(ctx, k.AttesterBonds, attester, func() types.AttesterBond {
		return types.AttesterBond{Attester: attester.String(), Bonded: math.ZeroInt(), Slashed: math.ZeroInt()}
	})
}

// attesterActive reports whether attester may attest now: listed by
// governance, not jailed, bonded at least attester_min_bond.
func (k Keeper) attesterActive(ctx context.Context, p types.Params, attester string) (bool, error) {
	if !slices.Contains(p.Attesters, attester) {
		return false, nil
	}
	b, err := k.bondOf(ctx, attester)
	if err != nil {
		return false, err
	}
	return !b.Jailed && b.Bonded.GTE(p.AttesterMinBond), nil
}

// bondOf is getBond for an attester's bech32 address.
func (k Keeper) bondOf(ctx context.Context, attester string) (types.AttesterBond, error) {
	addr, err := k.addressCodec.StringToBytes(attester)
	if err != nil {
		return types.AttesterBond{}, err
	}
	return k.getBond(ctx, addr)
}

// activeCount is how many of attesters are active now: only they count
// toward a batch's quorum.
func (k Keeper) activeCount(ctx context.Context, p types.Params, attesters []string) (uint32, error) {
	var n uint32
	for _, a := range attesters {
		ok, err := k.attesterActive(ctx, p, a)
		if err != nil {
			return 0, err
		}
		if ok {
			n++
		}
	}
	return n, nil
}

// BondAttester adds amount uflock to a listed attester's bond.
func (k Keeper) BondAttester(ctx context.Context, attester sdk.AccAddress, amount math.Int) (bool, error) {
	p, err := k.Params.Get(ctx)
	if err != nil {
		return false, err
	}
	if !slices.Contains(p.Attesters, attester.String()) {
		return false, errorsmod.Wrapf(types.ErrNotAttester, "%s is not listed by governance", attester)
	}
	if err := k.requireSpendable(ctx, attester, sdk.NewCoin(k.flockDenom, amount)); err != nil {
		return false, err
	}
	b, err := k.getBond(ctx, attester)
	if err != nil {
		return false, err
	}
	if err := k.bank.SendCoinsFromAccountToModule(ctx, attester, types.AttesterBondsAccount, k.flock(amount)); err != nil {
		return false, err
	}
	b.Bonded = b.Bonded.Add(amount)
	if err := k.AttesterBonds.Set(ctx, attester, b); err != nil {
		return false, err
	}
	if err := emitAttesterBonded(ctx, attester, sdk.NewCoin(k.flockDenom, amount), b.Bonded); err != nil {
		return false, err
	}
	return !b.Jailed && b.Bonded.GTE(p.AttesterMinBond), nil
}

// UnbondAttester moves amount of the bond into an unbonding that pays out
// after attester_unbonding and stays slashable until then.
func (k Keeper) UnbondAttester(ctx context.Context, attester sdk.AccAddress, amount math.Int) (time.Time, error) {
	p, err := k.Params.Get(ctx)
	if err != nil {
		return time.Time{}, err
	}
	b, err := k.getBond(ctx, attester)
	if err != nil {
		return time.Time{}, err
	}
	if b.Bonded.LT(amount) {
		return time.Time{}, errorsmod.Wrapf(types.ErrInsufficientBond, "bonded %s, unbonding %s", b.Bonded, amount)
	}
	if uint32(len(b.Unbondings)) >= p.MaxUnbondingEntries {
		return time.Time{}, errorsmod.Wrapf(types.ErrTooManyUnbondings, "%d open attester unbondings", len(b.Unbondings))
	}
	now := sdk.UnwrapSDKContext(ctx).BlockTime()
	done := now.Add(p.AttesterUnbonding)
	b.Bonded = b.Bonded.Sub(amount)
	b.Unbondings = append(b.Unbondings, types.AttesterUnbonding{Amount: amount, Created: now, Completion: done})
	if err := k.AttesterBonds.Set(ctx, attester, b); err != nil {
		return time.Time{}, err
	}
	if err := k.AttesterUnbonding.Set(ctx, collections.Join(done.Unix(), attester)); err != nil {
		return time.Time{}, err
	}
	return done, emitAttesterUnbonding(ctx, attester, sdk.NewCoin(k.flockDenom, amount), done)
}

// PayMaturedAttesterUnbondings pays out, for at most limit attesters whose
// unbonding completed by the block time, every matured entry.
func (k Keeper) PayMaturedAttesterUnbondings(ctx context.Context, limit int) error {
	now := sdk.UnwrapSDKContext(ctx).BlockTime()
	rng := new(collections.Range[collections.Pair[int64, sdk.AccAddress]]).EndInclusive(collections.Join(now.Unix(), sdk.AccAddress(maxAddr)))
	var due []collections.Pair[int64, sdk.AccAddress]
	if err := k.AttesterUnbonding.Walk(ctx, rng, func(key collections.Pair[int64, sdk.AccAddress]) (bool, error) {
		due = append(due, key)
		return len(due) >= limit, nil
	}); err != nil {
		return err
	}
	for _, key := range due {
		if err := k.AttesterUnbonding.Remove(ctx, key); err != nil {
			return err
		}
		b, err := k.getBond(ctx, key.K2())
		if err != nil {
			return err
		}
		paid, kept := math.ZeroInt(), b.Unbondings[:0]
		for _, u := range b.Unbondings {
			if u.Completion.After(now) {
				kept = append(kept, u)
				continue
			}
			paid = paid.Add(u.Amount)
		}
		b.Unbondings = kept
		if err := k.AttesterBonds.Set(ctx, key.K2(), b); err != nil {
			return err
		}
		if paid.IsPositive() {
			if err := k.bank.SendCoinsFromModuleToAccount(ctx, types.AttesterBondsAccount, key.K2(), k.flock(paid)); err != nil {
				return err
			}
			if err := emitAttesterUnbondingPaid(ctx, key.K2(), sdk.NewCoin(k.flockDenom, paid)); err != nil {
				return err
			}
		}
	}
	return nil
}

// maxAddr is above every 20- or 32-byte address in key order.
var maxAddr = []byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff}

// slashAttester takes ⌈bps⌉ of the attester's bond and of each unbonding it
// started at or after `since` (the offence: unbonding afterwards does not
// escape it) to the treasury, jails it until governance reinstates it, and
// records the evidence.
func (k Keeper) slashAttester(ctx context.Context, p types.Params, attester string, bps uint32, since time.Time, ev types.AttestationEvidence) (math.Int, error) {
	addr, err := k.addressCodec.StringToBytes(attester)
	if err != nil {
		return math.Int{}, err
	}
	b, err := k.getBond(ctx, addr)
	if err != nil {
		return math.Int{}, err
	}
	cut := func(x math.Int) math.Int { return math.MinInt(x, formulas.CeilBps(x, bps)) }
	total := cut(b.Bonded)
	b.Bonded = b.Bonded.Sub(total)
	for i, u := range b.Unbondings {
		if u.Created.Before(since) {
			continue
		}
		c := cut(u.Amount)
		b.Unbondings[i].Amount = u.Amount.Sub(c)
		total = total.Add(c)
	}
	b.Slashed = b.Slashed.Add(total)
	b.Jailed = true
	if err := k.AttesterBonds.Set(ctx, addr, b); err != nil {
		return math.Int{}, err
	}
	if total.IsPositive() {
		treasury, err := k.decodeAddr("treasury", p.Treasury)
		if err != nil {
			return math.Int{}, err
		}
		if err := k.bank.SendCoinsFromModuleToAccount(ctx, types.AttesterBondsAccount, treasury, k.flock(total)); err != nil {
			return math.Int{}, err
		}
	}
	id, err := k.EvidenceSeq.Next(ctx)
	if err != nil {
		return math.Int{}, err
	}
	ev.Id, ev.Attester, ev.Slashed, ev.Time = id+1, attester, total, sdk.UnwrapSDKContext(ctx).BlockTime()
	if err := k.Evidence.Set(ctx, ev.Id, ev); err != nil {
		return math.Int{}, err
	}
	return total, emitAttesterSlashed(ctx, attester, ev, sdk.NewCoin(k.flockDenom, total))
}

// ReinstateAttester lifts a jail (governance only); the attester is active
// again once bonded at least attester_min_bond.
func (k Keeper) ReinstateAttester(ctx context.Context, attester sdk.AccAddress) error {
	b, err := k.AttesterBonds.Get(ctx, attester)
	if errors.Is(err, collections.ErrNotFound) || (err == nil && !b.Jailed) {
		return errorsmod.Wrapf(types.ErrAttesterInactive, "%s is not jailed", attester)
	}
	if err != nil {
		return err
	}
	b.Jailed = false
	if err := k.AttesterBonds.Set(ctx, attester, b); err != nil {
		return err
	}
	return emitAttesterReinstated(ctx, attester)
}
