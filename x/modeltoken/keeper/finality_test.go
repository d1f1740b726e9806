package keeper_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/flockchain/flockd/testutil"
	"github.com/flockchain/flockd/x/modeltoken/keeper"
	"github.com/flockchain/flockd/x/modeltoken/types"
)

// A finished epoch is final (spec: "A finished epoch is final"): nothing
// anyone does between the end of epoch e and its settlement changes a
// reward of e, except a void inside the dispute window. These tests run the
// chain's shipped parameters (types.DefaultParams: 6 h grace, 24 h dispute
// window, so e settles 6 h into e+2), where the stake total of e used to be
// read from a later epoch.

// newProductionFixture is a fixture on the chain's default params, with
// Accounts[0] a bonded attester (quorum 1) and a guardian.
func newProductionFixture(t testing.TB, accounts int) *fixture {
	t.Helper()
	ta := testutil.Setup(t, accounts, testutil.FLOCK(1_000_000))
	f := &fixture{
		TestApp:     ta,
		msg:         keeper.NewMsgServerImpl(ta.ModelTokenKeeper),
		query:       keeper.NewQueryServerImpl(ta.ModelTokenKeeper),
		flockSupply: ta.BankKeeper.GetSupply(ta.Ctx, "uflock").Amount,
	}
	require.Equal(t, types.DefaultParams().DisputeWindow, f.params(t).DisputeWindow, "the genesis params are the defaults")
	return f
}

func (f *fixture) params(t tb) types.Params {
	t.Helper()
	p, err := f.ModelTokenKeeper.Params.Get(f.Ctx)
	require.NoError(t, err)
	return p
}

// finalityWorld is one run: epoch e in which a whale (users[0], a gmFLOCK
// lock that expires during e+1) and a small staker (users[1]) have usage, a
// third staker (users[2]) has none, and users[3] holds MT and FLOCK only.
type finalityWorld struct {
	f      *fixture
	denom  string
	e      uint64
	users  []sdk.AccAddress
	lockID uint64
	settle time.Time // end(e) + grace + dispute window
}

// newFinalityWorld builds a world; outer is the test that owns the app
// (a rapid.T cannot start one).
func newFinalityWorld(outer testing.TB, t tb, edit func(*types.Params)) *finalityWorld {
	f := newProductionFixture(outer, 5)
	if edit != nil {
		p := f.params(t)
		edit(&p)
		_, err := f.msg.UpdateParams(f.Ctx, &types.MsgUpdateParams{Authority: testutil.GovAuthority(), Params: p})
		require.NoError(t, err)
	}
	w := &finalityWorld{f: f, users: f.Accounts[1:5]}
	w.denom = f.liveToken(t, "FIN")
	f.withAttesterTrust(t, 1, 1)
	bal := f.balance(w.users[0], w.denom)
	for i, amt := range []math.Int{bal.MulRaw(9).QuoRaw(10), bal.QuoRaw(10), bal.QuoRaw(10)} {
		_, err := f.msg.Stake(f.Ctx, &types.MsgStake{Staker: w.users[i].String(), Amount: sdk.NewCoin(w.denom, amt)})
		require.NoError(t, err)
	}
	lock, err := f.msg.Lock(f.Ctx, &types.MsgLock{Owner: w.users[0].String(), Amount: uflock(flock(20_000)), DurationDays: 1})
	require.NoError(t, err)
	w.lockID = lock.LockId
	f.nextEpoch(t)
	cur, err := f.ModelTokenKeeper.GetEpoch(f.Ctx)
	require.NoError(t, err)
	w.e = cur.Number
	p := f.params(t)
	w.settle = cur.StartTime.Add(p.EpochDuration).Add(p.AttestationGrace).Add(p.DisputeWindow)
	// The small staker's usage is posted during e, the whale's during the
	// grace (or during e as well when there is no grace to post in).
	f.post(t, w.e, w.denom, "in-epoch", types.UsageRow{User: w.users[1].String(), Spend: 40_000_000})
	return w
}

