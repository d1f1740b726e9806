package simulation

import (
	"context"
	"fmt"
	"strings"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/testutil/simsx"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/flockchain/flockd/x/modeltoken/keeper"
	"github.com/flockchain/flockd/x/modeltoken/types"
)

// Every factory builds a message that must succeed: it reads the state it
// needs (through the keeper, in key order, so runs are deterministic) and
// skips when the chain offers nothing valid to do.

const flock = types.MicroPerFlock

// maxSimLaunches bounds the launches a run creates, so later blocks trade,
// stake and use existing model tokens instead of only launching new ones.
const maxSimLaunches = 25

func params(ctx context.Context, k keeper.Keeper, reporter simsx.SimulationReporter) types.Params {
	p, err := k.Params.Get(ctx)
	if err != nil {
		reporter.Skip("no params")
	}
	return p
}

// randIntIn returns a random amount in [lo, hi] (hi >= lo > 0).
func randIntIn(r *simsx.XRand, lo, hi math.Int) math.Int {
	if hi.LTE(lo) {
		return lo
	}
	v, err := r.PositiveSDKIntInRange(lo, hi.AddRaw(1))
	if err != nil {
		return lo
	}
	return v
}

// liveDenoms lists live model tokens in key order.
func liveDenoms(ctx context.Context, k keeper.Keeper) []types.ModelToken {
	var out []types.ModelToken
	_ = k.ModelTokens.Walk(ctx, nil, func(_ string, t types.ModelToken) (bool, error) {
		out = append(out, t)
		return false, nil
	})
	return out
}

func anyLiveToken(ctx context.Context, k keeper.Keeper, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) types.ModelToken {
	tokens := liveDenoms(ctx, k)
	if len(tokens) == 0 {
		reporter.Skip("no live model token")
		return types.ModelToken{}
	}
	return tokens[testData.Rand().Intn(len(tokens))]
}

func launchesWith(ctx context.Context, k keeper.Keeper, keep func(types.Launch) bool) []types.Launch {
	var out []types.Launch
	_ = k.Launch.Launches.Walk(ctx, nil, func(_ uint64, l types.Launch) (bool, error) {
		if keep(l) {
			out = append(out, l)
		}
		return false, nil
	})
	return out
}

// MsgCreateLaunchFactory opens a launch of the sim model type with a fresh
// symbol, paid by an account that can afford the fee.
func MsgCreateLaunchFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgCreateLaunch] {
	return func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgCreateLaunch) {
		p := params(ctx, k, reporter)
		if seq, _ := k.Launch.LaunchSeq.Peek(ctx); seq >= maxSimLaunches {
			reporter.Skip("enough launches")
			return nil, nil
		}
		fee := sdk.NewCoin(sdk.DefaultBondDenom, p.LaunchFee)
		creator := testData.AnyAccount(reporter, simsx.WithLiquidBalanceGTE(fee.AddAmount(math.NewInt(flock))))
		if reporter.IsSkipped() {
			return nil, nil
		}
		creator.LiquidBalance().BlockAmount(fee)
		r := testData.Rand()
		symbol := "S" + strings.ToUpper(randAlnum(r, 4+r.Intn(4)))
		if has, _ := k.Launch.LaunchSymbols.Has(ctx, symbol); has {
			reporter.Skip("symbol taken")
			return nil, nil
		}
		return []simsx.SimAccount{creator}, &types.MsgCreateLaunch{
			Creator: creator.AddressBech32, ModelType: SimModelType, Name: "Sim model " + symbol,
			Symbol: symbol, Description: "simulated", ModelId: strings.ToLower(symbol),
		}
	}
}

func randAlnum(r *simsx.XRand, n int) string {
	const chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
	b := make([]byte, n)
	for i := range b {
		b[i] = chars[r.Intn(len(chars))]
	}
	return string(b)
}

// MsgBuyFactory buys into a launch whose window is open, 1 FLOCK up to the
// raise maximum (a buy past the cap is refunded and graduates the launch).
func MsgBuyFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgBuy] {
	return func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgBuy) {
		now := sdk.UnwrapSDKContext(ctx).BlockTime()
		open := launchesWith(ctx, k, func(l types.Launch) bool {
			return l.Status == types.LAUNCH_STATUS_RAISING && now.Before(l.EndTime)
		})
		if len(open) == 0 {
			reporter.Skip("no open launch")
			return nil, nil
		}
		r := testData.Rand()
		l := open[r.Intn(len(open))]
		buyer := testData.AnyAccount(reporter, simsx.WithLiquidBalanceGTE(sdk.NewCoin(sdk.DefaultBondDenom, math.NewInt(2*flock))))
		if reporter.IsSkipped() {
			return nil, nil
		}
		balance := buyer.LiquidBalance().AmountOf(sdk.DefaultBondDenom)
		amount := randIntIn(r, math.NewInt(flock), math.MinInt(balance.QuoRaw(2), l.ModelType.RaiseMax))
		buyer.LiquidBalance().BlockAmount(sdk.NewCoin(sdk.DefaultBondDenom, amount))
		return []simsx.SimAccount{buyer}, &types.MsgBuy{
			Buyer: buyer.AddressBech32, LaunchId: l.Id,
			FlockIn: sdk.NewCoin(sdk.DefaultBondDenom, amount), MinMtOut: math.ZeroInt(),
		}
	}
}

