package keeper

import (
	"context"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/flockchain/flockd/x/modeltoken/formulas"
	"github.com/flockchain/flockd/x/modeltoken/internal/storeread"
	"github.com/flockchain/flockd/x/modeltoken/types"
)

// Each model has two incentive budgets released linearly, epoch by epoch,
// into the stake-gated pools of reward settlement: its MT incentive
// allocation (from graduation) and reserved FLOCK (MsgFundIncentive).

func (k Keeper) getIncentives(ctx context.Context, denom string) (types.ModelIncentives, error) {
	return storeread.GetOr(ctx, k.Incentives, denom, func() types.ModelIncentives {
		return types.ModelIncentives{Denom: denom, ReservedFlock: math.ZeroInt(), FlockRate: math.ZeroInt(),
			MtRemaining: math.ZeroInt(), MtRate: math.ZeroInt()}
	})
}

// releaseIncentives takes one release step of both budgets into the sealed
// reward r (and moves the coins to the rewards account). Called only when
// the model has eligible users (C > 0); otherwise the step waits.
func (k Keeper) releaseIncentives(ctx context.Context, r *types.EpochModelReward) error {
	inc, err := k.getIncentives(ctx, r.Denom)
	if err != nil {
		return err
	}
	if r.ReservedFlock, err = k.stepFlockStreams(ctx, &inc); err != nil {
		return err
	}
	r.Mt = formulas.LinearRelease(inc.MtRemaining, inc.MtRate, inc.MtEpochsLeft)
	if inc.MtEpochsLeft > 0 {
		// A step is taken whether or not it released anything (a budget
		// smaller than its steps releases 0 until its last step, which
		// releases the rest): the schedule always ends.
		inc.MtEpochsLeft--
	}
	if r.ReservedFlock.IsPositive() {
		if err := k.bank.SendCoinsFromModuleToModule(ctx, types.IncentivesAccount, types.RewardsAccount, k.flock(r.ReservedFlock)); err != nil {
			return err
		}
	}
	if r.Mt.IsPositive() {
		inc.MtRemaining = inc.MtRemaining.Sub(r.Mt)
		tok, err := k.ModelTokens.Get(ctx, r.Denom)
		if err != nil {
			return err
		}
		tok.IncentivePool = tok.IncentivePool.Sub(r.Mt)
		if err := k.ModelTokens.Set(ctx, r.Denom, tok); err != nil {
			return err
		}
		if err := k.bank.SendCoinsFromModuleToModule(ctx, types.IncentivesAccount, types.RewardsAccount, sdk.NewCoins(sdk.NewCoin(r.Denom, r.Mt))); err != nil {
			return err
		}
	}
	return k.Incentives.Set(ctx, r.Denom, inc)
}

// stepFlockStreams advances the reserved-FLOCK streams by one release step:
// the rate changes by the delta stored for the step (which is removed), and
// the step releases that rate. O(1): one read and one delete.
func (k Keeper) stepFlockStreams(ctx context.Context, inc *types.ModelIncentives) (math.Int, error) {
	inc.FlockStep++
	key := collections.Join(inc.Denom, inc.FlockStep)
	delta, err := storeread.GetOr(ctx, k.IncentiveDeltas, key, math.ZeroInt)
	if err != nil {
		return math.Int{}, err
	}
	if !delta.IsZero() {
		inc.FlockRate = inc.FlockRate.Add(delta)
		if err := k.IncentiveDeltas.Remove(ctx, key); err != nil {
			return math.Int{}, err
		}
	}
	if inc.FlockEpochsLeft > 0 {
		inc.FlockEpochsLeft--
	}
	// The rate is a sum of scheduled streams, so it never exceeds the
	// reserve; the bound only guards a corrupted state from paying more.
	release := math.MinInt(math.MaxInt(inc.FlockRate, math.ZeroInt()), inc.ReservedFlock)
	inc.ReservedFlock = inc.ReservedFlock.Sub(release)
	return release, nil
}

// FundIncentive adds a stream of reserved FLOCK to a model's incentives:
// amount A is released over the next N = incentive_release_epochs steps,
// ⌊A/N⌋ per step and the remainder (< N uflock) with the first. What
// earlier fundings scheduled keeps its schedule: the new stream only adds
// rate deltas at its first step, its second (the remainder ends) and its
// step N+1 (the stream ends). Fundings in the same epoch share those keys,
// so a model has at most N+2 delta keys whatever the number of fundings,
// and min_incentive_fund keeps a funding from being dust.
func (k Keeper) FundIncentive(ctx context.Context, funder sdk.AccAddress, denom string, amount sdk.Coin) error {
	p, err := k.Params.Get(ctx)
	if err != nil {
		return err
	}
	if err := k.liveModelToken(ctx, denom); err != nil {
		return err
	}
	if amount.Amount.LT(p.MinIncentiveFund) {
		return errorsmod.Wrapf(types.ErrInvalidAmount, "funding %s is below min_incentive_fund %s%s", amount, p.MinIncentiveFund, k.flockDenom)
	}
	if err := k.requireSpendable(ctx, funder, amount); err != nil {
		return err
	}
	inc, err := k.getIncentives(ctx, denom)
	if err != nil {
		return err
	}
	if err := k.bank.SendCoinsFromAccountToModule(ctx, funder, types.IncentivesAccount, sdk.NewCoins(amount)); err != nil {
		return err
	}
	n := uint64(p.IncentiveReleaseEpochs)
	q := amount.Amount.QuoRaw(int64(n))
	r := amount.Amount.Sub(q.MulRaw(int64(n)))
	first := inc.FlockStep + 1
	for _, d := range []struct {
		step  uint64
		delta math.Int
	}{{first, q.Add(r)}, {first + 1, r.Neg()}, {first + n, q.Neg()}} {
		if err := k.addRateDelta(ctx, denom, d.step, d.delta); err != nil {
			return err
		}
	}
	inc.ReservedFlock = inc.ReservedFlock.Add(amount.Amount)
	inc.FlockEpochsLeft = max(inc.FlockEpochsLeft, p.IncentiveReleaseEpochs)
	if err := k.Incentives.Set(ctx, denom, inc); err != nil {
		return err
	}
	return emitIncentiveFunded(ctx, funder, denom, amount)
}

// addRateDelta adds delta to the rate change stored for (denom, step); a
// sum of zero removes the key.
func (k Keeper) addRateDelta(ctx context.Context, denom string, step uint64, delta math.Int) error {
	if delta.IsZero() {
		return nil
	}
	key := collections.Join(denom, step)
	cur, err := storeread.GetOr(ctx, k.IncentiveDeltas, key, math.ZeroInt)
	if err != nil {
		return err
	}
	if sum := cur.Add(delta); !sum.IsZero() {
		return k.IncentiveDeltas.Set(ctx, key, sum)
	}
	return k.IncentiveDeltas.Remove(ctx, key)
}

// initMTIncentives starts releasing a new model's MT incentive allocation.
func (k Keeper) initMTIncentives(ctx context.Context, denom string, amount math.Int) error {
	p, err := k.Params.Get(ctx)
	if err != nil {
		return err
	}
	inc, err := k.getIncentives(ctx, denom)
	if err != nil {
		return err
	}
	inc.MtRemaining = amount
	inc.MtEpochsLeft = p.IncentiveReleaseEpochs
	inc.MtRate = amount.QuoRaw(int64(p.IncentiveReleaseEpochs))
	return k.Incentives.Set(ctx, denom, inc)
}