// phase runs the next part of the window between e's end and its
// settlement: A before the whale's usage of e is posted, B after it, C one
// second before settlement. Each part runs actions (nil: none).
func (w *finalityWorld) run(t tb, actions [3]func()) {
	f, p := w.f, w.f.params(t)
	late := p.AttestationGrace >= time.Minute
	if !late {
		f.post(t, w.e, w.denom, "whale", types.UsageRow{User: w.users[0].String(), Spend: 60_000_000})
	}
	f.nextEpoch(t) // e ends
	if actions[0] != nil {
		actions[0]()
	}
	if late {
		f.Ctx = f.Ctx.WithBlockTime(f.Ctx.BlockTime().Add(p.AttestationGrace / 2)).WithBlockHeight(f.Ctx.BlockHeight() + 1)
		f.post(t, w.e, w.denom, "whale", types.UsageRow{User: w.users[0].String(), Spend: 60_000_000})
	}
	if actions[1] != nil {
		actions[1]()
	}
	if before := w.settle.Add(-time.Second); before.After(f.Ctx.BlockTime()) {
		f.Ctx = f.Ctx.WithBlockTime(before).WithBlockHeight(f.Ctx.BlockHeight() + 1)
		require.NoError(t, f.ModelTokenKeeper.BeginBlocker(f.Ctx))
		if actions[2] != nil {
			actions[2]()
		}
	}
	f.Ctx = f.Ctx.WithBlockTime(w.settle).WithBlockHeight(f.Ctx.BlockHeight() + 1)
	for i := 0; i < 10; i++ {
		require.NoError(t, f.ModelTokenKeeper.BeginBlocker(f.Ctx))
		if _, err := f.ModelTokenKeeper.EpochSummaries.Get(f.Ctx, w.e); err == nil {
			break
		}
		f.advance(time.Second)
	}
	_, err := f.ModelTokenKeeper.EpochSummaries.Get(f.Ctx, w.e)
	require.NoError(t, err, "epoch %d settled", w.e)
	require.NoError(t, f.ModelTokenKeeper.CheckInvariants(f.Ctx))
}

// rewards are what settlement sealed for (e, model) and each user's
// pending rewards (only e has usage that settled).
func (w *finalityWorld) rewards(t tb) (types.EpochModelReward, []sdk.Coins) {
	r, err := w.f.query.EpochModelReward(w.f.Ctx, &types.QueryEpochModelRewardRequest{Epoch: w.e, Denom: w.denom})
	require.NoError(t, err)
	var paid []sdk.Coins
	for _, u := range w.users {
		res, err := w.f.query.PendingRewards(w.f.Ctx, &types.QueryPendingRewardsRequest{Owner: u.String()})
		require.NoError(t, err)
		paid = append(paid, res.Total)
	}
	return r.Reward, paid
}

// sealed prints a sealed reward for comparison (math.Int is a pointer).
func sealed(r types.EpochModelReward) string { return r.String() }

// try runs a message in a cache context, as a transaction would: a refused
// message changes nothing.
func (w *finalityWorld) try(fn func(ctx sdk.Context) error) error {
	cc, write := w.f.Ctx.CacheContext()
	err := fn(cc)
	if err == nil {
		write()
	}
	w.f.advance(time.Second)
	return err
}

