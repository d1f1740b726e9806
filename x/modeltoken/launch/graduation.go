package launch

import (
	"context"

	"cosmossdk.io/collections"
	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"

	"github.com/flockchain/flockd/x/modeltoken/formulas"
	"github.com/flockchain/flockd/x/modeltoken/internal/checks"
	"github.com/flockchain/flockd/x/modeltoken/types"
)

// GraduateLaunch is MsgGraduate: settle a raise whose window has ended with
// at least the minimum raised.
func (k Keeper) GraduateLaunch(ctx context.Context, id uint64) (types.Launch, error) {
	l, err := k.getLaunch(ctx, id)
	if err != nil {
		return l, err
	}
	if l.Status != types.LAUNCH_STATUS_RAISING {
		return l, errorsmod.Wrapf(types.ErrLaunchNotRaising, "launch %d is %s", id, l.Status)
	}
	if sdk.UnwrapSDKContext(ctx).BlockTime().Before(l.EndTime) {
		return l, errorsmod.Wrapf(types.ErrGraduationTooEarly, "launch %d raises until %s", id, l.EndTime)
	}
	if !MeetsMinimum(l) {
		return l, errorsmod.Wrapf(types.ErrBelowMinimum, "outside buyers raised %s of minimum %s (the issuer's own %s does not count)",
			OutsideRaised(l), l.ModelType.RaiseMin, l.IssuerRaised)
	}
	return k.graduate(ctx, l)
}

// OutsideRaised is the net FLOCK raised from buyers other than the issuer.
func OutsideRaised(l types.Launch) math.Int {
	if l.IssuerRaised.IsNil() {
		return l.Raised
	}
	return l.Raised.Sub(l.IssuerRaised)
}

// MeetsMinimum reports whether outside demand reached raise_min: the
// issuer's bundle and own buys count toward the raise, not the minimum, so
// an issuer cannot graduate a launch (and collect the raise) alone.
func MeetsMinimum(l types.Launch) bool {
	return OutsideRaised(l).GTE(l.ModelType.RaiseMin)
}

// PoolOpening is how graduation seeds a pool: Flock and Mt open it at the
// curve's final marginal price; BurnedMt is the rest of the liquidity bucket.
type PoolOpening struct {
	Flock, Mt, BurnedMt math.Int
}

// OpenPoolAt computes the pool of a graduating launch. Its FLOCK side is the
// template's share of the raise and its MT side that FLOCK divided by the
// end price p(sold), so a supporter who paid the last price can sell at
// about that price (less fees) at once. If the bucket is too small for that,
// the whole bucket goes in with the FLOCK it is worth at p(sold), and the
// caller pays the FLOCK left over to the issuer.
func OpenPoolAt(l types.Launch, bucket math.Int) PoolOpening {
	c := formulas.NewCurve(l.ModelType)
	flock := l.Raised.MulRaw(int64(l.ModelType.LiquidityFlockBps)).QuoRaw(types.BpsDenominator)
	mt := c.MTAtMarginal(flock, l.Sold)
	if mt.GT(bucket) {
		mt = bucket
		flock = c.FlockAtMarginal(mt, l.Sold)
	}
	if !mt.IsPositive() || !flock.IsPositive() {
		mt, flock = math.ZeroInt(), math.ZeroInt()
	}
	return PoolOpening{Flock: flock, Mt: mt, BurnedMt: bucket.Sub(mt)}
}

// MTBuckets is how graduation splits the fixed supply. Every bucket is a
// floor of supply × bps; the treasury bucket takes the rounding remainder so
// the buckets add up to the supply exactly.
type MTBuckets struct {
	Sale, Liquidity, Incentives, Issuer, Treasury math.Int
}

// SplitSupply computes the buckets of an allocation.
func SplitSupply(a types.Allocation) MTBuckets {
	part := func(bps uint32) math.Int { return types.MTSupply.MulRaw(int64(bps)).QuoRaw(types.BpsDenominator) }
	b := MTBuckets{Sale: part(a.SaleBps), Liquidity: part(a.LiquidityBps), Incentives: part(a.IncentivesBps), Issuer: part(a.IssuerBps)}
	b.Treasury = types.MTSupply.Sub(b.Sale).Sub(b.Liquidity).Sub(b.Incentives).Sub(b.Issuer)
	return b
}

