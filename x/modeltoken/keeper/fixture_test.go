package keeper_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"

	"github.com/flockchain/flockd/app"
	"github.com/flockchain/flockd/testutil"
	"github.com/flockchain/flockd/x/modeltoken/types"
)

// Helpers every keeper test shares: amounts, a live model token, moving
// the epoch clock, posting usage, settling.

func flock(n int64) math.Int { return math.NewInt(n).MulRaw(1_000_000) }

func uflock(n math.Int) sdk.Coin { return sdk.NewCoin(app.BondDenom, n) }

func mt(denom string, n int64) sdk.Coin { return sdk.NewCoin(denom, math.NewInt(n)) }

func (f *fixture) advance(d time.Duration) {
	f.Ctx = f.Ctx.WithBlockTime(f.Ctx.BlockTime().Add(d)).WithBlockHeight(f.Ctx.BlockHeight() + 1)
}

func (f *fixture) balance(addr sdk.AccAddress, denom string) math.Int {
	return f.BankKeeper.GetBalance(f.Ctx, addr, denom).Amount
}

func (f *fixture) treasury() sdk.AccAddress {
	p, err := f.ModelTokenKeeper.Params.Get(f.Ctx)
	if err != nil {
		panic(err)
	}
	return sdk.MustAccAddressFromBech32(p.Treasury)
}

// checkInvariants asserts the module's ledgers match the bank and that the
// FLOCK supply never moved (the launch flow creates and destroys no FLOCK).
func (f *fixture) checkInvariants(t *testing.T) {
	t.Helper()
	require.NoError(t, f.ModelTokenKeeper.CheckInvariants(f.Ctx))
	require.Equal(t, f.flockSupply, f.BankKeeper.GetSupply(f.Ctx, app.BondDenom).Amount, "FLOCK supply changed")
}

func launchMsg(creator sdk.AccAddress, symbol string) *types.MsgCreateLaunch {
	return &types.MsgCreateLaunch{
		Creator: creator.String(), ModelType: "llm-small", Name: "Llama " + symbol,
		Symbol: symbol, Description: "a chat model", ModelId: "llama-" + symbol, BundleFlock: math.ZeroInt(),
	}
}

func buyMsg(buyer sdk.AccAddress, id uint64, amount math.Int) *types.MsgBuy {
	return &types.MsgBuy{Buyer: buyer.String(), LaunchId: id, FlockIn: uflock(amount), MinMtOut: math.ZeroInt()}
}

// liveToken launches symbol, fills the raise from Accounts[1] (which
// graduates it), claims, and spreads the MT so every account holds some.
func (f *fixture) liveToken(t tb, symbol string) string {
	t.Helper()
	res, err := f.msg.CreateLaunch(f.Ctx, launchMsg(f.Accounts[0], symbol))
	require.NoError(t, err)
	f.advance(2 * time.Hour)
	_, err = f.msg.Buy(f.Ctx, buyMsg(f.Accounts[1], res.LaunchId, flock(300_000)))
	require.NoError(t, err)
	paid, err := f.msg.ClaimLaunch(f.Ctx, &types.MsgClaimLaunch{Supporter: f.Accounts[1].String(), LaunchId: res.LaunchId})
	require.NoError(t, err)
	share := paid.Paid.Amount.QuoRaw(int64(len(f.Accounts)))
	for _, a := range f.Accounts[:len(f.Accounts)] {
		if a.Equals(f.Accounts[1]) {
			continue
		}
		require.NoError(t, f.BankKeeper.SendCoins(f.Ctx, f.Accounts[1], a, sdk.NewCoins(sdk.NewCoin(res.Denom, share))))
	}
	return res.Denom
}

// nextEpoch moves block time past the epoch end and runs BeginBlock.
func (f *fixture) nextEpoch(t tb) {
	t.Helper()
	if _, err := f.ModelTokenKeeper.Epoch.Get(f.Ctx); err != nil { // start epoch 1 first
		require.NoError(t, f.ModelTokenKeeper.BeginBlocker(f.Ctx))
	}
	before, err := f.ModelTokenKeeper.GetEpoch(f.Ctx)
	require.NoError(t, err)
	p, err := f.ModelTokenKeeper.Params.Get(f.Ctx)
	require.NoError(t, err)
	f.Ctx = f.Ctx.WithBlockTime(before.StartTime.Add(p.EpochDuration)).WithBlockHeight(f.Ctx.BlockHeight() + 1)
	require.NoError(t, f.ModelTokenKeeper.BeginBlocker(f.Ctx))
	after, err := f.ModelTokenKeeper.GetEpoch(f.Ctx)
	require.NoError(t, err)
	require.Equal(t, before.Number+1, after.Number)
}