// TestSettledEpochIsFinal: the attacks of the safety review, each between
// e's end and its settlement under the default params; every reward of e
// equals the run without them.
func TestSettledEpochIsFinal(t *testing.T) {
	control := newFinalityWorld(t, t, nil)
	control.run(t, [3]func(){})
	wantReward, want := control.rewards(t)
	require.True(t, wantReward.Emission.IsPositive())

	for _, tc := range []struct {
		name    string
		actions func(w *finalityWorld) [3]func()
	}{
		// (it cancels the unbonding right after settlement: nothing lost
		// but two transactions' gas)
		{"the whale unstakes everything one block before settlement", func(w *finalityWorld) [3]func() {
			return [3]func(){2: func() {
				_, err := w.f.msg.Unstake(w.f.Ctx, &types.MsgUnstake{Staker: w.users[0].String(), Amount: sdk.NewCoin(w.denom, w.staked(w.users[0]))})
				require.NoError(t, err)
			}}
		}},
		{"a newcomer stakes in e+2 before settlement", func(w *finalityWorld) [3]func() {
			return [3]func(){2: func() {
				_, err := w.f.msg.Stake(w.f.Ctx, &types.MsgStake{Staker: w.users[3].String(), Amount: sdk.NewCoin(w.denom, w.f.balance(w.users[3], w.denom))})
				require.NoError(t, err)
			}}
		}},
		{"the small staker unstakes during the grace", func(w *finalityWorld) [3]func() {
			return [3]func(){1: func() {
				_, err := w.f.msg.Unstake(w.f.Ctx, &types.MsgUnstake{Staker: w.users[1].String(), Amount: sdk.NewCoin(w.denom, w.f.counted(t, w.users[1], w.denom))})
				require.NoError(t, err)
			}}
		}},
		{"the whale extends its lock before its usage is posted", func(w *finalityWorld) [3]func() {
			return [3]func(){0: func() {
				_, err := w.f.msg.ExtendLock(w.f.Ctx, &types.MsgExtendLock{Owner: w.users[0].String(), LockId: w.lockID, DurationDays: 30})
				require.NoError(t, err)
			}}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := newFinalityWorld(t, t, nil)
			w.run(t, tc.actions(w))
			gotReward, got := w.rewards(t)
			require.Equal(t, sealed(wantReward), sealed(gotReward))
			require.Equal(t, want, got)
		})
	}
}

// TestEpochFinalityProperty: random actions by everyone (stake, unstake,
// cancel, withdraw, lock, extend, unlock, swaps, usage of the next epoch,
// new launches) between e's end and its settlement leave every reward of e
// as in the run without them, under the default params and under random
// grace, dispute window and α.
func TestEpochFinalityProperty(t *testing.T) {
	if testing.Short() {
		t.Skip("builds two apps per case")
	}
	controls := map[string]types.EpochModelReward{}
	controlPaid := map[string][]sdk.Coins{}
	rapid.Check(t, func(rt *rapid.T) {
		edit := drawFinalityParams(rt)
		key := fmt.Sprint(edit)
		if _, ok := controls[key]; !ok {
			c := newFinalityWorld(t, rt, edit.apply)
			c.run(rt, [3]func(){})
			controls[key], controlPaid[key] = c.rewards(rt)
		}
		w := newFinalityWorld(t, rt, edit.apply)
		var actions [3]func()
		for i := range actions {
			n := rapid.IntRange(0, 6).Draw(rt, fmt.Sprintf("actions%d", i))
			actions[i] = func() {
				for j := 0; j < n; j++ {
					w.randomAction(rt)
				}
			}
		}
		w.run(rt, actions)
		gotReward, got := w.rewards(rt)
		require.Equal(rt, sealed(controls[key]), sealed(gotReward))
		require.Equal(rt, controlPaid[key], got)
	})
}

// finalityParams are the params a property case draws (zero: defaults).
type finalityParams struct {
	random  bool
	grace   time.Duration
	dispute time.Duration
	alpha   math.LegacyDec
}

func drawFinalityParams(rt *rapid.T) finalityParams {
	if !rapid.Bool().Draw(rt, "randomParams") {
		return finalityParams{}
	}
	day := 24 * time.Hour
	return finalityParams{
		random: true,
		// Grace below the epoch (the params require it); dispute windows
		// from none to three epochs, so e settles in e+1 to e+4.
		grace:   time.Duration(rapid.Int64Range(0, int64(day/time.Hour)-1).Draw(rt, "graceHours")) * time.Hour,
		dispute: time.Duration(rapid.Int64Range(0, 3*int64(day/time.Hour)).Draw(rt, "disputeHours")) * time.Hour,
		alpha:   math.LegacyNewDecWithPrec(rapid.Int64Range(1, 100).Draw(rt, "alphaPct"), 2),
	}
}

func (fp finalityParams) apply(p *types.Params) {
	if !fp.random {
		return
	}
	p.AttestationGrace, p.DisputeWindow = fp.grace, fp.dispute
	p.Alpha = fp.alpha
	if need := p.EpochDuration + p.AttestationGrace + p.DisputeWindow + time.Hour; p.AttesterUnbonding < need {
		p.AttesterUnbonding = need
	}
}

func (fp finalityParams) String() string {
	if !fp.random {
		return "defaults"
	}
	return fmt.Sprintf("grace=%s dispute=%s alpha=%s", fp.grace, fp.dispute, fp.alpha)
}

