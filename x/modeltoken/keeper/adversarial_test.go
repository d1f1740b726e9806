package keeper_test

import (
	"fmt"
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/flockchain/flockd/testutil"
	"github.com/flockchain/flockd/x/modeltoken/types"
)

// One test per attack in the hardening issue, each asserting the defence.
// docs/reliability.md lists them with the attack they answer.

func (f *fixture) setParams(t *testing.T, edit func(p *types.Params)) {
	t.Helper()
	p, err := f.ModelTokenKeeper.Params.Get(f.Ctx)
	require.NoError(t, err)
	edit(&p)
	_, err = f.msg.UpdateParams(f.Ctx, &types.MsgUpdateParams{Authority: testutil.GovAuthority(), Params: p})
	require.NoError(t, err)
}

// settleStep runs one epoch in which user has usage and counted stake in
// denom (so the model has eligible users and its incentives take a release
// step) and returns the reserved FLOCK that step released.
func (f *fixture) settleStep(t *testing.T, denom string, user sdk.AccAddress, batch string, before func()) math.Int {
	t.Helper()
	f.nextEpoch(t)
	if before != nil {
		before()
	}
	e, err := f.ModelTokenKeeper.GetEpoch(f.Ctx)
	require.NoError(t, err)
	f.post(t, e.Number, denom, batch, types.UsageRow{User: user.String(), Spend: 1_000_000})
	f.settleThrough(t, e.Number)
	f.flockSupply = f.BankKeeper.GetSupply(f.Ctx, "uflock").Amount // settlement mints the emission
	r, err := f.query.EpochModelReward(f.Ctx, &types.QueryEpochModelRewardRequest{Epoch: e.Number, Denom: denom})
	require.NoError(t, err)
	return r.Reward.ReservedFlock
}

// TestAttackIncentiveGriefing: a funding repeated every epoch used to
// re-spread the whole unreleased reserve (a geometric decay). Now each
// funding is its own stream: the honest schedule releases exactly its
// rate every step, whatever the griefer funds, and is fully released by
// its last step; a 1-uflock funding is refused under the default floor.
func TestAttackIncentiveGriefing(t *testing.T) {
	const steps = 4
	f := newFixture(t)
	denom := f.liveToken(t, "GRIEF")
	f.withAttesters(t, 1, 1)
	honest, griefer, user := f.Accounts[2], f.Accounts[0], f.Accounts[1]
	f.setParams(t, func(p *types.Params) { p.IncentiveReleaseEpochs = steps; p.MinIncentiveFund = flock(1) })
	_, err := f.msg.FundIncentive(f.Ctx, &types.MsgFundIncentive{Funder: griefer.String(), Denom: denom, Amount: uflock(math.OneInt())})
	require.ErrorIs(t, err, types.ErrInvalidAmount, "dust funding is refused")

	f.nextEpoch(t)
	_, err = f.msg.Stake(f.Ctx, &types.MsgStake{Staker: user.String(), Amount: mt(denom, 1_000_000_000)})
	require.NoError(t, err)
	_, err = f.msg.FundIncentive(f.Ctx, &types.MsgFundIncentive{Funder: honest.String(), Denom: denom, Amount: uflock(flock(400))})
	require.NoError(t, err)

	griefStream := flock(1).QuoRaw(steps) // each griefing funding adds 1/steps FLOCK per step for its steps
	var active []int                      // first step of each griefing stream
	total := math.ZeroInt()
	for step := 1; step <= steps+2; step++ {
		released := f.settleStep(t, denom, user, "b"+string(rune('a'+step)), func() {
			_, err := f.msg.FundIncentive(f.Ctx, &types.MsgFundIncentive{Funder: griefer.String(), Denom: denom, Amount: uflock(flock(1))})
			require.NoError(t, err)
		})
		active = append(active, step) // funded before this step's settlement: streams start at this step
		want := math.ZeroInt()
		if step <= steps {
			want = flock(100) // the honest stream: 400 FLOCK over 4 steps
		}
		for _, first := range active {
			if step >= first && step < first+steps {
				want = want.Add(griefStream)
			}
		}
		require.Equal(t, want.String(), released.String(), "step %d: the honest schedule is untouched by griefing", step)
		total = total.Add(released)
		f.checkInvariants(t)
	}
	require.True(t, total.GTE(flock(400)), "the honest reserve is fully released by its last step")
}

