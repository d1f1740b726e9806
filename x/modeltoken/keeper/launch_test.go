package keeper_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"

	"github.com/flockchain/flockd/app"
	"github.com/flockchain/flockd/x/modeltoken/types"
)

func TestCreateLaunch(t *testing.T) {
	f := newFixture(t)
	creator := f.Accounts[0]
	treasuryBefore := f.balance(f.treasury(), app.BondDenom)
	creatorBefore := f.balance(creator, app.BondDenom)

	res, err := f.msg.CreateLaunch(f.Ctx, launchMsg(creator, "LLAMA"))
	require.NoError(t, err)
	require.EqualValues(t, 1, res.LaunchId)
	require.Equal(t, "mt/llama", res.Denom)

	require.Equal(t, creatorBefore.Sub(types.DefaultLaunchFee), f.balance(creator, app.BondDenom))
	require.Equal(t, treasuryBefore.Add(types.DefaultLaunchFee), f.balance(f.treasury(), app.BondDenom))

	l, err := f.query.Launch(f.Ctx, &types.QueryLaunchRequest{LaunchId: 1})
	require.NoError(t, err)
	require.Equal(t, types.LAUNCH_STATUS_RAISING, l.Launch.Status)
	require.Equal(t, f.Ctx.BlockTime().Add(types.DefaultRaiseDuration), l.Launch.EndTime)
	require.Equal(t, creator.String(), l.Launch.PayoutAddress, "payout defaults to the creator")
	f.checkInvariants(t)

	res2, err := f.msg.CreateLaunch(f.Ctx, launchMsg(creator, "MISTRAL"))
	require.NoError(t, err)
	require.EqualValues(t, 2, res2.LaunchId)
}

func TestCreateLaunchRejects(t *testing.T) {
	f := newFixture(t)
	creator := f.Accounts[0]
	_, err := f.msg.CreateLaunch(f.Ctx, launchMsg(creator, "TAKEN"))
	require.NoError(t, err)
	poor := sdk.AccAddress([]byte("poor-account-with-no-flock"))
	escrow := authtypes.NewModuleAddress(types.LaunchEscrowAccount)

	tests := []struct {
		name   string
		mutate func(*types.MsgCreateLaunch)
		want   error
	}{
		{"unknown model type", func(m *types.MsgCreateLaunch) { m.ModelType = "nope" }, types.ErrUnknownModelType},
		{"lowercase symbol", func(m *types.MsgCreateLaunch) { m.Symbol = "llama" }, types.ErrInvalidLaunch},
		{"symbol too short", func(m *types.MsgCreateLaunch) { m.Symbol = "AB" }, types.ErrInvalidLaunch},
		{"symbol too long", func(m *types.MsgCreateLaunch) { m.Symbol = "ABCDEFGHIJK" }, types.ErrInvalidLaunch},
		{"symbol starting with a digit", func(m *types.MsgCreateLaunch) { m.Symbol = "1ABC" }, types.ErrInvalidLaunch},
		{"reserved symbol", func(m *types.MsgCreateLaunch) { m.Symbol = "FLOCK" }, types.ErrInvalidLaunch},
		{"duplicate symbol", func(m *types.MsgCreateLaunch) { m.Symbol = "TAKEN" }, types.ErrSymbolTaken},
		{"empty name", func(m *types.MsgCreateLaunch) { m.Name = " " }, types.ErrInvalidLaunch},
		{"empty model id", func(m *types.MsgCreateLaunch) { m.ModelId = "" }, types.ErrInvalidLaunch},
		{"malformed creator", func(m *types.MsgCreateLaunch) { m.Creator = "flock1bad" }, sdkerrors.ErrInvalidAddress},
		{"malformed payout", func(m *types.MsgCreateLaunch) { m.PayoutAddress = "cosmos1xyz" }, sdkerrors.ErrInvalidAddress},
		{"payout to a module account", func(m *types.MsgCreateLaunch) { m.PayoutAddress = escrow.String() }, sdkerrors.ErrUnauthorized},
		{"negative bundle", func(m *types.MsgCreateLaunch) { m.BundleFlock = math.NewInt(-1) }, types.ErrInvalidAmount},
		{"bundle above 25% of supply", func(m *types.MsgCreateLaunch) { m.BundleFlock = flock(150_000) }, types.ErrBundleTooLarge},
		{"fee not affordable", func(m *types.MsgCreateLaunch) { m.Creator = poor.String() }, sdkerrors.ErrInsufficientFunds},
		{"fee plus bundle not affordable", func(m *types.MsgCreateLaunch) { m.BundleFlock = flock(999_000) }, sdkerrors.ErrInsufficientFunds},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before := f.balance(creator, app.BondDenom)
			msg := launchMsg(creator, "FRESH")
			tc.mutate(msg)
			_, err := f.msg.CreateLaunch(f.Ctx, msg)
			require.ErrorIs(t, err, tc.want)
			require.Equal(t, before, f.balance(creator, app.BondDenom), "no fee taken")
			seq, err := f.ModelTokenKeeper.Launch.LaunchSeq.Peek(f.Ctx)
			require.NoError(t, err)
			require.EqualValues(t, 1, seq, "no launch created")
			has, err := f.ModelTokenKeeper.Launch.LaunchSymbols.Has(f.Ctx, "FRESH")
			require.NoError(t, err)
			require.False(t, has)
		})
	}
	f.checkInvariants(t)
}