// MsgGraduateFactory settles a launch whose window has ended (the
// begin-block sweep usually gets there first).
func MsgGraduateFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgGraduate] {
	return func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgGraduate) {
		now := sdk.UnwrapSDKContext(ctx).BlockTime()
		ended := launchesWith(ctx, k, func(l types.Launch) bool {
			return l.Status == types.LAUNCH_STATUS_RAISING && !now.Before(l.EndTime)
		})
		if len(ended) == 0 {
			reporter.Skip("no ended raise")
			return nil, nil
		}
		sender := testData.AnyAccount(reporter)
		l := ended[testData.Rand().Intn(len(ended))]
		return []simsx.SimAccount{sender}, &types.MsgGraduate{Sender: sender.AddressBech32, LaunchId: l.Id}
	}
}

// MsgClaimLaunchFactory claims MT (graduated) or principal (failed).
func MsgClaimLaunchFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgClaimLaunch] {
	return func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgClaimLaunch) {
		type open struct {
			launch uint64
			who    sdk.AccAddress
		}
		var claims []open
		_ = k.Launch.Claims.Walk(ctx, nil, func(key collections.Pair[uint64, sdk.AccAddress], c types.Claim) (bool, error) {
			if c.Claimed {
				return false, nil
			}
			if l, err := k.Launch.Launches.Get(ctx, key.K1()); err == nil && l.Status != types.LAUNCH_STATUS_RAISING {
				claims = append(claims, open{key.K1(), key.K2()})
			}
			return false, nil
		})
		if len(claims) == 0 {
			reporter.Skip("no open claim")
			return nil, nil
		}
		c := claims[testData.Rand().Intn(len(claims))]
		supporter := testData.GetAccountbyAccAddr(reporter, c.who)
		if reporter.IsSkipped() {
			return nil, nil
		}
		return []simsx.SimAccount{supporter}, &types.MsgClaimLaunch{Supporter: supporter.AddressBech32, LaunchId: c.launch}
	}
}

// MsgClaimVestedFactory lets an issuer claim what has vested so far.
func MsgClaimVestedFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgClaimVested] {
	q := keeper.NewQueryServerImpl(k)
	return func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgClaimVested) {
		var ids []uint64
		_ = k.Launch.Vestings.Walk(ctx, nil, func(id uint64, _ types.IssuerVesting) (bool, error) {
			ids = append(ids, id)
			return false, nil
		})
		if len(ids) == 0 {
			reporter.Skip("no vesting")
			return nil, nil
		}
		id := ids[testData.Rand().Intn(len(ids))]
		res, err := q.IssuerVesting(ctx, &types.QueryIssuerVestingRequest{LaunchId: id})
		if err != nil || !res.Claimable.IsPositive() {
			reporter.Skip("nothing vested")
			return nil, nil
		}
		issuer := testData.GetAccount(reporter, res.Vesting.Beneficiary)
		if reporter.IsSkipped() {
			return nil, nil
		}
		return []simsx.SimAccount{issuer}, &types.MsgClaimVested{Beneficiary: issuer.AddressBech32, LaunchId: id}
	}
}

// MsgStakeFactory stakes part of an account's balance of a live token.
func MsgStakeFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgStake] {
	return func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgStake) {
		t := anyLiveToken(ctx, k, testData, reporter)
		if reporter.IsSkipped() {
			return nil, nil
		}
		staker := testData.AnyAccount(reporter, simsx.WithDenomBalance(t.Denom))
		if reporter.IsSkipped() {
			return nil, nil
		}
		amount := staker.LiquidBalance().RandSubsetCoin(reporter, t.Denom)
		if reporter.IsSkipped() || !amount.IsPositive() {
			reporter.Skip("nothing to stake")
			return nil, nil
		}
		// A position is 0 or at least min_unstake: top a small stake up to
		// the floor when the balance allows, else skip.
		short := params(ctx, k, reporter).MinUnstake.Sub(positionOf(ctx, k, staker.Address, t.Denom))
		if amount.Amount.LT(short) {
			if !staker.LiquidBalance().BlockAmount(sdk.NewCoin(t.Denom, short.Sub(amount.Amount))) {
				reporter.Skip("balance below min_unstake")
				return nil, nil
			}
			amount.Amount = short
		}
		return []simsx.SimAccount{staker}, &types.MsgStake{Staker: staker.AddressBech32, Amount: amount}
	}
}

