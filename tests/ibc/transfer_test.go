//go:build ibctesting

// Package ibc_test moves model tokens and FLOCK between two in-process
// flockd chains with ibc-go's testing package (real IBC keepers, light
// clients and proofs; the coordinator relays).
package ibc_test

import (
	"encoding/json"
	"os"
	"testing"
	"time"

	abci "github.com/cometbft/cometbft/abci/types"
	dbm "github.com/cosmos/cosmos-db"
	"github.com/stretchr/testify/require"

	"cosmossdk.io/log/v2"
	"cosmossdk.io/math"

	simtestutil "github.com/cosmos/cosmos-sdk/testutil/sims"
	sdk "github.com/cosmos/cosmos-sdk/types"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"

	ratelimitkeeper "github.com/cosmos/ibc-go/v11/modules/apps/rate-limiting/keeper"
	ratelimittypes "github.com/cosmos/ibc-go/v11/modules/apps/rate-limiting/types"
	transfertypes "github.com/cosmos/ibc-go/v11/modules/apps/transfer/types"
	clienttypes "github.com/cosmos/ibc-go/v11/modules/core/02-client/types"
	channeltypes "github.com/cosmos/ibc-go/v11/modules/core/04-channel/types"
	ibctesting "github.com/cosmos/ibc-go/v11/testing"

	"github.com/flockchain/flockd/app"
	"github.com/flockchain/flockd/testutil"
	"github.com/flockchain/flockd/x/modeltoken/keeper"
	"github.com/flockchain/flockd/x/modeltoken/types"
)

// demoType is a small model type (raise 1,000-10,000 FLOCK) so one buy fills a launch.
var demoType = types.ModelType{Id: "demo", Description: "test", RaiseMin: math.NewInt(1_000_000_000), RaiseMax: math.NewInt(10_000_000_000),
	Allocation: types.DefaultAllocation(), LiquidityFlockBps: 2000, EndPriceMultipleBps: 30000}

func init() {
	ibctesting.DefaultTestingAppInit = func() (ibctesting.TestingApp, map[string]json.RawMessage) {
		home, err := os.MkdirTemp("", "flockd-ibc")
		if err != nil {
			panic(err)
		}
		a := app.New(log.NewNopLogger(), dbm.NewMemDB(), true, simtestutil.NewAppOptionsWithFlagHome(home))
		genesis := a.DefaultGenesis()
		var mt types.GenesisState
		a.AppCodec().MustUnmarshalJSON(genesis[types.ModuleName], &mt)
		mt.Params.AntiSnipeStartBps = 0 // buys in the first block are not taxed
		mt.ModelTypes = append(mt.ModelTypes, demoType)
		genesis[types.ModuleName] = a.AppCodec().MustMarshalJSON(&mt)
		return a, genesis
	}
}

type env struct {
	coord  *ibctesting.Coordinator
	a, b   *ibctesting.TestChain
	path   *ibctesting.Path
	denom  string // the model token, native on chain A
	holder sdk.AccAddress
}

func flockApp(c *ibctesting.TestChain) *app.FlockApp { return c.App.(*app.FlockApp) }

// setup connects two flockd chains with a transfer channel and launches a
// model token LLAMA on chain A, held by A's first sender.
func setup(t *testing.T) *env {
	return setupWith(t, func(e *env) {
		e.path = ibctesting.NewTransferPath(e.a, e.b)
		e.path.Setup()
	})
}