func TestBundledFirstBuy(t *testing.T) {
	f := newFixture(t)
	msg := launchMsg(f.Accounts[0], "BUNDLE")
	msg.BundleFlock = flock(50_000)
	_, err := f.msg.CreateLaunch(f.Ctx, msg)
	require.NoError(t, err)
	c, err := f.query.Claim(f.Ctx, &types.QueryClaimRequest{LaunchId: 1, Supporter: f.Accounts[0].String()})
	require.NoError(t, err)
	// 50,000 FLOCK minus the 1.5% fee, no anti-sniping tax.
	require.Equal(t, flock(50_000).Sub(flock(750)), c.Claim.Principal)
	require.True(t, c.Claim.MtOwed.IsPositive())
	f.checkInvariants(t)
}

func TestBuy(t *testing.T) {
	f := newFixture(t)
	_, err := f.msg.CreateLaunch(f.Ctx, launchMsg(f.Accounts[0], "LLAMA"))
	require.NoError(t, err)
	f.advance(2 * time.Hour) // past the anti-sniping window
	buyer := f.Accounts[1]
	before := f.balance(buyer, app.BondDenom)
	treasuryBefore := f.balance(f.treasury(), app.BondDenom)

	quote, err := f.query.BuyQuote(f.Ctx, &types.QueryBuyQuoteRequest{LaunchId: 1, Amount: flock(1_000).String()})
	require.NoError(t, err)
	res, err := f.msg.Buy(f.Ctx, buyMsg(buyer, 1, flock(1_000)))
	require.NoError(t, err)
	require.Equal(t, quote.Quote, res.Result, "the quote is what the buy does")
	require.Equal(t, before.Sub(flock(1_000)), f.balance(buyer, app.BondDenom))
	require.Equal(t, treasuryBefore.Add(res.Result.PlatformFee), f.balance(f.treasury(), app.BondDenom))

	c, err := f.query.Claim(f.Ctx, &types.QueryClaimRequest{LaunchId: 1, Supporter: buyer.String()})
	require.NoError(t, err)
	require.Equal(t, res.Result.Net, c.Claim.Principal)
	require.Equal(t, res.Result.MtOut, c.Claim.MtOwed)
	require.True(t, f.BankKeeper.GetSupply(f.Ctx, "mt/llama").Amount.IsZero(), "MT is a claim, not minted, during the raise")

	// A second buy from the same supporter adds to the same claim.
	res2, err := f.msg.Buy(f.Ctx, buyMsg(buyer, 1, flock(1_000)))
	require.NoError(t, err)
	require.True(t, res2.Result.MtOut.LT(res.Result.MtOut), "price rises along the curve")
	l, err := f.query.Launch(f.Ctx, &types.QueryLaunchRequest{LaunchId: 1})
	require.NoError(t, err)
	require.EqualValues(t, 1, l.Launch.Supporters)
	require.Equal(t, res.Result.Net.Add(res2.Result.Net), l.Launch.Raised)
	f.checkInvariants(t)
}