// TestIncentiveReserveSmallerThanSteps: a reserve smaller than the number
// of release steps is still released in full (it used to release nothing,
// ever, at a rate of 0): the remainder of A/N goes with the first step.
// Under the production floors such a reserve cannot be funded at all
// (min_incentive_fund is far above the step count): the 3-uflock funding is
// refused, and the smallest allowed reserve plus 3 releases its remainder
// with its first step the same way.
func TestIncentiveReserveSmallerThanSteps(t *testing.T) {
	f := newFixture(t)
	denom := f.liveToken(t, "TINY")
	f.withAttesters(t, 1, 1)
	user := f.Accounts[1]
	f.nextEpoch(t)
	_, err := f.msg.Stake(f.Ctx, &types.MsgStake{Staker: user.String(), Amount: mt(denom, 1_000_000)})
	require.NoError(t, err)
	p := f.params(t)
	fund := math.NewInt(3)
	if fund.LT(p.MinIncentiveFund) {
		_, err = f.msg.FundIncentive(f.Ctx, &types.MsgFundIncentive{Funder: f.Accounts[2].String(), Denom: denom, Amount: uflock(fund)})
		require.ErrorIs(t, err, types.ErrInvalidAmount, "a reserve below min_incentive_fund is refused")
		fund = p.MinIncentiveFund.AddRaw(3)
	}
	_, err = f.msg.FundIncentive(f.Ctx, &types.MsgFundIncentive{Funder: f.Accounts[2].String(), Denom: denom, Amount: uflock(fund)})
	require.NoError(t, err)
	steps := int64(p.IncentiveReleaseEpochs)
	rate := fund.QuoRaw(steps)
	first := rate.Add(fund.ModRaw(steps))
	require.Equal(t, first.String(), f.settleStep(t, denom, user, "t1", nil).String(), "%s uflock over %d steps: the remainder with the first", fund, steps)
	require.Equal(t, rate.String(), f.settleStep(t, denom, user, "t2", nil).String())
	eco, err := f.query.ModelEconomy(f.Ctx, &types.QueryModelEconomyRequest{Denom: denom})
	require.NoError(t, err)
	require.Equal(t, fund.Sub(first).Sub(rate).String(), eco.Incentives.ReservedFlock.String(), "what is left is exactly the unreleased rest")
	f.checkInvariants(t)
}

// TestAttackDustUnstakes: with the default floors a dust unstake and an
// eighth open entry are refused; and however many entries sit in the
// sweep's queue ahead of a victim (1,000 here, the floors off), the victim
// takes their matured entry at once with MsgWithdrawUnbonded.
func TestAttackDustUnstakes(t *testing.T) {
	f := newFixture(t)
	denom := f.liveToken(t, "DUST")
	attacker, victim := f.Accounts[0], f.Accounts[2]
	_, err := f.msg.Stake(f.Ctx, &types.MsgStake{Staker: attacker.String(), Amount: mt(denom, 10_000_000_000)})
	require.NoError(t, err)
	_, err = f.msg.Stake(f.Ctx, &types.MsgStake{Staker: victim.String(), Amount: mt(denom, 5_000_000)})
	require.NoError(t, err)

	f.withDefaultFloors(t)
	_, err = f.msg.Unstake(f.Ctx, &types.MsgUnstake{Staker: attacker.String(), Amount: mt(denom, 1)})
	require.ErrorIs(t, err, types.ErrInvalidAmount, "dust unstake refused")
	for i := 0; i < int(types.DefaultMaxUnbondingEntries); i++ {
		_, err = f.msg.Unstake(f.Ctx, &types.MsgUnstake{Staker: attacker.String(), Amount: mt(denom, 1_000_000)})
		require.NoError(t, err)
	}
	_, err = f.msg.Unstake(f.Ctx, &types.MsgUnstake{Staker: attacker.String(), Amount: mt(denom, 1_000_000)})
	require.ErrorIs(t, err, types.ErrTooManyUnbondings)

	// formulas.Floors off: the attacker queues 1,000 dust entries before the victim.
	f.setParams(t, func(p *types.Params) { p.MinUnstake, p.MaxUnbondingEntries = math.ZeroInt(), 1000 })
	for i := 0; i < 993; i++ {
		_, err = f.msg.Unstake(f.Ctx, &types.MsgUnstake{Staker: attacker.String(), Amount: mt(denom, 1)})
		require.NoError(t, err)
	}
	f.advance(time.Second)
	res, err := f.msg.Unstake(f.Ctx, &types.MsgUnstake{Staker: victim.String(), Amount: mt(denom, 5_000_000)})
	require.NoError(t, err)

	f.Ctx = f.Ctx.WithBlockTime(res.CompletionTime).WithBlockHeight(f.Ctx.BlockHeight() + 1)
	require.NoError(t, f.ModelTokenKeeper.BeginBlocker(f.Ctx))
	before := f.balance(victim, denom)
	_, err = f.msg.WithdrawUnbonded(f.Ctx, &types.MsgWithdrawUnbonded{Owner: victim.String(), Denom: denom})
	require.NoError(t, err, "the victim takes their own entry without waiting for the sweep")
	require.Equal(t, before.AddRaw(5_000_000), f.balance(victim, denom))
	_, err = f.msg.WithdrawUnbonded(f.Ctx, &types.MsgWithdrawUnbonded{Owner: victim.String()})
	require.ErrorIs(t, err, types.ErrNothingToClaim, "paid once")
	f.checkInvariants(t)
}