// setupWith is setup with the path made by connect.
func setupWith(t *testing.T, connect func(*env)) *env {
	coord := ibctesting.NewCoordinator(t, 2)
	e := &env{coord: coord, a: coord.GetChain(ibctesting.GetChainID(1)), b: coord.GetChain(ibctesting.GetChainID(2))}
	connect(e)

	creator, supporter := e.a.SenderAccounts[1], e.a.SenderAccounts[0]
	res, err := e.a.SendMsgsWithSender(creator, &types.MsgCreateLaunch{Creator: creator.SenderAccount.GetAddress().String(),
		ModelType: "demo", Name: "Llama", Symbol: "LLAMA", ModelId: "llama", BundleFlock: math.ZeroInt()})
	require.NoError(t, err)
	require.Zero(t, res.Code, res.Log)
	e.holder = supporter.SenderAccount.GetAddress()
	res, err = e.a.SendMsgsWithSender(supporter,
		&types.MsgBuy{Buyer: e.holder.String(), LaunchId: 1, FlockIn: sdk.NewInt64Coin(app.BondDenom, 20_000_000_000), MinMtOut: math.ZeroInt()},
		&types.MsgClaimLaunch{Supporter: e.holder.String(), LaunchId: 1})
	require.NoError(t, err)
	require.Zero(t, res.Code, res.Log)
	e.denom = "mt/llama"
	require.True(t, e.balance(e.a, e.holder, e.denom).IsPositive(), "the supporter holds LLAMA")
	return e
}

func (e *env) balance(c *ibctesting.TestChain, addr sdk.AccAddress, denom string) math.Int {
	return flockApp(c).BankKeeper.GetBalance(c.GetContext(), addr, denom).Amount
}

func (e *env) supply(c *ibctesting.TestChain, denom string) math.Int {
	return flockApp(c).BankKeeper.GetSupply(c.GetContext(), denom).Amount
}

// send transfers coin from sender on src over the endpoint's channel and returns the packet.
func send(t *testing.T, src *ibctesting.Endpoint, sender ibctesting.SenderAccount, coin sdk.Coin, receiver string, timeout clienttypes.Height) (channeltypes.Packet, error) {
	msg := transfertypes.NewMsgTransfer(src.ChannelConfig.PortID, src.ChannelID, coin, sender.SenderAccount.GetAddress().String(), receiver, timeout, 0, "")
	res, err := src.Chain.SendMsgsWithSender(sender, msg)
	if err != nil {
		return channeltypes.Packet{}, err
	}
	return ibctesting.ParseV1PacketFromEvents(res.Events)
}

// voucher is the denom chain B gives tokens that came over the path from A.
func (e *env) voucher(base string) transfertypes.Denom {
	return transfertypes.NewDenom(base, transfertypes.NewHop(e.path.EndpointB.ChannelConfig.PortID, e.path.EndpointB.ChannelID))
}

func TestModelTokenGoesOutAndBack(t *testing.T) {
	e := setup(t)
	amount := math.NewInt(1_000_000_000) // 1,000 LLAMA
	sender := e.a.SenderAccounts[0]
	receiver := e.b.SenderAccount.GetAddress()
	supplyA := e.supply(e.a, e.denom)
	holderA := e.balance(e.a, e.holder, e.denom)
	escrow := transfertypes.GetEscrowAddress(e.path.EndpointA.ChannelConfig.PortID, e.path.EndpointA.ChannelID)

	packet, err := send(t, e.path.EndpointA, sender, sdk.NewCoin(e.denom, amount), receiver.String(), e.b.GetTimeoutHeight())
	require.NoError(t, err)
	require.NoError(t, e.path.RelayPacket(packet))

	v := e.voucher(e.denom)
	require.Equal(t, amount, e.balance(e.b, receiver, v.IBCDenom()), "B holds the voucher")
	require.Equal(t, holderA.Sub(amount), e.balance(e.a, e.holder, e.denom))
	require.Equal(t, amount, e.balance(e.a, escrow, e.denom), "A escrows what left")
	require.Equal(t, supplyA, e.supply(e.a, e.denom), "A's supply does not move: MT is escrowed, not burned")
	require.Equal(t, amount, e.supply(e.b, v.IBCDenom()))

	// B sees where the voucher came from: its denom trace and bank metadata name mt/llama over the channel.
	md, found := flockApp(e.b).BankKeeper.GetDenomMetaData(e.b.GetContext(), v.IBCDenom())
	require.True(t, found, "the transfer module wrote metadata for the voucher")
	require.Equal(t, "transfer/"+e.path.EndpointB.ChannelID+"/mt/llama", md.Display)
	trace, found := flockApp(e.b).TransferKeeper.GetDenom(e.b.GetContext(), v.Hash())
	require.True(t, found, "denom trace stored")
	require.Equal(t, "mt/llama", trace.Base)

	// On B the voucher is not a model token: staking, usage and revenue refuse it.
	assertNotAModelToken(t, e.b, receiver, v.IBCDenom())

	// Back from B to A: the voucher is burned on B and the escrow pays out on A.
	back, err := send(t, e.path.EndpointB, e.b.SenderAccounts[0], sdk.NewCoin(v.IBCDenom(), amount), e.holder.String(), e.a.GetTimeoutHeight())
	require.NoError(t, err)
	require.NoError(t, e.path.Reversed().RelayPacket(back))
	require.Equal(t, holderA, e.balance(e.a, e.holder, e.denom))
	require.True(t, e.balance(e.a, escrow, e.denom).IsZero())
	require.True(t, e.supply(e.b, v.IBCDenom()).IsZero(), "the voucher is gone from B")
	require.Equal(t, supplyA, e.supply(e.a, e.denom))
	require.NoError(t, flockApp(e.a).ModelTokenKeeper.CheckInvariants(e.a.GetContext()))
}