func TestBuyRejects(t *testing.T) {
	f := newFixture(t)
	_, err := f.msg.CreateLaunch(f.Ctx, launchMsg(f.Accounts[0], "OPEN"))
	require.NoError(t, err)
	buyer := f.Accounts[1]
	poor := sdk.AccAddress([]byte("poor-account-with-no-flock"))

	tests := []struct {
		name   string
		mutate func(*types.MsgBuy)
		want   error
	}{
		{"unknown launch", func(m *types.MsgBuy) { m.LaunchId = 99 }, types.ErrUnknownLaunch},
		{"zero amount", func(m *types.MsgBuy) { m.FlockIn = uflock(math.ZeroInt()) }, types.ErrInvalidAmount},
		{"negative amount", func(m *types.MsgBuy) { m.FlockIn = sdk.Coin{Denom: app.BondDenom, Amount: math.NewInt(-5)} }, types.ErrInvalidAmount},
		{"nil amount", func(m *types.MsgBuy) { m.FlockIn = sdk.Coin{Denom: app.BondDenom} }, types.ErrInvalidAmount},
		{"not FLOCK", func(m *types.MsgBuy) { m.FlockIn = sdk.NewInt64Coin("stake", 1000) }, types.ErrInvalidDenom},
		{"slippage", func(m *types.MsgBuy) { m.MinMtOut = types.MTSupply }, types.ErrSlippage},
		{"negative min out", func(m *types.MsgBuy) { m.MinMtOut = math.NewInt(-1) }, types.ErrInvalidAmount},
		{"malformed buyer", func(m *types.MsgBuy) { m.Buyer = "flock1nope" }, sdkerrors.ErrInvalidAddress},
		{"insufficient funds", func(m *types.MsgBuy) { m.Buyer = poor.String() }, sdkerrors.ErrInsufficientFunds},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before := f.balance(buyer, app.BondDenom)
			msg := buyMsg(buyer, 1, flock(100))
			tc.mutate(msg)
			_, err := f.msg.Buy(f.Ctx, msg)
			require.ErrorIs(t, err, tc.want)
			require.Equal(t, before, f.balance(buyer, app.BondDenom))
			l, err := f.ModelTokenKeeper.Launch.Launches.Get(f.Ctx, 1)
			require.NoError(t, err)
			require.True(t, l.Raised.IsZero())
		})
	}

	t.Run("after the window", func(t *testing.T) {
		f.advance(types.DefaultRaiseDuration)
		_, err := f.msg.Buy(f.Ctx, buyMsg(buyer, 1, flock(100)))
		require.ErrorIs(t, err, types.ErrRaiseWindowClosed)
	})
	t.Run("into a failed launch", func(t *testing.T) {
		require.NoError(t, f.ModelTokenKeeper.BeginBlocker(f.Ctx))
		l, err := f.ModelTokenKeeper.Launch.Launches.Get(f.Ctx, 1)
		require.NoError(t, err)
		require.Equal(t, types.LAUNCH_STATUS_FAILED, l.Status)
		_, err = f.msg.Buy(f.Ctx, buyMsg(buyer, 1, flock(100)))
		require.ErrorIs(t, err, types.ErrLaunchNotRaising)
	})
	f.checkInvariants(t)
}

// TestBuyPastMaximumCapsAndGraduates: the excess stays with the buyer and
// the launch graduates in the same transaction.
func TestBuyPastMaximumCapsAndGraduates(t *testing.T) {
	f := newFixture(t)
	_, err := f.msg.CreateLaunch(f.Ctx, launchMsg(f.Accounts[0], "WHALE"))
	require.NoError(t, err)
	f.advance(2 * time.Hour)
	whale := f.Accounts[1]
	before := f.balance(whale, app.BondDenom)

	res, err := f.msg.Buy(f.Ctx, buyMsg(whale, 1, flock(300_000)))
	require.NoError(t, err)
	q := res.Result
	require.True(t, q.Graduates)
	require.Equal(t, flock(200_000), q.Net, "net capped at raise_max")
	require.True(t, q.Refund.IsPositive())
	require.Equal(t, before.Sub(q.Gross), f.balance(whale, app.BondDenom), "only the used part left the buyer")

	l, err := f.ModelTokenKeeper.Launch.Launches.Get(f.Ctx, 1)
	require.NoError(t, err)
	require.Equal(t, types.LAUNCH_STATUS_GRADUATED, l.Status)
	require.Equal(t, l.ModelType.SaleAmount(), l.Sold, "the whole sale is sold at the maximum")
	require.True(t, l.UnsoldBurned.IsZero())
	// The pool opens at the end price 0.75 FLOCK/MT: 40,000 FLOCK against
	// 53,333.333333 MT; the rest of the 200,000 MT bucket is burned.
	require.Equal(t, math.NewInt(146_666_666_667), l.LiquidityBurned)
	require.Equal(t, types.MTSupply.Sub(l.LiquidityBurned), f.BankKeeper.GetSupply(f.Ctx, "mt/whale").Amount)
	f.checkInvariants(t)

	_, err = f.msg.Buy(f.Ctx, buyMsg(f.Accounts[2], 1, flock(10)))
	require.ErrorIs(t, err, types.ErrLaunchNotRaising, "no buys into a graduated launch")
}