// MsgUnstakeFactory unstakes part of a position.
func MsgUnstakeFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgUnstake] {
	return func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgUnstake) {
		var positions []types.StakePosition
		_ = k.Positions.Walk(ctx, nil, func(_ collections.Pair[sdk.AccAddress, string], p types.StakePosition) (bool, error) {
			if p.Amount.IsPositive() {
				positions = append(positions, p)
			}
			return false, nil
		})
		if len(positions) == 0 {
			reporter.Skip("no position")
			return nil, nil
		}
		r := testData.Rand()
		p := positions[r.Intn(len(positions))]
		staker := testData.GetAccount(reporter, p.Owner)
		if reporter.IsSkipped() {
			return nil, nil
		}
		prm := params(ctx, k, reporter)
		open := 0
		for _, e := range unbondingEntries(ctx, k) {
			if e.Owner == p.Owner && e.Denom == p.Denom {
				open++
			}
		}
		if open >= int(prm.MaxUnbondingEntries) {
			reporter.Skip("max_unbonding_entries open")
			return nil, nil
		}
		// At least min_unstake and leaving 0 or at least min_unstake, or
		// the whole position.
		amount := p.Amount
		floor := math.MaxInt(prm.MinUnstake, math.OneInt())
		if p.Amount.GTE(floor.MulRaw(2)) && r.Intn(4) > 0 {
			amount = randIntIn(r, floor, p.Amount.Sub(floor))
		}
		return []simsx.SimAccount{staker}, &types.MsgUnstake{Staker: staker.AddressBech32, Amount: sdk.NewCoin(p.Denom, amount)}
	}
}

// positionOf is owner's staked amount of denom (0 without a position).
func positionOf(ctx context.Context, k keeper.Keeper, owner sdk.AccAddress, denom string) math.Int {
	p, err := k.Positions.Get(ctx, collections.Join(owner, denom))
	if err != nil {
		return math.ZeroInt()
	}
	return p.Amount
}

// unbondingEntries lists every unbonding entry in id order.
func unbondingEntries(ctx context.Context, k keeper.Keeper) []types.UnbondingEntry {
	var out []types.UnbondingEntry
	_ = k.Unbondings.Walk(ctx, nil, func(_ uint64, e types.UnbondingEntry) (bool, error) {
		out = append(out, e)
		return false, nil
	})
	return out
}

// MsgWithdrawUnbondedFactory has the owner of a matured entry take it.
func MsgWithdrawUnbondedFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgWithdrawUnbonded] {
	return func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgWithdrawUnbonded) {
		now := sdk.UnwrapSDKContext(ctx).BlockTime()
		var matured []types.UnbondingEntry
		for _, e := range unbondingEntries(ctx, k) {
			if !now.Before(e.CompletionTime) {
				matured = append(matured, e)
			}
		}
		if len(matured) == 0 {
			reporter.Skip("no matured unbonding")
			return nil, nil
		}
		e := matured[testData.Rand().Intn(len(matured))]
		owner := testData.GetAccount(reporter, e.Owner)
		if reporter.IsSkipped() {
			return nil, nil
		}
		return []simsx.SimAccount{owner}, &types.MsgWithdrawUnbonded{Owner: owner.AddressBech32, Denom: e.Denom}
	}
}

// MsgCancelUnbondingFactory puts part of an entry that has not matured back.
func MsgCancelUnbondingFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgCancelUnbonding] {
	return func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgCancelUnbonding) {
		now := sdk.UnwrapSDKContext(ctx).BlockTime()
		var open []types.UnbondingEntry
		for _, e := range unbondingEntries(ctx, k) {
			if now.Before(e.CompletionTime) {
				open = append(open, e)
			}
		}
		if len(open) == 0 {
			reporter.Skip("no open unbonding")
			return nil, nil
		}
		r := testData.Rand()
		e := open[r.Intn(len(open))]
		owner := testData.GetAccount(reporter, e.Owner)
		if reporter.IsSkipped() {
			return nil, nil
		}
		// The position it returns to must reach min_unstake.
		least := math.MaxInt(params(ctx, k, reporter).MinUnstake.Sub(positionOf(ctx, k, owner.Address, e.Denom)), math.OneInt())
		if e.Amount.LT(least) {
			reporter.Skip("entry too small to re-open a position")
			return nil, nil
		}
		amount := randIntIn(r, least, e.Amount)
		return []simsx.SimAccount{owner}, &types.MsgCancelUnbonding{Owner: owner.AddressBech32, UnbondingId: e.Id, Amount: sdk.NewCoin(e.Denom, amount)}
	}
}