func TestFlockGoesOutAndBack(t *testing.T) {
	e := setup(t)
	amount := math.NewInt(5_000_000)
	sender := e.a.SenderAccounts[2]
	from := sender.SenderAccount.GetAddress()
	before := e.balance(e.a, from, app.BondDenom)
	receiver := e.b.SenderAccounts[2].SenderAccount.GetAddress()
	packet, err := send(t, e.path.EndpointA, sender, sdk.NewCoin(app.BondDenom, amount), receiver.String(), e.b.GetTimeoutHeight())
	require.NoError(t, err)
	require.NoError(t, e.path.RelayPacket(packet))
	v := e.voucher(app.BondDenom)
	require.Equal(t, amount, e.balance(e.b, receiver, v.IBCDenom()))
	back, err := send(t, e.path.EndpointB, e.b.SenderAccounts[2], sdk.NewCoin(v.IBCDenom(), amount), from.String(), e.a.GetTimeoutHeight())
	require.NoError(t, err)
	require.NoError(t, e.path.Reversed().RelayPacket(back))
	require.Equal(t, before, e.balance(e.a, from, app.BondDenom), "fees are zero in ibctesting, so FLOCK is back to the uflock")
}

// IBC v2 (client to client, no channel handshake) is routed to transfer v2
// under the rate-limiting middleware. FLOCK goes to B and back over it. A
// model token cannot: ibc-go v11.2.0's v2 transfer refuses base denoms with a
// slash ("base denomination mt/llama cannot contain slashes for IBC v2
// packet"), and every model token is mt/<symbol>; the refusal moves nothing.
// Model tokens travel over classic channels (the tests above).
func TestIBCv2CarriesFlockNotModelTokens(t *testing.T) {
	e := setupWith(t, func(e *env) {
		e.path = ibctesting.NewPath(e.a, e.b)
		e.path.SetupV2()
	})
	sendV2 := func(from *ibctesting.TestChain, sender ibctesting.SenderAccount, clientID string, coin sdk.Coin, receiver string) (*abci.ExecTxResult, error) {
		timeout := uint64(from.GetContext().BlockTime().Add(time.Hour).Unix())
		return from.SendMsgsWithSender(sender, transfertypes.NewMsgTransfer(transfertypes.PortID, clientID, coin,
			sender.SenderAccount.GetAddress().String(), receiver, clienttypes.Height{}, timeout, ""))
	}
	receiver := e.b.SenderAccounts[0]

	amount := math.NewInt(3_000_000)
	from := e.a.SenderAccounts[2]
	before := e.balance(e.a, from.SenderAccount.GetAddress(), app.BondDenom)
	res, err := sendV2(e.a, from, e.path.EndpointA.ClientID, sdk.NewCoin(app.BondDenom, amount), receiver.SenderAccount.GetAddress().String())
	require.NoError(t, err)
	packet, err := ibctesting.ParseV2PacketFromEvents(res.Events)
	require.NoError(t, err)
	require.NoError(t, e.path.EndpointB.UpdateClient()) // B's client of A must see the commitment's height
	require.NoError(t, e.path.EndpointA.RelayPacket(packet))
	v := transfertypes.NewDenom(app.BondDenom, transfertypes.NewHop(transfertypes.PortID, e.path.EndpointB.ClientID))
	require.Equal(t, amount, e.balance(e.b, receiver.SenderAccount.GetAddress(), v.IBCDenom()))

	res, err = sendV2(e.b, receiver, e.path.EndpointB.ClientID, sdk.NewCoin(v.IBCDenom(), amount), from.SenderAccount.GetAddress().String())
	require.NoError(t, err)
	packet, err = ibctesting.ParseV2PacketFromEvents(res.Events)
	require.NoError(t, err)
	require.NoError(t, e.path.EndpointA.UpdateClient())
	require.NoError(t, e.path.EndpointB.RelayPacket(packet))
	require.Equal(t, before, e.balance(e.a, from.SenderAccount.GetAddress(), app.BondDenom))
	require.True(t, e.supply(e.b, v.IBCDenom()).IsZero())

	llama := e.balance(e.a, e.holder, e.denom)
	_, err = sendV2(e.a, e.a.SenderAccounts[0], e.path.EndpointA.ClientID, sdk.NewCoin(e.denom, math.NewInt(1_000_000)), receiver.SenderAccount.GetAddress().String())
	require.ErrorContains(t, err, "cannot contain slashes for IBC v2 packet")
	require.Equal(t, llama, e.balance(e.a, e.holder, e.denom), "the refused transfer moved nothing")
}

