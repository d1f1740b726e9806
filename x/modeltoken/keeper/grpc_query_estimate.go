package keeper

import (
	"context"
	"errors"
	"time"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"

	"github.com/flockchain/flockd/x/modeltoken/formulas"
	"github.com/flockchain/flockd/x/modeltoken/internal/storeread"
	"github.com/flockchain/flockd/x/modeltoken/types"
)

// secondsPerYear annualises per-epoch rewards (365 days).
const secondsPerYear = 365 * 24 * 3600

// EstimateRewards answers "what would I earn": the current epoch settled
// now, with the usage and stake posted so far and one participant changed.
// The participant is the owner account if one is given (its usage so far
// this epoch, counted stake and gmFLOCK multiplier; spend adds to its usage,
// and stake or gm_flock, if given, replace its own), or otherwise a newcomer
// with exactly spend, stake and gm_flock. It builds the sealed record
// settlement would write (model emission share, the sums with the
// participant's terms replaced, the next incentive release) and prices the
// participant with EntryReward, the function claims use, so the estimate for
// a chain where nobody else acts is the reward to the base unit. Reads a
// fixed number of records: no user is visited.
func (q queryServer) EstimateRewards(ctx context.Context, req *types.QueryEstimateRewardsRequest) (*types.QueryEstimateRewardsResponse, error) {
	if req == nil {
		return nil, status.Error(codes.InvalidArgument, "empty request")
	}
	tok, err := q.Keeper.ModelTokens.Get(ctx, req.Denom)
	if err != nil {
		return nil, storeread.NotFoundOr(err, "model token")
	}
	p, err := q.Keeper.Params.Get(ctx)
	if err != nil {
		return nil, status.Error(codes.Internal, err.Error())
	}
	epoch, err := q.GetEpoch(ctx)
	if err != nil {
		return nil, status.Error(codes.Internal, err.Error())
	}
	e := epoch.Number
	who, err := q.participant(ctx, p, e, req)
	if err != nil {
		return nil, err
	}

	st, err := q.loadEpochState(ctx, p, e, req.Denom)
	if err != nil {
		return nil, status.Error(codes.Internal, err.Error())
	}
	r, err := st.reward(who.prev, who.rec, who.rec.Stake.Sub(who.ownCounted))
	if err != nil {
		return nil, status.Error(codes.Internal, err.Error())
	}
	flockOut, mtOut, err := formulas.EntryReward(r, who.rec)
	if err != nil {
		return nil, status.Error(codes.Internal, err.Error())
	}
	// The same participant without stake, against sums without its stake.
	rec0 := who.rec
	rec0.Stake = math.ZeroInt()
	r0, err := st.reward(who.prev, rec0, who.ownCounted.Neg())
	if err != nil {
		return nil, status.Error(codes.Internal, err.Error())
	}
	flock0, _, err := formulas.EntryReward(r0, rec0)
	if err != nil {
		return nil, status.Error(codes.Internal, err.Error())
	}

	price := math.LegacyZeroDec()
	if twap, err := q.Market.PoolTwap(ctx, tok, int64(p.TwapWindow/time.Second)); err == nil {
		price = types.PriceDec(twap.Price)
	}
	apr := math.LegacyZeroDec()
	stakeValue := price.MulInt(who.rec.Stake)
	if stakeValue.IsPositive() && p.EpochDuration >= time.Second {
		uplift := price.MulInt(mtOut).Add(math.LegacyNewDecFromInt(flockOut.Sub(flock0)))
		epochsPerYear := math.LegacyNewDec(secondsPerYear).QuoInt64(int64(p.EpochDuration / time.Second))
		apr = uplift.Mul(epochsPerYear).Quo(stakeValue)
	}
	return &types.QueryEstimateRewardsResponse{
		Epoch: e, Flock: flockOut, Mt: mtOut, FlockWithoutStake: flock0, ModelEmission: r.Emission,
		Multiplier: who.rec.Gm, MtPrice: price, StakingApr: apr,
	}, nil
}

// estimated is the participant of an estimate: its record as the sums hold
// it now (prev, nil if it has no usage this epoch), its record for the
// estimate, and the stake of it already in the model's counted total.
type estimated struct {
	prev       *types.UsageRecord
	rec        types.UsageRecord
	ownCounted math.Int
}