// TestAttackDustPositions: min_unstake binds whole positions too. A
// 1-base-unit position used to be unstakable whole, so many accounts each
// queued max_unbonding_entries dust entries. Under the default floor a
// position is 0 or at least min_unstake: a dust stake, an unstake leaving
// dust behind and a cancel that re-opens a dust position are refused with
// ErrInvalidAmount and change nothing.
func TestAttackDustPositions(t *testing.T) {
	f := newFixture(t)
	denom := f.liveToken(t, "DUSTPOS")
	f.withDefaultFloors(t)
	attacker := f.Accounts[0]
	floor := types.DefaultMinUnstake
	before := f.balance(attacker, denom)
	_, err := f.msg.Stake(f.Ctx, &types.MsgStake{Staker: attacker.String(), Amount: mt(denom, 1)})
	require.ErrorIs(t, err, types.ErrInvalidAmount, "a 1-unit position")
	require.Equal(t, before, f.balance(attacker, denom))
	require.True(t, f.counted(t, attacker, denom).IsZero())

	_, err = f.msg.Stake(f.Ctx, &types.MsgStake{Staker: attacker.String(), Amount: sdk.NewCoin(denom, floor.AddRaw(5))})
	require.NoError(t, err)
	_, err = f.msg.Unstake(f.Ctx, &types.MsgUnstake{Staker: attacker.String(), Amount: sdk.NewCoin(denom, floor)})
	require.ErrorIs(t, err, types.ErrInvalidAmount, "leaves 5 units staked")
	_, err = f.msg.Stake(f.Ctx, &types.MsgStake{Staker: attacker.String(), Amount: mt(denom, 1)})
	require.NoError(t, err, "adding dust to a position at the floor is fine: it queues nothing")
	res, err := f.msg.Unstake(f.Ctx, &types.MsgUnstake{Staker: attacker.String(), Amount: sdk.NewCoin(denom, floor.AddRaw(6))})
	require.NoError(t, err, "the whole position")
	_, err = f.msg.CancelUnbonding(f.Ctx, &types.MsgCancelUnbonding{Owner: attacker.String(), UnbondingId: res.UnbondingId, Amount: mt(denom, 1)})
	require.ErrorIs(t, err, types.ErrInvalidAmount, "a cancel that re-opens a dust position")
	_, err = f.msg.CancelUnbonding(f.Ctx, &types.MsgCancelUnbonding{Owner: attacker.String(), UnbondingId: res.UnbondingId, Amount: sdk.NewCoin(denom, floor)})
	require.NoError(t, err)
	f.checkInvariants(t)
}