// graduate mints the model token and pays every bucket. It assumes the
// caller checked the launch may graduate.
func (k Keeper) graduate(ctx context.Context, l types.Launch) (types.Launch, error) {
	sdkCtx := sdk.UnwrapSDKContext(ctx)
	params, err := k.params.Get(ctx)
	if err != nil {
		return l, err
	}
	treasury, err := checks.DecodeAddr(k.addressCodec, "treasury", params.Treasury)
	if err != nil {
		return l, err
	}
	mtCoins := func(amt math.Int) sdk.Coins { return sdk.NewCoins(sdk.NewCoin(l.Denom, amt)) }
	buckets := SplitSupply(l.ModelType.Allocation)
	unsold := buckets.Sale.Sub(l.Sold)
	if unsold.IsNegative() {
		return l, errorsmod.Wrapf(types.ErrInvalidLaunch, "launch %d sold %s above its sale bucket %s", l.Id, l.Sold, buckets.Sale)
	}

	pool := OpenPoolAt(l, buckets.Liquidity)
	burned := unsold.Add(pool.BurnedMt)

	if err := k.bank.MintCoins(ctx, types.ModuleName, mtCoins(types.MTSupply)); err != nil {
		return l, err
	}
	if burned.IsPositive() {
		if err := k.bank.BurnCoins(ctx, types.ModuleName, mtCoins(burned)); err != nil {
			return l, err
		}
	}
	moduleSends := []struct {
		to  string
		amt math.Int
	}{
		{types.LaunchEscrowAccount, l.Sold}, // supporters' claims
		{types.LiquidityAccount, pool.Mt},
		{types.IncentivesAccount, buckets.Incentives},
		{types.VestingAccount, buckets.Issuer},
	}
	for _, s := range moduleSends {
		if s.amt.IsPositive() {
			if err := k.bank.SendCoinsFromModuleToModule(ctx, types.ModuleName, s.to, mtCoins(s.amt)); err != nil {
				return l, err
			}
		}
	}
	if buckets.Treasury.IsPositive() {
		if err := k.bank.SendCoinsFromModuleToAccount(ctx, types.ModuleName, treasury, mtCoins(buckets.Treasury)); err != nil {
			return l, err
		}
	}

	// The raised FLOCK: the pool's side is locked with its MT, the rest funds
	// the issuer's deployment, vesting with the issuer's MT.
	issuerFlock := l.Raised.Sub(pool.Flock)
	if pool.Flock.IsPositive() {
		if err := k.bank.SendCoinsFromModuleToModule(ctx, types.LaunchEscrowAccount, types.LiquidityAccount, k.flock(pool.Flock)); err != nil {
			return l, err
		}
	}
	if issuerFlock.IsPositive() {
		if err := k.bank.SendCoinsFromModuleToModule(ctx, types.LaunchEscrowAccount, types.VestingAccount, k.flock(issuerFlock)); err != nil {
			return l, err
		}
	}

	now := sdkCtx.BlockTime()
	k.bank.SetDenomMetaData(ctx, banktypes.Metadata{
		Description: l.Description,
		Base:        l.Denom,
		Display:     l.Symbol,
		Name:        l.Name,
		Symbol:      l.Symbol,
		DenomUnits: []*banktypes.DenomUnit{
			{Denom: l.Denom, Exponent: 0},
			{Denom: l.Symbol, Exponent: types.MTExponent},
		},
	})
	token := types.ModelToken{
		Denom:          l.Denom,
		LaunchId:       l.Id,
		Symbol:         l.Symbol,
		Name:           l.Name,
		ModelId:        l.ModelId,
		Minted:         types.MTSupply,
		Burned:         burned,
		IncentivePool:  buckets.Incentives,
		LiquidityMt:    pool.Mt,
		LiquidityFlock: pool.Flock,
		LiveSince:      now,
	}
	if err := k.graduates.RegisterToken(ctx, token); err != nil {
		return l, err
	}
	if err := k.Vestings.Set(ctx, l.Id, types.IssuerVesting{
		LaunchId:     l.Id,
		Beneficiary:  l.PayoutAddress,
		Denom:        l.Denom,
		Total:        buckets.Issuer,
		Claimed:      math.ZeroInt(),
		Start:        now,
		Duration:     params.IssuerVesting,
		FlockTotal:   issuerFlock,
		FlockClaimed: math.ZeroInt(),
	}); err != nil {
		return l, err
	}

	l.UnsoldBurned = unsold
	l.LiquidityBurned = pool.BurnedMt
	if err := k.settle(ctx, &l, types.LAUNCH_STATUS_GRADUATED); err != nil {
		return l, err
	}
	if sdkCtx.ExecMode() == sdk.ExecModeFinalize { // not for CheckTx or gas simulation
		k.logger(sdkCtx).Info("launch graduated", "launch_id", l.Id, "denom", l.Denom, "raised_uflock", l.Raised.String(),
			"pool_mt", pool.Mt.String(), "pool_uflock", pool.Flock.String(), "burned_mt", burned.String())
	}
	if err := emitLaunchGraduated(ctx, l, pool, unsold, burned); err != nil {
		return l, err
	}
	return l, nil
}

// failLaunch ends a raise below its minimum: nothing is minted, supporters
// redeem their principal with MsgClaimLaunch, and the symbol is freed.
func (k Keeper) failLaunch(ctx context.Context, l types.Launch, reason string) error {
	if err := k.settle(ctx, &l, types.LAUNCH_STATUS_FAILED); err != nil {
		return err
	}
	if err := k.LaunchSymbols.Remove(ctx, l.Symbol); err != nil {
		return err
	}
	return emitLaunchFailed(ctx, l, reason)
}

// settle moves a raising launch to a final status and out of the deadline
// queue (the status index follows the stored launch).
func (k Keeper) settle(ctx context.Context, l *types.Launch, status types.LaunchStatus) error {
	now := sdk.UnwrapSDKContext(ctx).BlockTime()
	l.Status = status
	l.SettledTime = &now
	if err := k.LaunchDeadlines.Remove(ctx, collections.Join(l.EndTime.Unix(), l.Id)); err != nil {
		return err
	}
	return k.Launches.Set(ctx, l.Id, *l)
}