func (f *fixture) counted(t tb, owner sdk.AccAddress, denom string) math.Int {
	t.Helper()
	res, err := f.query.Position(f.Ctx, &types.QueryPositionRequest{Owner: owner.String(), Denom: denom})
	if err != nil {
		return math.ZeroInt()
	}
	return res.Counted
}

// withAttesters makes the first n accounts attesters with the given quorum.
func (f *fixture) withAttesters(t tb, n int, quorum uint32) {
	t.Helper()
	p, err := f.ModelTokenKeeper.Params.Get(f.Ctx)
	require.NoError(t, err)
	p.Attesters = nil
	for i := range n {
		p.Attesters = append(p.Attesters, f.attester(i).String())
	}
	p.AttestationQuorum = quorum
	_, err = f.msg.UpdateParams(f.Ctx, &types.MsgUpdateParams{Authority: testutil.GovAuthority(), Params: p})
	require.NoError(t, err)
	f.bondUpTo(t, n, p.AttesterMinBond)
}

// bondUpTo tops the bond of each of the first n funded attesters up to
// amount: what an honest attester does on a chain with the production
// params, where an unbonded attester cannot post. With the fixture's
// attester_min_bond of 0 it bonds nothing; an attester ever slashed is
// left as it is (re-bonding it is the test's business).
func (f *fixture) bondUpTo(t tb, n int, amount math.Int) {
	t.Helper()
	for i := range min(n, len(f.Accounts)) {
		a := f.Accounts[i]
		res, err := f.query.AttesterStatus(f.Ctx, &types.QueryAttesterStatusRequest{Attester: a.String()})
		require.NoError(t, err)
		bonded, slashed := res.Bond.Bonded, res.Bond.Slashed
		if !slashed.IsNil() && slashed.IsPositive() {
			continue
		}
		if bonded.IsNil() {
			bonded = math.ZeroInt()
		}
		if short := amount.Sub(bonded); short.IsPositive() {
			_, err := f.msg.BondAttester(f.Ctx, &types.MsgBondAttester{Attester: a.String(), Amount: uflock(short)})
			require.NoError(t, err)
		}
	}
}

// attester is the i-th attester withAttesters lists: the funded accounts
// first, then unfunded keys (enough to sign while attester_min_bond is 0).
func (f *fixture) attester(i int) sdk.AccAddress {
	if i < len(f.Accounts) {
		return f.Accounts[i]
	}
	return sdk.AccAddress([]byte(fmt.Sprintf("extra-attester-%06d", i)))
}

func userAddr(i int) sdk.AccAddress {
	return sdk.AccAddress([]byte(fmt.Sprintf("usage-user-%09d", i)))
}

func rowsFor(from, n int, spend uint64) []types.UsageRow {
	rows := make([]types.UsageRow, n)
	for i := range rows {
		rows[i] = types.UsageRow{User: userAddr(from + i).String(), Spend: spend}
	}
	return rows
}

func (f *fixture) usage(t tb, epoch uint64, denom string, user sdk.AccAddress) uint64 {
	t.Helper()
	res, err := f.query.UserUsage(f.Ctx, &types.QueryUserUsageRequest{Epoch: epoch, Denom: denom, User: user.String()})
	require.NoError(t, err)
	return res.Spend
}

func (f *fixture) modelUsage(t tb, epoch uint64, denom string) types.ModelUsage {
	t.Helper()
	res, err := f.query.ModelUsage(f.Ctx, &types.QueryModelUsageRequest{Epoch: epoch, Denom: denom})
	require.NoError(t, err)
	return res.Usage
}

// usageSetup makes a live model token and the first attesters, in a new
// epoch, and returns the token's denom and the epoch.
func (f *fixture) usageSetup(t tb, attesters int, quorum uint32) (string, uint64) {
	t.Helper()
	denom := f.liveToken(t, "USE")
	f.nextEpoch(t)
	f.withAttesters(t, attesters, quorum)
	e, err := f.ModelTokenKeeper.GetEpoch(f.Ctx)
	require.NoError(t, err)
	return denom, e.Number
}