// Forced coins over IBC: a transfer addressed to one of x/modeltoken's ledger
// accounts on B (here the staking escrow, whose balance must equal Σ
// positions) is refused by B's transfer module (blocked address), acknowledged
// with an error, and refunded on A; B's ledgers and invariants are untouched.
func TestTransferToALedgerAccountIsRefunded(t *testing.T) {
	e := setup(t)
	escrowB := authtypes.NewModuleAddress(types.StakingEscrowAccount)
	before := e.balance(e.a, e.holder, e.denom)
	amount := math.NewInt(1_000_000)
	packet, err := send(t, e.path.EndpointA, e.a.SenderAccounts[0], sdk.NewCoin(e.denom, amount), escrowB.String(), e.b.GetTimeoutHeight())
	require.NoError(t, err)
	require.Equal(t, before.Sub(amount), e.balance(e.a, e.holder, e.denom))
	require.NoError(t, e.path.RelayPacket(packet))
	v := e.voucher(e.denom)
	require.True(t, e.balance(e.b, escrowB, v.IBCDenom()).IsZero(), "the ledger account received nothing")
	require.True(t, e.supply(e.b, v.IBCDenom()).IsZero(), "no voucher was minted")
	require.Equal(t, before, e.balance(e.a, e.holder, e.denom), "the error acknowledgement refunded the sender")
	require.NoError(t, flockApp(e.b).ModelTokenKeeper.CheckInvariants(e.b.GetContext()))
	require.NoError(t, flockApp(e.a).ModelTokenKeeper.CheckInvariants(e.a.GetContext()))
}