func (q queryServer) participant(ctx context.Context, p types.Params, e uint64, req *types.QueryEstimateRewardsRequest) (estimated, error) {
	who := estimated{rec: types.UsageRecord{Spend: req.Spend, Stake: math.ZeroInt(), Gm: formulas.GmMultiplier(p, math.ZeroInt())},
		ownCounted: math.ZeroInt()}
	if req.Owner != "" {
		owner, err := q.owner(req.Owner)
		if err != nil {
			return who, err
		}
		prev, err := q.UsageByUser.Get(ctx, collections.Join3(e, req.Denom, owner))
		switch {
		case err == nil:
			who.prev = &prev
			who.rec.Gm = prev.Gm // frozen for the epoch at the first row
			if who.rec.Spend > ^uint64(0)-prev.Spend {
				return who, status.Error(codes.InvalidArgument, "spend overflows")
			}
			who.rec.Spend += prev.Spend
		case !errors.Is(err, collections.ErrNotFound):
			return who, status.Error(codes.Internal, err.Error())
		default:
			if _, who.rec.Gm, err = q.Multiplier(ctx, owner); err != nil {
				return who, status.Error(codes.Internal, err.Error())
			}
		}
		pos, err := q.Positions.Get(ctx, collections.Join(owner, req.Denom))
		if err == nil {
			who.ownCounted = CountedStake(pos, e)
		} else if !errors.Is(err, collections.ErrNotFound) {
			return who, status.Error(codes.Internal, err.Error())
		}
		who.rec.Stake = who.ownCounted
	}
	// Bounded inputs keep every product inside a Dec: no more stake than the
	// token's supply, no more gmFLOCK than FLOCK can ever exist.
	if req.Stake != nil && !req.Stake.IsNil() {
		if req.Stake.IsNegative() {
			return who, status.Error(codes.InvalidArgument, "stake must not be negative")
		}
		if supply := q.bank.GetSupply(ctx, req.Denom).Amount; req.Stake.GT(supply) {
			return who, status.Errorf(codes.InvalidArgument, "stake %s is more than the %s supply %s", req.Stake, req.Denom, supply)
		}
		who.rec.Stake = *req.Stake
	}
	if req.GmFlock != nil && !req.GmFlock.IsNil() {
		if req.GmFlock.IsNegative() || req.GmFlock.GT(p.FlockMaxSupply) {
			return who, status.Errorf(codes.InvalidArgument, "gm_flock %s is not in [0, flock_max_supply]", req.GmFlock)
		}
		who.rec.Gm = formulas.GmMultiplier(p, *req.GmFlock)
	}
	return who, nil
}

// epochState is what settling (e, denom) now would start from, read once
// per estimate: the model's usage and sums, the epoch's usage, the
// uncapped-by-share emission, the model's counted stake and the next
// incentive release.
type epochState struct {
	p            types.Params
	mu           types.ModelUsage
	epochUsage   math.Int
	emission     math.Int
	counted      math.Int
	releaseFlock math.Int
	releaseMt    math.Int
}

func (k Keeper) loadEpochState(ctx context.Context, p types.Params, e uint64, denom string) (epochState, error) {
	st := epochState{p: p}
	var err error
	st.mu, err = k.ModelUsages.Get(ctx, collections.Join(e, denom))
	if errors.Is(err, collections.ErrNotFound) {
		st.mu, err = newModelUsage(e, denom, floorsFromParams(p)), nil
	}
	if err != nil {
		return st, err
	}
	if st.epochUsage, err = storeread.GetOr(ctx, k.EpochUsage, e, math.ZeroInt); err != nil {
		return st, err
	}
	st.emission = formulas.CappedEmission(p, e, k.bank.GetSupply(ctx, k.flockDenom).Amount)
	if st.counted, err = k.StakeTotalAt(ctx, denom, e); err != nil {
		return st, err
	}
	st.releaseFlock, st.releaseMt, err = k.nextIncentiveRelease(ctx, denom)
	return st, err
}

// reward is the EpochModelReward settlement would seal now, with the
// participant's record prev (if any) replaced by rec in the sums and the
// usage totals, and stakeDelta added to the model's counted stake.
func (st epochState) reward(prev *types.UsageRecord, rec types.UsageRecord, stakeDelta math.Int) (types.EpochModelReward, error) {
	mu := st.mu // the Dec sums are replaced, never mutated in place, by addTerms
	spendDelta := math.NewIntFromUint64(rec.Spend)
	if prev != nil {
		if err := addTerms(&mu, *prev, -1); err != nil {
			return types.EpochModelReward{}, err
		}
		spendDelta = spendDelta.Sub(math.NewIntFromUint64(prev.Spend))
	}
	if err := addTerms(&mu, rec, +1); err != nil {
		return types.EpochModelReward{}, err
	}
	modelSpend := mu.TotalSpend.Add(spendDelta)
	total := st.epochUsage.Add(spendDelta)
	emission := math.ZeroInt()
	if total.IsPositive() {
		emission = st.emission.Mul(modelSpend).Quo(total)
	}
	r := types.EpochModelReward{
		Epoch: mu.Epoch, Denom: mu.Denom, Emission: emission, ReservedFlock: math.ZeroInt(), Mt: math.ZeroInt(),
		Usage: modelSpend, SumUg: mu.SumUg, SumUgSqrtS: mu.SumUgSqrtS, SumUsg: mu.SumUsg,
		StakeTotal: math.MaxInt(st.counted.Add(stakeDelta), math.ZeroInt()), Alpha: st.p.Alpha,
		MinIncentiveSpend: mu.MinIncentiveSpend, MinIncentiveStake: mu.MinIncentiveStake,
	}
	if mu.SumUsg.IsPositive() { // releases happen only when someone is eligible
		r.ReservedFlock, r.Mt = st.releaseFlock, st.releaseMt
	}
	return r, nil
}

// nextIncentiveRelease is what releaseIncentives would release for denom at
// the next settlement, read without changing anything.
func (k Keeper) nextIncentiveRelease(ctx context.Context, denom string) (flockOut, mtOut math.Int, err error) {
	inc, err := k.getIncentives(ctx, denom)
	if err != nil {
		return flockOut, mtOut, err
	}
	delta, err := storeread.GetOr(ctx, k.IncentiveDeltas, collections.Join(denom, inc.FlockStep+1), math.ZeroInt)
	if err != nil {
		return flockOut, mtOut, err
	}
	flockOut = math.MinInt(math.MaxInt(inc.FlockRate.Add(delta), math.ZeroInt()), inc.ReservedFlock)
	return flockOut, formulas.LinearRelease(inc.MtRemaining, inc.MtRate, inc.MtEpochsLeft), nil
}