// TestCancelUnbonding: part of an entry goes back to the position (counting
// from the next epoch), the rest keeps unbonding; a stranger, a matured
// entry, a wrong denom and too much are refused.
func TestCancelUnbonding(t *testing.T) {
	f := newFixture(t)
	denom := f.liveToken(t, "CANCEL")
	bob, alice := f.Accounts[2], f.Accounts[0]
	const unit = 1_000_000 // 1 MT: every position and entry stays above the default min_unstake
	_, err := f.msg.Stake(f.Ctx, &types.MsgStake{Staker: bob.String(), Amount: mt(denom, 1_000*unit)})
	require.NoError(t, err)
	res, err := f.msg.Unstake(f.Ctx, &types.MsgUnstake{Staker: bob.String(), Amount: mt(denom, 600*unit)})
	require.NoError(t, err)
	id := res.UnbondingId

	for _, tc := range []struct {
		name string
		msg  types.MsgCancelUnbonding
		want error
	}{
		{"unknown entry", types.MsgCancelUnbonding{Owner: bob.String(), UnbondingId: 99, Amount: mt(denom, unit)}, types.ErrUnknownUnbonding},
		{"not the owner", types.MsgCancelUnbonding{Owner: alice.String(), UnbondingId: id, Amount: mt(denom, unit)}, types.ErrNotUnbondingOwner},
		{"more than the entry", types.MsgCancelUnbonding{Owner: bob.String(), UnbondingId: id, Amount: mt(denom, 601*unit)}, types.ErrInvalidAmount},
		{"zero", types.MsgCancelUnbonding{Owner: bob.String(), UnbondingId: id, Amount: mt(denom, 0)}, types.ErrInvalidAmount},
		{"FLOCK", types.MsgCancelUnbonding{Owner: bob.String(), UnbondingId: id, Amount: uflock(math.OneInt())}, types.ErrInvalidDenom},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := f.msg.CancelUnbonding(f.Ctx, &tc.msg)
			require.ErrorIs(t, err, tc.want)
		})
	}
	_, err = f.msg.CancelUnbonding(f.Ctx, &types.MsgCancelUnbonding{Owner: bob.String(), UnbondingId: id, Amount: mt(denom, 200*unit)})
	require.NoError(t, err)
	pos, err := f.query.Position(f.Ctx, &types.QueryPositionRequest{Owner: bob.String(), Denom: denom})
	require.NoError(t, err)
	require.Equal(t, math.NewInt(600*unit).String(), pos.Position.Amount.String())
	entry, err := f.ModelTokenKeeper.Unbondings.Get(f.Ctx, id)
	require.NoError(t, err)
	require.Equal(t, math.NewInt(400*unit).String(), entry.Amount.String())
	f.checkInvariants(t)

	f.Ctx = f.Ctx.WithBlockTime(entry.CompletionTime)
	_, err = f.msg.CancelUnbonding(f.Ctx, &types.MsgCancelUnbonding{Owner: bob.String(), UnbondingId: id, Amount: mt(denom, unit)})
	require.ErrorIs(t, err, types.ErrUnbondingMatured)
	_, err = f.msg.CancelUnbonding(f.Ctx, &types.MsgCancelUnbonding{Owner: bob.String(), UnbondingId: id, Amount: mt(denom, 400*unit)})
	require.ErrorIs(t, err, types.ErrUnbondingMatured)
	f.checkInvariants(t)
}

// TestAttackAlphaZero: α = 0 is refused by validation, so a minted global
// pool is always claimable by the model's users with usage.
func TestAttackAlphaZero(t *testing.T) {
	f := newFixture(t)
	p, err := f.ModelTokenKeeper.Params.Get(f.Ctx)
	require.NoError(t, err)
	p.Alpha = math.LegacyZeroDec()
	_, err = f.msg.UpdateParams(f.Ctx, &types.MsgUpdateParams{Authority: testutil.GovAuthority(), Params: p})
	require.ErrorIs(t, err, types.ErrInvalidParams)
}

// orderOutcome runs one order of "post usage" and "unlock" in the epoch in
// which an expired lock still counted at the epoch's start, settles the
// epoch and returns the multiplier the user's usage got and their reward.
func orderOutcome(t *testing.T, lockFlock int64, days uint32, unlockFirst, extend bool) (math.LegacyDec, sdk.Coins) {
	f := newFixture(t)
	denom := f.liveToken(t, "ORDER")
	f.withAttesters(t, 1, 1)
	user, other := f.Accounts[2], f.Accounts[0]
	f.nextEpoch(t)
	f.advance(time.Hour)
	_, err := f.msg.Lock(f.Ctx, &types.MsgLock{Owner: user.String(), Amount: uflock(flock(lockFlock)), DurationDays: days})
	require.NoError(t, err)
	for i := uint32(0); i < days; i++ {
		f.nextEpoch(t) // the lock ends an hour into the last of these epochs, and counts at its start
	}
	e, err := f.ModelTokenKeeper.GetEpoch(f.Ctx)
	require.NoError(t, err)
	f.advance(2 * time.Hour) // the lock has expired
	unlock := func() {
		if extend { // a relock restarts the lock: it must not erase the multiplier either
			_, err := f.msg.ExtendLock(f.Ctx, &types.MsgExtendLock{Owner: user.String(), LockId: 1, DurationDays: 30})
			require.NoError(t, err)
			return
		}
		_, err := f.msg.Unlock(f.Ctx, &types.MsgUnlock{Owner: user.String(), LockId: 1})
		require.NoError(t, err)
	}
	if unlockFirst {
		unlock()
	}
	f.post(t, e.Number, denom, "o", types.UsageRow{User: user.String(), Spend: 1_000}, types.UsageRow{User: other.String(), Spend: 1_000})
	if !unlockFirst {
		unlock()
	}
	rec, err := f.ModelTokenKeeper.UsageByUser.Get(f.Ctx, collections.Join3(e.Number, denom, user))
	require.NoError(t, err)
	f.settleThrough(t, e.Number)
	return rec.Gm, f.pending(t, user)
}