// A packet B never receives times out: A refunds the sender from escrow.
func TestTimeoutRefunds(t *testing.T) {
	e := setup(t)
	amount := math.NewInt(2_000_000)
	before := e.balance(e.a, e.holder, e.denom)
	timeout := clienttypes.NewHeight(1, uint64(e.b.ProposedHeader.Height)+1) // B passes it with the next blocks
	packet, err := send(t, e.path.EndpointA, e.a.SenderAccounts[0], sdk.NewCoin(e.denom, amount), e.b.SenderAccount.GetAddress().String(), timeout)
	require.NoError(t, err)
	require.Equal(t, before.Sub(amount), e.balance(e.a, e.holder, e.denom))
	e.coord.CommitNBlocks(e.b, 3)
	require.NoError(t, e.path.EndpointA.UpdateClient())
	require.NoError(t, e.path.EndpointA.TimeoutPacket(packet))
	require.Equal(t, before, e.balance(e.a, e.holder, e.denom), "refunded")
	escrow := transfertypes.GetEscrowAddress(e.path.EndpointA.ChannelConfig.PortID, e.path.EndpointA.ChannelID)
	require.True(t, e.balance(e.a, escrow, e.denom).IsZero())
	require.True(t, e.supply(e.b, e.voucher(e.denom).IBCDenom()).IsZero(), "nothing was minted on B")
}

// Governance caps the share of a model token's supply that may leave through
// a channel per period: a transfer over the cap fails and moves nothing.
func TestRateLimitCapsModelTokenOutflow(t *testing.T) {
	e := setup(t)
	ctx := e.a.GetContext()
	msgs := ratelimitkeeper.NewMsgServerImpl(flockApp(e.a).RateLimitKeeper)
	_, err := msgs.AddRateLimit(ctx, &ratelimittypes.MsgAddRateLimit{Signer: testutil.GovAuthority(), Denom: e.denom,
		ChannelOrClientId: e.path.EndpointA.ChannelID, MaxPercentSend: math.NewInt(1), MaxPercentRecv: math.NewInt(100), DurationHours: 24})
	require.NoError(t, err)
	e.coord.CommitBlock(e.a)
	supply := e.supply(e.a, e.denom)
	holder := e.balance(e.a, e.holder, e.denom)
	over := supply.QuoRaw(50) // 2% of the supply > 1%
	_, err = send(t, e.path.EndpointA, e.a.SenderAccounts[0], sdk.NewCoin(e.denom, over), e.b.SenderAccount.GetAddress().String(), e.b.GetTimeoutHeight())
	require.ErrorContains(t, err, ratelimittypes.ErrQuotaExceeded.Error())
	require.Equal(t, holder, e.balance(e.a, e.holder, e.denom), "a refused transfer moves nothing")
	under := supply.QuoRaw(200) // 0.5%
	packet, err := send(t, e.path.EndpointA, e.a.SenderAccounts[0], sdk.NewCoin(e.denom, under), e.b.SenderAccount.GetAddress().String(), e.b.GetTimeoutHeight())
	require.NoError(t, err)
	require.NoError(t, e.path.RelayPacket(packet))
}

