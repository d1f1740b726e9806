package main

// chain drives the real x/modeltoken keeper of an in-memory FlockApp
// (testutil.NewApp: every keeper wired as in production). Nothing here
// computes an economic quantity: launches, buys, stakes, locks, usage,
// settlement and rewards all go through the module's msg server, BeginBlocker
// and queries, so the report shows what the chain would do.

import (
	"fmt"
	"os"
	"time"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/flockchain/flockd/app"
	"github.com/flockchain/flockd/testutil"
	"github.com/flockchain/flockd/x/modeltoken/keeper"
	"github.com/flockchain/flockd/x/modeltoken/types"
)

const (
	// FLOCK per account: enough for the launches, locks and deposits of a
	// scenario, while the total stays far below flock_max_supply (emission is
	// capped by the supply, so a test app holding the whole cap would mint nothing).
	accountFunds = 5_000_000
	opsAccounts  = 3 // attester/reporter, issuer, supporter; users come after
)

type chain struct {
	app      *testutil.TestApp
	home     string
	k        keeper.Keeper
	msg      types.MsgServer
	q        types.QueryServer
	attester sdk.AccAddress // also the revenue reporter
	issuer   sdk.AccAddress
	buyer    sdk.AccAddress // fills every launch, then hands MT to users
	users    []sdk.AccAddress
	batches  int
}

func flock(n int64) math.Int { return math.NewInt(n).MulRaw(types.MicroPerFlock) }

// newChain starts an app whose module params are p, except the operational
// ones a scenario needs to run at all (one attester with quorum 1 and no
// per-attester cap, one revenue reporter): they move no reward.
func newChain(p types.Params, users int) (*chain, error) {
	home, err := os.MkdirTemp("", "flockd-econ")
	if err != nil {
		return nil, err
	}
	a, err := testutil.NewApp(home, users+opsAccounts, sdk.NewCoins(sdk.NewCoin(app.BondDenom, flock(accountFunds))), nil)
	if err != nil {
		os.RemoveAll(home)
		return nil, err
	}
	c := &chain{app: a, home: home, k: a.ModelTokenKeeper, attester: a.Accounts[0], issuer: a.Accounts[1], buyer: a.Accounts[2], users: a.Accounts[opsAccounts:]}
	c.msg, c.q = keeper.NewMsgServerImpl(c.k), keeper.NewQueryServerImpl(c.k)
	cur, err := c.k.Params.Get(a.Ctx)
	if err != nil {
		return nil, err
	}
	p.Treasury = cur.Treasury
	p.Attesters = []string{c.attester.String()}
	p.AttestationQuorum = 1
	p.MaxAttesterShareBps = 10_000
	p.RevenueReporters = []string{c.attester.String()}
	if err := p.Validate(a.AccountKeeper.AddressCodec()); err != nil {
		return nil, fmt.Errorf("params: %w", err)
	}
	if err := c.k.Params.Set(a.Ctx, p); err != nil {
		return nil, err
	}
	if p.AttesterMinBond.IsPositive() {
		if _, err := c.msg.BondAttester(a.Ctx, &types.MsgBondAttester{Attester: c.attester.String(), Amount: sdk.NewCoin(app.BondDenom, p.AttesterMinBond)}); err != nil {
			return nil, fmt.Errorf("bond attester: %w", err)
		}
	}
	return c, c.k.BeginBlocker(a.Ctx) // starts epoch 1
}

func (c *chain) close() { os.RemoveAll(c.home) }

func (c *chain) ctx() sdk.Context { return c.app.Ctx }

func (c *chain) params() types.Params {
	p, err := c.k.Params.Get(c.app.Ctx)
	if err != nil {
		panic(err) // set in newChain
	}
	return p
}

// block moves the clock by d to a new height and runs the module's BeginBlocker.
func (c *chain) block(d time.Duration) error {
	c.app.Ctx = c.app.Ctx.WithBlockTime(c.app.Ctx.BlockTime().Add(d)).WithBlockHeight(c.app.Ctx.BlockHeight() + 1)
	return c.k.BeginBlocker(c.app.Ctx)
}

func (c *chain) epoch() uint64 {
	e, err := c.k.GetEpoch(c.app.Ctx)
	if err != nil {
		panic(err)
	}
	return e.Number
}

// nextEpoch jumps to the next epoch's first block.
func (c *chain) nextEpoch() error {
	e, err := c.k.GetEpoch(c.app.Ctx)
	if err != nil {
		return err
	}
	c.app.Ctx = c.app.Ctx.WithBlockTime(e.StartTime.Add(c.params().EpochDuration)).WithBlockHeight(c.app.Ctx.BlockHeight() + 1)
	if err := c.k.BeginBlocker(c.app.Ctx); err != nil {
		return err
	}
	if c.epoch() != e.Number+1 {
		return fmt.Errorf("epoch %d did not end", e.Number)
	}
	return nil
}