// MsgLockFactory locks FLOCK for gmFLOCK for 1 day up to the maximum.
func MsgLockFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgLock] {
	return func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgLock) {
		p := params(ctx, k, reporter)
		owner := testData.AnyAccount(reporter, simsx.WithLiquidBalanceGTE(sdk.NewCoin(sdk.DefaultBondDenom, math.NewInt(2*flock))))
		if reporter.IsSkipped() {
			return nil, nil
		}
		if n, _ := k.LockCounts.Get(ctx, owner.Address); n >= uint64(p.MaxLocksPerAccount) {
			reporter.Skip("lock limit")
			return nil, nil
		}
		r := testData.Rand()
		amount := randIntIn(r, math.NewInt(flock), owner.LiquidBalance().AmountOf(sdk.DefaultBondDenom).QuoRaw(4))
		owner.LiquidBalance().BlockAmount(sdk.NewCoin(sdk.DefaultBondDenom, amount))
		days := uint32(1 + r.Intn(int(p.GmT1Days)))
		return []simsx.SimAccount{owner}, &types.MsgLock{Owner: owner.AddressBech32, Amount: sdk.NewCoin(sdk.DefaultBondDenom, amount), DurationDays: days}
	}
}

// MsgUnlockFactory unlocks an expired lock.
func MsgUnlockFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgUnlock] {
	return func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgUnlock) {
		now := sdk.UnwrapSDKContext(ctx).BlockTime()
		var expired []types.GmLock
		_ = k.GmLocks.Walk(ctx, nil, func(_ uint64, l types.GmLock) (bool, error) {
			if !now.Before(l.EndTime) {
				expired = append(expired, l)
			}
			return false, nil
		})
		if len(expired) == 0 {
			reporter.Skip("no expired lock")
			return nil, nil
		}
		l := expired[testData.Rand().Intn(len(expired))]
		owner := testData.GetAccount(reporter, l.Owner)
		if reporter.IsSkipped() {
			return nil, nil
		}
		return []simsx.SimAccount{owner}, &types.MsgUnlock{Owner: owner.AddressBech32, LockId: l.Id}
	}
}

// MsgSubmitUsageFactory has an attester post 1-5 users' spend ($0.01-$10
// each) on a live model for the current epoch.
func MsgSubmitUsageFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgSubmitUsage] {
	return func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgSubmitUsage) {
		p := params(ctx, k, reporter)
		if reporter.IsSkipped() || len(p.Attesters) == 0 {
			reporter.Skip("no attesters")
			return nil, nil
		}
		t := anyLiveToken(ctx, k, testData, reporter)
		if reporter.IsSkipped() {
			return nil, nil
		}
		epoch, err := k.Epoch.Get(ctx)
		if err != nil {
			reporter.Skip("no epoch")
			return nil, nil
		}
		r := testData.Rand()
		attester := testData.GetAccount(reporter, p.Attesters[r.Intn(len(p.Attesters))])
		if reporter.IsSkipped() {
			return nil, nil
		}
		unique := simsx.UniqueAccounts()
		var rows []types.UsageRow
		for i := 0; i < 1+r.Intn(5); i++ {
			user := testData.AnyAccount(reporter, unique)
			if reporter.IsSkipped() {
				return nil, nil
			}
			rows = append(rows, types.UsageRow{User: user.AddressBech32, Spend: uint64(10_000 + r.Intn(10_000_000))})
		}
		height := sdk.UnwrapSDKContext(ctx).BlockHeight()
		return []simsx.SimAccount{attester}, &types.MsgSubmitUsage{
			Attester: attester.AddressBech32, Epoch: epoch.Number, Denom: t.Denom,
			BatchId: fmt.Sprintf("sim-%d-%d", height, r.Int63()), Rows: rows,
		}
	}
}