func (f *fixture) post(t tb, epoch uint64, denom, id string, rows ...types.UsageRow) {
	t.Helper()
	_, err := f.msg.SubmitUsage(f.Ctx, &types.MsgSubmitUsage{Attester: f.Accounts[0].String(), Epoch: epoch, Denom: denom, BatchId: id, Rows: rows})
	require.NoError(t, err)
}

// settleThrough moves time past epoch e's end + grace + dispute window and runs BeginBlock
// until e is settled.
func (f *fixture) settleThrough(t tb, e uint64) {
	t.Helper()
	for i := 0; i < 10; i++ {
		cur, err := f.ModelTokenKeeper.GetEpoch(f.Ctx)
		require.NoError(t, err)
		if cur.Number <= e {
			f.nextEpoch(t)
			continue
		}
		p, err := f.ModelTokenKeeper.Params.Get(f.Ctx)
		require.NoError(t, err)
		f.Ctx = f.Ctx.WithBlockTime(cur.StartTime.Add(p.AttestationGrace).Add(p.DisputeWindow)).WithBlockHeight(f.Ctx.BlockHeight() + 1)
		for j := uint64(0); j <= e; j++ {
			require.NoError(t, f.ModelTokenKeeper.BeginBlocker(f.Ctx))
		}
		if _, err := f.ModelTokenKeeper.EpochSummaries.Get(f.Ctx, e); err == nil {
			return
		}
	}
	t.Errorf("epoch %d never settled", e)
}

func (f *fixture) pending(t tb, owner sdk.AccAddress) sdk.Coins {
	t.Helper()
	res, err := f.query.PendingRewards(f.Ctx, &types.QueryPendingRewardsRequest{Owner: owner.String()})
	require.NoError(t, err)
	return res.Total
}

func (f *fixture) withReporter(t tb, reporter sdk.AccAddress) {
	t.Helper()
	p, err := f.ModelTokenKeeper.Params.Get(f.Ctx)
	require.NoError(t, err)
	p.RevenueReporters = []string{reporter.String()}
	_, err = f.msg.UpdateParams(f.Ctx, &types.MsgUpdateParams{Authority: testutil.GovAuthority(), Params: p})
	require.NoError(t, err)
}

func authRevenue() sdk.AccAddress { return authtypes.NewModuleAddress(types.RevenueAccount) }

// postNextEpoch starts the next epoch, posts rows in it, settles it and
// takes the minted emission into the expected FLOCK supply; it returns the
// epoch.
func (f *fixture) postNextEpoch(t tb, denom, batch string, rows ...types.UsageRow) uint64 {
	t.Helper()
	f.nextEpoch(t)
	e, err := f.ModelTokenKeeper.GetEpoch(f.Ctx)
	require.NoError(t, err)
	f.post(t, e.Number, denom, batch, rows...)
	f.settleThrough(t, e.Number)
	f.flockSupply = f.BankKeeper.GetSupply(f.Ctx, "uflock").Amount
	return e.Number
}

// withTwapWindow sets params.twap_window (tests use short windows so a
// buyback completes in a few hundred blocks).
func (f *fixture) withTwapWindow(t tb, w time.Duration) {
	t.Helper()
	p, err := f.ModelTokenKeeper.Params.Get(f.Ctx)
	require.NoError(t, err)
	p.TwapWindow = w
	require.NoError(t, f.ModelTokenKeeper.Params.Set(f.Ctx, p))
}

// pendingBuyback is the FLOCK still waiting to buy denom's MT.
func (f *fixture) pendingBuyback(t tb, denom string) math.Int {
	t.Helper()
	rev, err := f.query.Revenue(f.Ctx, &types.QueryRevenueRequest{Denom: denom})
	require.NoError(t, err)
	return rev.Totals.PendingBuyback
}

// runBuybacks runs one block every step (BeginBlock, the buyback included)
// until denom has no pending buyback, checking the invariants after each
// block; it fails after maxBlocks and returns the blocks run.
func (f *fixture) runBuybacks(t tb, denom string, step time.Duration, maxBlocks int) int {
	t.Helper()
	for n := 1; n <= maxBlocks; n++ {
		f.advance(step)
		require.NoError(t, f.ModelTokenKeeper.BeginBlocker(f.Ctx))
		require.NoError(t, f.ModelTokenKeeper.CheckInvariants(f.Ctx))
		if f.pendingBuyback(t, denom).IsZero() {
			return n
		}
	}
	require.FailNowf(t, "buyback still pending", "%s after %d blocks", denom, maxBlocks)
	return 0
}
