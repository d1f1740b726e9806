package keeper_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"

	"github.com/flockchain/flockd/x/modeltoken/types"
)

func TestSwap(t *testing.T) {
	f := newFixture(t)
	denom := f.liveToken(t, "SWP")
	trader := f.Accounts[2]
	pool, err := f.query.Pool(f.Ctx, &types.QueryPoolRequest{Denom: denom})
	require.NoError(t, err)
	require.True(t, pool.ReserveMt.IsPositive() && pool.ReserveFlock.IsPositive(), "seeded at graduation")
	k0 := pool.ReserveMt.Mul(pool.ReserveFlock)

	q, err := f.query.SwapQuote(f.Ctx, &types.QuerySwapQuoteRequest{Denom: denom, TokenIn: "1000000000uflock"})
	require.NoError(t, err)
	before := f.balance(trader, denom)
	res, err := f.msg.Swap(f.Ctx, &types.MsgSwap{Trader: trader.String(), Denom: denom, TokenIn: uflock(flock(1_000)), MinOut: q.Result.AmountOut})
	require.NoError(t, err)
	require.Equal(t, q.Result, res.Result, "the quote is what the swap does")
	require.Equal(t, before.Add(res.Result.AmountOut), f.balance(trader, denom))
	after, err := f.query.Pool(f.Ctx, &types.QueryPoolRequest{Denom: denom})
	require.NoError(t, err)
	require.True(t, after.ReserveMt.Mul(after.ReserveFlock).GTE(k0))
	require.True(t, after.SpotPrice.GT(pool.SpotPrice), "buying MT raises its price")
	f.checkInvariants(t)

	// Sell back.
	_, err = f.msg.Swap(f.Ctx, &types.MsgSwap{Trader: trader.String(), Denom: denom, TokenIn: mt(denom, 1_000_000), MinOut: math.ZeroInt()})
	require.NoError(t, err)
	f.checkInvariants(t)

	past := f.Ctx.BlockTime().Add(-time.Second)
	tests := []struct {
		name string
		msg  types.MsgSwap
		want error
	}{
		{"unknown model", types.MsgSwap{Trader: trader.String(), Denom: "mt/nope", TokenIn: uflock(flock(1))}, types.ErrUnknownModelToken},
		{"zero amount", types.MsgSwap{Trader: trader.String(), Denom: denom, TokenIn: uflock(math.ZeroInt())}, types.ErrInvalidAmount},
		{"wrong denom", types.MsgSwap{Trader: trader.String(), Denom: denom, TokenIn: sdk.NewInt64Coin("stake", 5)}, types.ErrInvalidDenom},
		{"slippage", types.MsgSwap{Trader: trader.String(), Denom: denom, TokenIn: uflock(flock(1)), MinOut: types.MTSupply}, types.ErrSlippage},
		{"negative min out", types.MsgSwap{Trader: trader.String(), Denom: denom, TokenIn: uflock(flock(1)), MinOut: math.NewInt(-1)}, types.ErrInvalidAmount},
		{"deadline passed", types.MsgSwap{Trader: trader.String(), Denom: denom, TokenIn: uflock(flock(1)), Deadline: &past}, types.ErrDeadlinePassed},
		{"dust buys nothing", types.MsgSwap{Trader: trader.String(), Denom: denom, TokenIn: uflock(math.NewInt(1))}, types.ErrInvalidAmount},
		{"insufficient funds", types.MsgSwap{Trader: sdk.AccAddress([]byte("poor-trader-without-funds")).String(), Denom: denom, TokenIn: uflock(flock(1))}, sdkerrors.ErrInsufficientFunds},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p0, err := f.query.Pool(f.Ctx, &types.QueryPoolRequest{Denom: denom})
			require.NoError(t, err)
			b0 := f.BankKeeper.GetAllBalances(f.Ctx, trader)
			_, err = f.msg.Swap(f.Ctx, &tc.msg)
			require.ErrorIs(t, err, tc.want)
			p1, err := f.query.Pool(f.Ctx, &types.QueryPoolRequest{Denom: denom})
			require.NoError(t, err)
			require.Equal(t, p0, p1)
			require.Equal(t, b0, f.BankKeeper.GetAllBalances(f.Ctx, trader))
		})
	}
}