// randomAction runs one action by a random user; refused actions change
// nothing (they run in a cache context, as a transaction would).
func (w *finalityWorld) randomAction(rt *rapid.T) {
	f := w.f
	u := w.users[rapid.IntRange(0, len(w.users)-1).Draw(rt, "user")]
	pct := rapid.Int64Range(1, 100).Draw(rt, "pct")
	part := func(x math.Int) math.Int { return x.MulRaw(pct).QuoRaw(100) }
	mtOf := func(x math.Int) sdk.Coin { return sdk.NewCoin(w.denom, x) }
	switch rapid.IntRange(0, 9).Draw(rt, "action") {
	case 0:
		_ = w.try(func(c sdk.Context) error {
			_, err := f.msg.Stake(c, &types.MsgStake{Staker: u.String(), Amount: mtOf(part(f.balance(u, w.denom)))})
			return err
		})
	case 1:
		_ = w.try(func(c sdk.Context) error {
			_, err := f.msg.Unstake(c, &types.MsgUnstake{Staker: u.String(), Amount: mtOf(part(w.staked(u)))})
			return err
		})
	case 2:
		_ = w.try(func(c sdk.Context) error {
			res, err := f.query.Unbondings(c, &types.QueryUnbondingsRequest{Owner: u.String()})
			if err != nil || len(res.Entries) == 0 {
				return err
			}
			e := res.Entries[len(res.Entries)-1]
			_, err = f.msg.CancelUnbonding(c, &types.MsgCancelUnbonding{Owner: u.String(), UnbondingId: e.Id, Amount: mtOf(math.MinInt(part(e.Amount).Add(math.OneInt()), e.Amount))})
			return err
		})
	case 3:
		_ = w.try(func(c sdk.Context) error {
			_, err := f.msg.WithdrawUnbonded(c, &types.MsgWithdrawUnbonded{Owner: u.String(), Denom: w.denom})
			return err
		})
	case 4:
		_ = w.try(func(c sdk.Context) error {
			_, err := f.msg.Lock(c, &types.MsgLock{Owner: u.String(), Amount: uflock(flock(pct * 100)), DurationDays: uint32(pct)})
			return err
		})
	case 5:
		_ = w.try(func(c sdk.Context) error {
			_, err := f.msg.ExtendLock(c, &types.MsgExtendLock{Owner: u.String(), LockId: w.lockID, DurationDays: uint32(pct)})
			return err
		})
	case 6:
		_ = w.try(func(c sdk.Context) error {
			_, err := f.msg.Unlock(c, &types.MsgUnlock{Owner: u.String(), LockId: w.lockID})
			return err
		})
	case 7:
		in := uflock(flock(pct))
		if rapid.Bool().Draw(rt, "sellMT") {
			in = mtOf(part(f.balance(u, w.denom)))
		}
		_ = w.try(func(c sdk.Context) error {
			_, err := f.msg.Swap(c, &types.MsgSwap{Trader: u.String(), Denom: w.denom, TokenIn: in, MinOut: math.ZeroInt()})
			return err
		})
	case 8:
		cur, err := f.ModelTokenKeeper.GetEpoch(f.Ctx)
		require.NoError(rt, err)
		_ = w.try(func(c sdk.Context) error {
			_, err := f.msg.SubmitUsage(c, &types.MsgSubmitUsage{Attester: f.Accounts[0].String(), Epoch: cur.Number, Denom: w.denom,
				BatchId: fmt.Sprintf("next-%d", c.BlockHeight()), Rows: []types.UsageRow{{User: u.String(), Spend: uint64(pct) * 1_000_000}}})
			return err
		})
	case 9:
		_ = w.try(func(c sdk.Context) error {
			_, err := f.msg.CreateLaunch(c, launchMsg(u, fmt.Sprintf("N%d", c.BlockHeight())))
			return err
		})
	}
}

func (w *finalityWorld) staked(u sdk.AccAddress) math.Int {
	res, err := w.f.query.Position(w.f.Ctx, &types.QueryPositionRequest{Owner: u.String(), Denom: w.denom})
	if err != nil {
		return math.ZeroInt()
	}
	return res.Position.Amount
}
