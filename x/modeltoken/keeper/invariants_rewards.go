package keeper

import (
	"context"
	"fmt"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/flockchain/flockd/x/modeltoken/formulas"
	"github.com/flockchain/flockd/x/modeltoken/types"
)

// checkRewardInvariants: the rewards account holds exactly the unpaid part
// of every sealed pool; no pool was paid beyond its size; the incentives
// account holds exactly the unreleased budgets; and every (epoch, model)'s
// running sums A, B, C equal the sums over its users' records. Walks all
// state: tests and operators only.
func (k Keeper) checkRewardInvariants(ctx context.Context) error {
	if err := k.checkIncentiveStreams(ctx); err != nil {
		return err
	}
	unpaid := sdk.NewCoins()
	if err := k.EpochRewards.Walk(ctx, nil, func(key collections.Pair[uint64, string], r types.EpochModelReward) (bool, error) {
		flockPool := r.Emission.Add(r.ReservedFlock)
		if r.PaidFlock.GT(flockPool) || r.PaidMt.GT(r.Mt) {
			return true, fmt.Errorf("epoch %d %s paid beyond its pools", key.K1(), key.K2())
		}
		unpaid = unpaid.Add(sdk.NewCoin(k.flockDenom, flockPool.Sub(r.PaidFlock))).Add(sdk.NewCoin(r.Denom, r.Mt.Sub(r.PaidMt)))
		return false, nil
	}); err != nil {
		return err
	}
	rewardsAddr := k.moduleAddr(types.RewardsAccount)
	for _, c := range unpaid {
		if got := k.bank.GetBalance(ctx, rewardsAddr, c.Denom).Amount; !got.Equal(c.Amount) {
			return fmt.Errorf("rewards account holds %s%s, unpaid pools say %s", got, c.Denom, c.Amount)
		}
	}
	if got := k.bank.GetBalance(ctx, rewardsAddr, k.flockDenom).Amount; !got.Equal(unpaid.AmountOf(k.flockDenom)) {
		return fmt.Errorf("rewards account holds %s%s, unpaid pools say %s", got, k.flockDenom, unpaid.AmountOf(k.flockDenom))
	}

	reserved := math.ZeroInt()
	if err := k.Incentives.Walk(ctx, nil, func(denom string, inc types.ModelIncentives) (bool, error) {
		reserved = reserved.Add(inc.ReservedFlock)
		tok, err := k.ModelTokens.Get(ctx, denom)
		if err == nil && !tok.IncentivePool.Equal(inc.MtRemaining) {
			return true, fmt.Errorf("%s: incentive pool %s, unreleased MT %s", denom, tok.IncentivePool, inc.MtRemaining)
		}
		return false, nil
	}); err != nil {
		return err
	}
	if got := k.bank.GetBalance(ctx, k.moduleAddr(types.IncentivesAccount), k.flockDenom).Amount; !got.Equal(reserved) {
		return fmt.Errorf("incentives account holds %s%s, reserved budgets say %s", got, k.flockDenom, reserved)
	}

	revenueAddr := k.moduleAddr(types.RevenueAccount)
	pendingBuyback := math.ZeroInt()
	if err := k.Market.Revenue.Walk(ctx, nil, func(denom string, r types.RevenueTotals) (bool, error) {
		if got := k.bank.GetBalance(ctx, revenueAddr, denom).Amount; !got.Equal(r.PendingBurn) {
			return true, fmt.Errorf("%s: revenue account holds %s, pending burn %s", denom, got, r.PendingBurn)
		}
		pendingBuyback = pendingBuyback.Add(r.PendingBuyback)
		if !r.BuybackSpent.Add(r.PendingBuyback).Add(r.BuybackDustBurned).Equal(r.MtBuybackFlock) {
			return true, fmt.Errorf("%s: buyback leg %s != spent %s + pending %s + dust %s", denom, r.MtBuybackFlock, r.BuybackSpent, r.PendingBuyback, r.BuybackDustBurned)
		}
		if queued, err := k.Market.PendingBuybacks.Has(ctx, denom); err != nil || queued != r.PendingBuyback.IsPositive() {
			return true, fmt.Errorf("%s: pending buyback %s but queued=%v (%v)", denom, r.PendingBuyback, queued, err)
		}
		legs := r.MtBuybackFlock.Add(r.FlockBurned).Add(r.Treasury).Add(r.Issuer)
		if !legs.Equal(r.Deposited) {
			return true, fmt.Errorf("%s: revenue legs sum to %s, deposited %s", denom, legs, r.Deposited)
		}
		if !r.MtBought.Equal(r.MtBurned.Add(r.PendingBurn)) {
			return true, fmt.Errorf("%s: bought %s != burned %s + pending %s", denom, r.MtBought, r.MtBurned, r.PendingBurn)
		}
		return false, nil
	}); err != nil {
		return err
	}
	if got := k.bank.GetBalance(ctx, revenueAddr, k.flockDenom).Amount; !got.Equal(pendingBuyback) {
		return fmt.Errorf("revenue account holds %s%s, pending buybacks say %s", got, k.flockDenom, pendingBuyback)
	}

	// Sums of settled epochs are frozen in their sealed pools, and their
	// records go as they are claimed or expire: only open epochs' sums must
	// equal their records'.
	open, err := k.nextSettle(ctx)
	if err != nil {
		return err
	}
	type sums struct {
		a, b, c math.LegacyDec
		floors  formulas.Floors
	}
	want := map[string]*sums{} // keyed "epoch/denom": collections.Pair holds pointers
	if err := k.UsageByUser.Walk(ctx, new(collections.Range[collections.Triple[uint64, string, sdk.AccAddress]]).StartInclusive(collections.Join3(open, "", sdk.AccAddress{})),
		func(key collections.Triple[uint64, string, sdk.AccAddress], rec types.UsageRecord) (bool, error) {
			mk := fmt.Sprintf("%d/%s", key.K1(), key.K2())
			if want[mk] == nil {
				mu, err := k.ModelUsages.Get(ctx, collections.Join(key.K1(), key.K2()))
				if err != nil {
					return true, fmt.Errorf("usage record of epoch %d %s without model usage: %w", key.K1(), key.K2(), err)
				}
				want[mk] = &sums{math.LegacyZeroDec(), math.LegacyZeroDec(), math.LegacyZeroDec(), floorsOf(mu)}
			}
			ug, ugs, usg, err := formulas.ScoreTerms(rec, want[mk].floors)
			if err != nil {
				return true, err
			}
			s := want[mk]
			s.a, s.b, s.c = s.a.Add(ug), s.b.Add(ugs), s.c.Add(usg)
			return false, nil
		}); err != nil {
		return err
	}
	return k.ModelUsages.Walk(ctx, new(collections.Range[collections.Pair[uint64, string]]).StartInclusive(collections.Join(open, "")),
		func(key collections.Pair[uint64, string], mu types.ModelUsage) (bool, error) {
			s := want[fmt.Sprintf("%d/%s", key.K1(), key.K2())]
			if s == nil {
				s = &sums{a: math.LegacyZeroDec(), b: math.LegacyZeroDec(), c: math.LegacyZeroDec()}
			}
			if !mu.SumUg.Equal(s.a) || !mu.SumUgSqrtS.Equal(s.b) || !mu.SumUsg.Equal(s.c) {
				return true, fmt.Errorf("epoch %d %s: sums A,B,C = %s,%s,%s; records give %s,%s,%s",
					key.K1(), key.K2(), mu.SumUg, mu.SumUgSqrtS, mu.SumUsg, s.a, s.b, s.c)
			}
			return false, nil
		})
}