// settle runs blocks until epoch e is settled (after its grace and dispute window).
func (c *chain) settle(e uint64) error {
	for i := 0; i < 100; i++ {
		if _, err := c.k.EpochSummaries.Get(c.app.Ctx, e); err == nil {
			return nil
		}
		if c.epoch() <= e {
			if err := c.nextEpoch(); err != nil {
				return err
			}
			continue
		}
		p := c.params()
		if err := c.block((p.AttestationGrace + p.DisputeWindow) / 4); err != nil {
			return err
		}
	}
	return fmt.Errorf("epoch %d never settled", e)
}

// liveModel launches symbol with model type mtype, fills the raise (which
// graduates it) and claims the sale MT to the buyer account.
func (c *chain) liveModel(symbol, mtype string) (string, error) {
	res, err := c.msg.CreateLaunch(c.app.Ctx, &types.MsgCreateLaunch{Creator: c.issuer.String(), ModelType: mtype,
		Name: symbol + " model", Symbol: symbol, ModelId: "model-" + symbol, BundleFlock: math.ZeroInt()})
	if err != nil {
		return "", fmt.Errorf("launch %s: %w", symbol, err)
	}
	if err := c.waitAntiSnipe(); err != nil {
		return "", err
	}
	mt, ok := c.modelType(mtype)
	if !ok {
		return "", fmt.Errorf("no model type %s", mtype)
	}
	if _, err := c.msg.Buy(c.app.Ctx, &types.MsgBuy{Buyer: c.buyer.String(), LaunchId: res.LaunchId,
		FlockIn: sdk.NewCoin(app.BondDenom, mt.RaiseMax.MulRaw(2)), MinMtOut: math.ZeroInt()}); err != nil {
		return "", fmt.Errorf("fill %s: %w", symbol, err)
	}
	if _, err := c.msg.ClaimLaunch(c.app.Ctx, &types.MsgClaimLaunch{Supporter: c.buyer.String(), LaunchId: res.LaunchId}); err != nil {
		return "", fmt.Errorf("claim %s: %w", symbol, err)
	}
	return res.Denom, nil
}

// waitAntiSnipe moves the clock until the anti-sniping tax is zero (a
// scenario measures the curve, not the tax), without running BeginBlock.
func (c *chain) waitAntiSnipe() error {
	p := c.params()
	if p.AntiSnipeStartBps == 0 {
		return nil
	}
	if p.AntiSnipeDecayBpsPerMinute == 0 {
		return fmt.Errorf("the anti-sniping tax never decays with these params")
	}
	minutes := (p.AntiSnipeStartBps + p.AntiSnipeDecayBpsPerMinute - 1) / p.AntiSnipeDecayBpsPerMinute
	c.app.Ctx = c.app.Ctx.WithBlockTime(c.app.Ctx.BlockTime().Add(time.Duration(minutes+1) * time.Minute))
	return nil
}

func (c *chain) modelType(id string) (types.ModelType, bool) {
	mt, err := c.k.Launch.ModelTypes.Get(c.app.Ctx, id)
	return mt, err == nil
}

// give sends MT from the buyer to a user.
func (c *chain) give(user sdk.AccAddress, denom string, amount math.Int) error {
	return c.app.BankKeeper.SendCoins(c.app.Ctx, c.buyer, user, sdk.NewCoins(sdk.NewCoin(denom, amount)))
}

func (c *chain) stake(user sdk.AccAddress, denom string, amount math.Int) error {
	if !amount.IsPositive() {
		return nil
	}
	if err := c.give(user, denom, amount); err != nil {
		return fmt.Errorf("fund stake: %w", err)
	}
	_, err := c.msg.Stake(c.app.Ctx, &types.MsgStake{Staker: user.String(), Amount: sdk.NewCoin(denom, amount)})
	return err
}

func (c *chain) lock(user sdk.AccAddress, amount math.Int, days uint32) error {
	if !amount.IsPositive() {
		return nil
	}
	_, err := c.msg.Lock(c.app.Ctx, &types.MsgLock{Owner: user.String(), Amount: sdk.NewCoin(app.BondDenom, amount), DurationDays: days})
	return err
}

// post submits one batch of usage rows for the current epoch.
func (c *chain) post(denom string, rows []types.UsageRow) error {
	if len(rows) == 0 {
		return nil
	}
	c.batches++
	_, err := c.msg.SubmitUsage(c.app.Ctx, &types.MsgSubmitUsage{Attester: c.attester.String(), Epoch: c.epoch(), Denom: denom,
		BatchId: fmt.Sprintf("econ-%d", c.batches), Rows: rows})
	return err
}

// pending is what a user can claim: FLOCK in total and MT per model.
func (c *chain) pending(user sdk.AccAddress) (flockTotal math.Int, perModel map[string]types.ModelReward, err error) {
	res, err := c.q.PendingRewards(c.app.Ctx, &types.QueryPendingRewardsRequest{Owner: user.String()})
	if err != nil {
		return math.Int{}, nil, err
	}
	perModel = map[string]types.ModelReward{}
	for _, m := range res.Models {
		perModel[m.Denom] = m
	}
	return res.Total.AmountOf(app.BondDenom), perModel, nil
}