// TestAttackOrderDependentMultiplier: for several lock sizes and lengths,
// unlock (or extend) before usage and usage before unlock (or extend) give
// the same multiplier (the
// one of the locks at the epoch's start, above 1) and pay the same reward.
func TestAttackOrderDependentMultiplier(t *testing.T) {
	for _, tc := range []struct {
		flock int64
		days  uint32
	}{{50_000, 1}, {1_000, 1}, {20_000, 2}} {
		for _, extend := range []bool{false, true} {
			t.Run(fmt.Sprintf("%d FLOCK for %d days, extend=%t", tc.flock, tc.days, extend), func(t *testing.T) {
				gUsageFirst, payUsageFirst := orderOutcome(t, tc.flock, tc.days, false, extend)
				gUnlockFirst, payUnlockFirst := orderOutcome(t, tc.flock, tc.days, true, extend)
				require.True(t, gUsageFirst.GT(math.LegacyOneDec()), "the lock counted at the epoch's start: %s", gUsageFirst)
				require.Equal(t, gUsageFirst.String(), gUnlockFirst.String())
				require.Equal(t, payUsageFirst.String(), payUnlockFirst.String(), "both orders pay the same")
			})
		}
	}
}

// TestAttackUppercaseDuplicates: bech32 accepts an all-upper-case spelling
// of an address. A batch naming one user in both spellings, and an
// attester list naming one account twice (or not in canonical form), are
// refused with typed errors.
func TestAttackUppercaseDuplicates(t *testing.T) {
	f := newFixture(t)
	denom := f.liveToken(t, "CASE")
	f.withAttesters(t, 1, 1)
	f.nextEpoch(t)
	e, err := f.ModelTokenKeeper.GetEpoch(f.Ctx)
	require.NoError(t, err)
	user := f.Accounts[2].String()
	_, err = f.msg.SubmitUsage(f.Ctx, &types.MsgSubmitUsage{Attester: f.Accounts[0].String(), Epoch: e.Number, Denom: denom, BatchId: "case",
		Rows: []types.UsageRow{{User: user, Spend: 10}, {User: strings.ToUpper(user), Spend: 10}}})
	require.ErrorIs(t, err, types.ErrInvalidBatch)

	a := f.Accounts[1].String()
	for name, list := range map[string][]string{
		"same attester twice": {a, strings.ToUpper(a)},
		"upper-case attester": {strings.ToUpper(a)},
	} {
		t.Run(name, func(t *testing.T) {
			p, err := f.ModelTokenKeeper.Params.Get(f.Ctx)
			require.NoError(t, err)
			p.Attesters, p.AttestationQuorum = list, 1
			_, err = f.msg.UpdateParams(f.Ctx, &types.MsgUpdateParams{Authority: testutil.GovAuthority(), Params: p})
			require.ErrorIs(t, err, types.ErrInvalidParams)
		})
	}
}