// MsgClaimRewardsFactory claims for an account that has pending rewards.
func MsgClaimRewardsFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgClaimRewards] {
	q := keeper.NewQueryServerImpl(k)
	return func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgClaimRewards) {
		claimer := testData.AnyAccount(reporter)
		if reporter.IsSkipped() {
			return nil, nil
		}
		res, err := q.PendingRewards(ctx, &types.QueryPendingRewardsRequest{Owner: claimer.AddressBech32})
		if err != nil || res.Total.IsZero() {
			reporter.Skip("no pending rewards")
			return nil, nil
		}
		return []simsx.SimAccount{claimer}, &types.MsgClaimRewards{Claimer: claimer.AddressBech32}
	}
}

// MsgFundIncentiveFactory reserves FLOCK for a live model's incentives.
func MsgFundIncentiveFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgFundIncentive] {
	return func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgFundIncentive) {
		t := anyLiveToken(ctx, k, testData, reporter)
		if reporter.IsSkipped() {
			return nil, nil
		}
		funder := testData.AnyAccount(reporter, simsx.WithLiquidBalanceGTE(sdk.NewCoin(sdk.DefaultBondDenom, math.NewInt(2*flock))))
		if reporter.IsSkipped() {
			return nil, nil
		}
		lo := math.MaxInt(math.NewInt(flock), params(ctx, k, reporter).MinIncentiveFund)
		hi := funder.LiquidBalance().AmountOf(sdk.DefaultBondDenom).QuoRaw(10)
		if hi.LT(lo) {
			reporter.Skip("balance below min_incentive_fund")
			return nil, nil
		}
		amount := randIntIn(testData.Rand(), lo, hi)
		funder.LiquidBalance().BlockAmount(sdk.NewCoin(sdk.DefaultBondDenom, amount))
		return []simsx.SimAccount{funder}, &types.MsgFundIncentive{
			Funder: funder.AddressBech32, Denom: t.Denom, Amount: sdk.NewCoin(sdk.DefaultBondDenom, amount),
		}
	}
}

// MsgSwapFactory trades up to 5% of the input-side reserve either way.
func MsgSwapFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgSwap] {
	return func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgSwap) {
		t := anyLiveToken(ctx, k, testData, reporter)
		if reporter.IsSkipped() {
			return nil, nil
		}
		r := testData.Rand()
		denomIn, reserveIn := sdk.DefaultBondDenom, t.LiquidityFlock
		if r.Intn(2) == 0 {
			denomIn, reserveIn = t.Denom, t.LiquidityMt
		}
		if reserveIn.LT(math.NewInt(1000)) {
			reporter.Skip("pool too small")
			return nil, nil
		}
		trader := testData.AnyAccount(reporter, simsx.WithLiquidBalanceGTE(sdk.NewCoin(denomIn, math.NewInt(1000))))
		if reporter.IsSkipped() {
			return nil, nil
		}
		limit := math.MinInt(trader.LiquidBalance().AmountOf(denomIn), reserveIn.QuoRaw(20))
		amount := randIntIn(r, math.NewInt(1000), limit)
		trader.LiquidBalance().BlockAmount(sdk.NewCoin(denomIn, amount))
		return []simsx.SimAccount{trader}, &types.MsgSwap{
			Trader: trader.AddressBech32, Denom: t.Denom, TokenIn: sdk.NewCoin(denomIn, amount), MinOut: math.ZeroInt(),
		}
	}
}

// MsgDepositRevenueFactory has a reporter route revenue for a live model.
func MsgDepositRevenueFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgDepositRevenue] {
	return func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgDepositRevenue) {
		p := params(ctx, k, reporter)
		if reporter.IsSkipped() || len(p.RevenueReporters) == 0 {
			reporter.Skip("no reporters")
			return nil, nil
		}
		t := anyLiveToken(ctx, k, testData, reporter)
		if reporter.IsSkipped() {
			return nil, nil
		}
		r := testData.Rand()
		rep := testData.GetAccount(reporter, p.RevenueReporters[r.Intn(len(p.RevenueReporters))])
		if reporter.IsSkipped() {
			return nil, nil
		}
		balance := rep.LiquidBalance().AmountOf(sdk.DefaultBondDenom)
		if balance.LT(math.NewInt(2 * flock)) {
			reporter.Skip("reporter is broke")
			return nil, nil
		}
		// At most 5% of the pool's FLOCK side, so the buyback stays sane.
		amount := randIntIn(r, math.NewInt(flock), math.MinInt(balance.QuoRaw(10), t.LiquidityFlock.QuoRaw(20).AddRaw(flock)))
		rep.LiquidBalance().BlockAmount(sdk.NewCoin(sdk.DefaultBondDenom, amount))
		return []simsx.SimAccount{rep}, &types.MsgDepositRevenue{
			Reporter: rep.AddressBech32, Denom: t.Denom, Amount: sdk.NewCoin(sdk.DefaultBondDenom, amount),
		}
	}
}