// A model token sent through a channel governance never configured gets the
// default outflow limit (app.DefaultMTOutflowPercent of its supply per
// app.DefaultMTOutflowHours) on its first send: a transfer over it is
// refused and moves nothing; governance lifts it with MsgUpdateRateLimit.
func TestModelTokenChannelHasADefaultOutflowLimit(t *testing.T) {
	e := setup(t)
	limits := flockApp(e.a).RateLimitKeeper
	channel := e.path.EndpointA.ChannelID
	_, found := limits.GetRateLimit(e.a.GetContext(), e.denom, channel)
	require.False(t, found, "no limit before the first send")

	receiver := e.b.SenderAccount.GetAddress().String()
	packet, err := send(t, e.path.EndpointA, e.a.SenderAccounts[0], sdk.NewCoin(e.denom, math.NewInt(1_000_000)), receiver, e.b.GetTimeoutHeight())
	require.NoError(t, err)
	require.NoError(t, e.path.RelayPacket(packet))
	limit, found := limits.GetRateLimit(e.a.GetContext(), e.denom, channel)
	require.True(t, found, "the first send added the default limit")
	require.Equal(t, math.NewInt(app.DefaultMTOutflowPercent), limit.Quota.MaxPercentSend)
	require.Equal(t, uint64(app.DefaultMTOutflowHours), limit.Quota.DurationHours)

	supply := e.supply(e.a, e.denom)
	over := supply.MulRaw(app.DefaultMTOutflowPercent).QuoRaw(100) // with the 1 MT already sent: over the quota
	holder := e.balance(e.a, e.holder, e.denom)
	require.True(t, holder.GTE(over), "the holder has %s of %s: enough to go over the default", holder, supply)
	_, err = send(t, e.path.EndpointA, e.a.SenderAccounts[0], sdk.NewCoin(e.denom, over), receiver, e.b.GetTimeoutHeight())
	require.ErrorContains(t, err, ratelimittypes.ErrQuotaExceeded.Error())
	require.Equal(t, holder, e.balance(e.a, e.holder, e.denom), "a refused transfer moves nothing")

	// Governance lifts it; the same transfer goes through.
	msgs := ratelimitkeeper.NewMsgServerImpl(limits)
	_, err = msgs.UpdateRateLimit(e.a.GetContext(), &ratelimittypes.MsgUpdateRateLimit{Signer: testutil.GovAuthority(), Denom: e.denom,
		ChannelOrClientId: channel, MaxPercentSend: math.NewInt(100), MaxPercentRecv: math.NewInt(100), DurationHours: 24})
	require.NoError(t, err)
	e.coord.CommitBlock(e.a)
	packet, err = send(t, e.path.EndpointA, e.a.SenderAccounts[0], sdk.NewCoin(e.denom, over), receiver, e.b.GetTimeoutHeight())
	require.NoError(t, err)
	require.NoError(t, e.path.RelayPacket(packet))
	require.NoError(t, flockApp(e.a).ModelTokenKeeper.CheckInvariants(e.a.GetContext()))
}

// assertNotAModelToken: an IBC voucher held on chain c is refused, with
// x/modeltoken's typed error, by every message that takes a model token.
func assertNotAModelToken(t *testing.T, c *ibctesting.TestChain, holder sdk.AccAddress, denom string) {
	t.Helper()
	a := flockApp(c)
	ctx, _ := c.GetContext().CacheContext() // nothing here may change state; the cache is dropped
	msg := keeper.NewMsgServerImpl(a.ModelTokenKeeper)
	coin := sdk.NewCoin(denom, math.NewInt(1_000))
	_, err := msg.Stake(ctx, &types.MsgStake{Staker: holder.String(), Amount: coin})
	require.ErrorIs(t, err, types.ErrUnknownModelToken, "stake")
	// The holder is made a revenue reporter (in the dropped cache), so the
	// refusal is about the denom, not the signer.
	p, err := a.ModelTokenKeeper.Params.Get(ctx)
	require.NoError(t, err)
	p.RevenueReporters = append(p.RevenueReporters, holder.String())
	require.NoError(t, a.ModelTokenKeeper.Params.Set(ctx, p))
	_, err = msg.DepositRevenue(ctx, &types.MsgDepositRevenue{Reporter: holder.String(), Denom: denom, Amount: sdk.NewInt64Coin(app.BondDenom, 1_000_000)})
	require.ErrorIs(t, err, types.ErrUnknownModelToken, "deposit revenue")
	_, err = msg.FundIncentive(ctx, &types.MsgFundIncentive{Funder: holder.String(), Denom: denom, Amount: sdk.NewInt64Coin(app.BondDenom, 1_000_000)})
	require.ErrorIs(t, err, types.ErrUnknownModelToken, "fund incentive")
	_, err = msg.Swap(ctx, &types.MsgSwap{Trader: holder.String(), Denom: denom, TokenIn: coin, MinOut: math.ZeroInt()})
	require.ErrorIs(t, err, types.ErrUnknownModelToken, "swap")
}
