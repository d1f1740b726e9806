package keeper_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"

	"github.com/flockchain/flockd/app"
	"github.com/flockchain/flockd/x/modeltoken/launch"
	"github.com/flockchain/flockd/x/modeltoken/types"
)

func TestGraduationAndClaims(t *testing.T) {
	f := newFixture(t)
	issuer, bob, carol := f.Accounts[0], f.Accounts[1], f.Accounts[2]
	_, err := f.msg.CreateLaunch(f.Ctx, launchMsg(issuer, "LLAMA"))
	require.NoError(t, err)
	f.advance(2 * time.Hour)
	rb, err := f.msg.Buy(f.Ctx, buyMsg(bob, 1, flock(60_000)))
	require.NoError(t, err)
	rc, err := f.msg.Buy(f.Ctx, buyMsg(carol, 1, flock(20_000)))
	require.NoError(t, err)
	f.checkInvariants(t)

	_, err = f.msg.Graduate(f.Ctx, &types.MsgGraduate{Sender: carol.String(), LaunchId: 1})
	require.ErrorIs(t, err, types.ErrGraduationTooEarly)
	_, err = f.msg.ClaimLaunch(f.Ctx, &types.MsgClaimLaunch{Supporter: bob.String(), LaunchId: 1})
	require.ErrorIs(t, err, types.ErrLaunchNotSettled)
	_, err = f.msg.ClaimVested(f.Ctx, &types.MsgClaimVested{Beneficiary: issuer.String(), LaunchId: 1})
	require.ErrorIs(t, err, types.ErrLaunchNotSettled)

	f.advance(types.DefaultRaiseDuration)
	issuerFlockBefore := f.balance(issuer, app.BondDenom)
	treasuryBefore := f.balance(f.treasury(), "mt/llama")
	res, err := f.msg.Graduate(f.Ctx, &types.MsgGraduate{Sender: carol.String(), LaunchId: 1})
	require.NoError(t, err)
	require.Equal(t, "mt/llama", res.Denom)
	_, err = f.msg.Graduate(f.Ctx, &types.MsgGraduate{Sender: carol.String(), LaunchId: 1})
	require.ErrorIs(t, err, types.ErrLaunchNotRaising, "graduating twice")

	l, err := f.ModelTokenKeeper.Launch.Launches.Get(f.Ctx, 1)
	require.NoError(t, err)
	raised := rb.Result.Net.Add(rc.Result.Net)
	require.Equal(t, raised, l.Raised)
	b := launch.SplitSupply(l.ModelType.Allocation)
	require.Equal(t, b.Sale.Sub(l.Sold), l.UnsoldBurned)
	pool, err := f.query.Pool(f.Ctx, &types.QueryPoolRequest{Denom: "mt/llama"})
	require.NoError(t, err)
	// 1,000,000 MT minted = sold + unsold burned + pool + liquidity burned + the other buckets.
	require.Equal(t, b.Liquidity, pool.ReserveMt.Add(l.LiquidityBurned))
	require.Equal(t, types.MTSupply, l.Sold.Add(l.UnsoldBurned).Add(b.Liquidity).Add(b.Incentives).Add(b.Issuer).Add(b.Treasury))
	require.Equal(t, types.MTSupply.Sub(l.UnsoldBurned).Sub(l.LiquidityBurned), f.BankKeeper.GetSupply(f.Ctx, "mt/llama").Amount)
	require.Equal(t, treasuryBefore.Add(b.Treasury), f.balance(f.treasury(), "mt/llama"))
	liqFlock := raised.MulRaw(2000).QuoRaw(10_000)
	require.Equal(t, liqFlock, pool.ReserveFlock)
	require.Equal(t, issuerFlockBefore, f.balance(issuer, app.BondDenom), "the issuer's FLOCK vests, nothing is paid at once")
	issuerFlock := raised.Sub(liqFlock)

	md, found := f.BankKeeper.GetDenomMetaData(f.Ctx, "mt/llama")
	require.True(t, found)
	require.Equal(t, "LLAMA", md.Display)
	require.EqualValues(t, 6, md.DenomUnits[1].Exponent)
	tok, err := f.query.ModelToken(f.Ctx, &types.QueryModelTokenRequest{Denom: "mt/llama"})
	require.NoError(t, err)
	require.Equal(t, b.Incentives, tok.ModelToken.IncentivePool)
	f.checkInvariants(t)

	// Claims: each supporter gets exactly their MT, once.
	paid, err := f.msg.ClaimLaunch(f.Ctx, &types.MsgClaimLaunch{Supporter: bob.String(), LaunchId: 1})
	require.NoError(t, err)
	require.Equal(t, rb.Result.MtOut, paid.Paid.Amount)
	require.Equal(t, rb.Result.MtOut, f.balance(bob, "mt/llama"))
	_, err = f.msg.ClaimLaunch(f.Ctx, &types.MsgClaimLaunch{Supporter: bob.String(), LaunchId: 1})
	require.ErrorIs(t, err, types.ErrAlreadyClaimed)
	_, err = f.msg.ClaimLaunch(f.Ctx, &types.MsgClaimLaunch{Supporter: issuer.String(), LaunchId: 1})
	require.ErrorIs(t, err, types.ErrNoClaim, "the issuer bought nothing")
	_, err = f.msg.ClaimLaunch(f.Ctx, &types.MsgClaimLaunch{Supporter: bob.String(), LaunchId: 7})
	require.ErrorIs(t, err, types.ErrUnknownLaunch)
	_, err = f.msg.ClaimLaunch(f.Ctx, &types.MsgClaimLaunch{Supporter: "flock1bad", LaunchId: 1})
	require.ErrorIs(t, err, sdkerrors.ErrInvalidAddress)
	f.checkInvariants(t)

	// Issuer vesting: linear over 180 days, no cliff.
	_, err = f.msg.ClaimVested(f.Ctx, &types.MsgClaimVested{Beneficiary: issuer.String(), LaunchId: 1})
	require.ErrorIs(t, err, types.ErrNothingToClaim, "nothing vested at graduation")
	_, err = f.msg.ClaimVested(f.Ctx, &types.MsgClaimVested{Beneficiary: bob.String(), LaunchId: 1})
	require.ErrorIs(t, err, types.ErrNotBeneficiary)
	f.advance(90 * 24 * time.Hour)
	half, err := f.msg.ClaimVested(f.Ctx, &types.MsgClaimVested{Beneficiary: issuer.String(), LaunchId: 1})
	require.NoError(t, err)
	require.Equal(t, b.Issuer.QuoRaw(2), half.Paid.AmountOf("mt/llama"))
	require.Equal(t, issuerFlock.QuoRaw(2), half.Paid.AmountOf(app.BondDenom), "the FLOCK vests with the MT")
	f.checkInvariants(t)
	f.advance(365 * 24 * time.Hour)
	rest, err := f.msg.ClaimVested(f.Ctx, &types.MsgClaimVested{Beneficiary: issuer.String(), LaunchId: 1})
	require.NoError(t, err)
	require.Equal(t, b.Issuer, half.Paid.AmountOf("mt/llama").Add(rest.Paid.AmountOf("mt/llama")), "the whole issuer bucket, never more")
	require.Equal(t, issuerFlock, half.Paid.AmountOf(app.BondDenom).Add(rest.Paid.AmountOf(app.BondDenom)), "the whole FLOCK share, never more")
	require.Equal(t, issuerFlockBefore.Add(issuerFlock), f.balance(issuer, app.BondDenom))
	_, err = f.msg.ClaimVested(f.Ctx, &types.MsgClaimVested{Beneficiary: issuer.String(), LaunchId: 1})
	require.ErrorIs(t, err, types.ErrNothingToClaim)
	f.checkInvariants(t)
}