// TestAttackHugeAmounts: amounts near 2^256 in every message that carries
// one are refused with ErrInvalidAmount before any arithmetic (they used
// to panic in formulas.CeilBps and SwapOut), and change nothing.
func TestAttackHugeAmounts(t *testing.T) {
	f := newFixture(t)
	denom := f.liveToken(t, "HUGE")
	f.withReporter(t, f.Accounts[0])
	huge := math.NewIntFromBigInt(new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 256), big.NewInt(1)))
	a := f.Accounts[0].String()
	_, err := f.msg.CreateLaunch(f.Ctx, launchMsg(f.Accounts[0], "OPEN"))
	require.NoError(t, err)
	launchID := uint64(2)
	for _, msg := range []sdk.Msg{
		&types.MsgBuy{Buyer: a, LaunchId: launchID, FlockIn: uflock(huge), MinMtOut: math.ZeroInt()},
		&types.MsgBuy{Buyer: a, LaunchId: launchID, FlockIn: uflock(flock(1)), MinMtOut: huge},
		&types.MsgSwap{Trader: a, Denom: denom, TokenIn: uflock(huge), MinOut: math.ZeroInt()},
		&types.MsgSwap{Trader: a, Denom: denom, TokenIn: mt(denom, 1).AddAmount(huge.SubRaw(1)), MinOut: math.ZeroInt()},
		&types.MsgSwap{Trader: a, Denom: denom, TokenIn: uflock(flock(1)), MinOut: huge},
		&types.MsgStake{Staker: a, Amount: sdk.Coin{Denom: denom, Amount: huge}},
		&types.MsgUnstake{Staker: a, Amount: sdk.Coin{Denom: denom, Amount: huge}},
		&types.MsgLock{Owner: a, Amount: uflock(huge), DurationDays: 30},
		&types.MsgFundIncentive{Funder: a, Denom: denom, Amount: uflock(huge)},
		&types.MsgDepositRevenue{Reporter: a, Denom: denom, Amount: uflock(huge)},
		&types.MsgCreateLaunch{Creator: a, ModelType: "llm-small", Name: "X", Symbol: "XHUGE", ModelId: "x", BundleFlock: huge},
	} {
		t.Run(sdk.MsgTypeURL(msg), func(t *testing.T) {
			before := f.BankKeeper.GetAllBalances(f.Ctx, f.Accounts[0])
			handler := f.MsgServiceRouter().Handler(msg)
			require.NotNil(t, handler)
			require.NotPanics(t, func() {
				ctx, _ := f.Ctx.CacheContext()
				_, err = handler(ctx, msg)
			})
			require.ErrorIs(t, err, types.ErrInvalidAmount)
			require.Equal(t, before, f.BankKeeper.GetAllBalances(f.Ctx, f.Accounts[0]))
		})
	}
}

// TestAttackDustFarming: a sole user with $0.000543 of spend and 43 base
// units of stake used to take a model's whole incentive release (a 43-unit
// position is now refused, so the dust user farms with spend alone). Below the
// default floors (min_incentive_spend $0.01, min_incentive_stake 1 MT) the
// user earns from the global pool only, the release waits for an eligible
// user, and a user above the floors then gets it.
func TestAttackDustFarming(t *testing.T) {
	f := newFixture(t)
	denom := f.liveToken(t, "FARM")
	f.withAttesters(t, 1, 1)
	f.withDefaultFloors(t)
	dust, honest := f.Accounts[2], f.Accounts[1]
	f.nextEpoch(t)
	_, err := f.msg.Stake(f.Ctx, &types.MsgStake{Staker: dust.String(), Amount: mt(denom, 43)})
	require.ErrorIs(t, err, types.ErrInvalidAmount, "a dust position is refused outright now (min_unstake binds positions)")
	_, err = f.msg.Stake(f.Ctx, &types.MsgStake{Staker: honest.String(), Amount: mt(denom, 5_000_000)})
	require.NoError(t, err)
	_, err = f.msg.FundIncentive(f.Ctx, &types.MsgFundIncentive{Funder: f.Accounts[0].String(), Denom: denom, Amount: uflock(flock(1_800))})
	require.NoError(t, err)

	epoch := f.postNextEpoch(t, denom, "dust", types.UsageRow{User: dust.String(), Spend: 543})
	r, err := f.query.EpochModelReward(f.Ctx, &types.QueryEpochModelRewardRequest{Epoch: epoch, Denom: denom})
	require.NoError(t, err)
	require.True(t, r.Reward.ReservedFlock.IsZero() && r.Reward.Mt.IsZero(), "no eligible user: the incentive release waits")
	got := f.pending(t, dust)
	require.True(t, got.AmountOf(denom).IsZero(), "no MT incentives for dust: %s", got)
	require.Equal(t, r.Reward.Emission.String(), got.AmountOf("uflock").String(), "the global pool is the dust user's (usage alone is eligible)")
	f.checkInvariants(t)

	// An eligible user in the next epoch gets the release that waited.
	epoch = f.postNextEpoch(t, denom, "real", types.UsageRow{User: dust.String(), Spend: 543}, types.UsageRow{User: honest.String(), Spend: 2_000_000})
	r, err = f.query.EpochModelReward(f.Ctx, &types.QueryEpochModelRewardRequest{Epoch: epoch, Denom: denom})
	require.NoError(t, err)
	require.Equal(t, flock(10).String(), r.Reward.ReservedFlock.String())
	require.True(t, f.pending(t, dust).AmountOf(denom).IsZero())
	require.True(t, f.pending(t, honest).AmountOf(denom).IsPositive())
	f.checkInvariants(t)
}