// checkIncentiveStreams: every model's reserved-FLOCK schedule releases
// exactly its reserve and then stops. Replaying the rate deltas after the
// current step, the releases add up to reserved_flock, the rate ends at 0
// and never goes negative, and no delta is left at a step already taken.
func (k Keeper) checkIncentiveStreams(ctx context.Context) error {
	return k.Incentives.Walk(ctx, nil, func(denom string, inc types.ModelIncentives) (bool, error) {
		rate, step, future := inc.FlockRate, inc.FlockStep, math.ZeroInt()
		err := k.IncentiveDeltas.Walk(ctx, collections.NewPrefixedPairRange[string, uint64](denom),
			func(key collections.Pair[string, uint64], d math.Int) (bool, error) {
				if key.K2() <= step {
					return true, fmt.Errorf("%s: rate delta at step %d, already past (step %d)", denom, key.K2(), step)
				}
				future = future.Add(rate.MulRaw(int64(key.K2() - step - 1)))
				rate = rate.Add(d)
				if rate.IsNegative() {
					return true, fmt.Errorf("%s: release rate %s below 0 at step %d", denom, rate, key.K2())
				}
				future = future.Add(rate)
				step = key.K2()
				return false, nil
			})
		if err != nil {
			return true, err
		}
		if !rate.IsZero() {
			return true, fmt.Errorf("%s: release rate %s never returns to 0", denom, rate)
		}
		if !future.Equal(inc.ReservedFlock) {
			return true, fmt.Errorf("%s: scheduled releases add up to %s, reserve is %s", denom, future, inc.ReservedFlock)
		}
		return false, nil
	})
}