func TestGraduateBelowMinimumRejected(t *testing.T) {
	f := newFixture(t)
	_, err := f.msg.CreateLaunch(f.Ctx, launchMsg(f.Accounts[0], "SMALL"))
	require.NoError(t, err)
	f.advance(2 * time.Hour)
	_, err = f.msg.Buy(f.Ctx, buyMsg(f.Accounts[1], 1, flock(1_000)))
	require.NoError(t, err)
	f.advance(types.DefaultRaiseDuration)
	_, err = f.msg.Graduate(f.Ctx, &types.MsgGraduate{Sender: f.Accounts[1].String(), LaunchId: 1})
	require.ErrorIs(t, err, types.ErrBelowMinimum)
	_, err = f.msg.Graduate(f.Ctx, &types.MsgGraduate{Sender: f.Accounts[1].String(), LaunchId: 42})
	require.ErrorIs(t, err, types.ErrUnknownLaunch)
	l, err := f.ModelTokenKeeper.Launch.Launches.Get(f.Ctx, 1)
	require.NoError(t, err)
	require.Equal(t, types.LAUNCH_STATUS_RAISING, l.Status, "rejection changed nothing")
	f.checkInvariants(t)
}

func TestFailedLaunchRefundsPrincipal(t *testing.T) {
	f := newFixture(t)
	_, err := f.msg.CreateLaunch(f.Ctx, launchMsg(f.Accounts[0], "FLOP"))
	require.NoError(t, err)
	bob := f.Accounts[1]
	bobStart := f.balance(bob, app.BondDenom)
	r, err := f.msg.Buy(f.Ctx, buyMsg(bob, 1, flock(2_000))) // at the first block: 99% tax
	require.NoError(t, err)
	require.EqualValues(t, 9900, r.Result.AntiSnipeTaxBps)

	f.advance(types.DefaultRaiseDuration)
	require.NoError(t, f.ModelTokenKeeper.BeginBlocker(f.Ctx))
	l, err := f.ModelTokenKeeper.Launch.Launches.Get(f.Ctx, 1)
	require.NoError(t, err)
	require.Equal(t, types.LAUNCH_STATUS_FAILED, l.Status)
	require.True(t, f.BankKeeper.GetSupply(f.Ctx, "mt/flop").Amount.IsZero(), "nothing minted")
	f.checkInvariants(t)

	paid, err := f.msg.ClaimLaunch(f.Ctx, &types.MsgClaimLaunch{Supporter: bob.String(), LaunchId: 1})
	require.NoError(t, err)
	require.Equal(t, uflock(r.Result.Net), paid.Paid, "principal back; fees and tax kept")
	require.Equal(t, bobStart.Sub(r.Result.PlatformFee).Sub(r.Result.AntiSnipeTax), f.balance(bob, app.BondDenom))
	_, err = f.msg.ClaimLaunch(f.Ctx, &types.MsgClaimLaunch{Supporter: bob.String(), LaunchId: 1})
	require.ErrorIs(t, err, types.ErrAlreadyClaimed)
	f.checkInvariants(t)

	// The symbol of a failed launch is free again.
	_, err = f.msg.CreateLaunch(f.Ctx, launchMsg(f.Accounts[0], "FLOP"))
	require.NoError(t, err)
}
