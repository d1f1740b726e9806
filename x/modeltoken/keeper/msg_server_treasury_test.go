package keeper_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"

	"github.com/flockchain/flockd/testutil"
	"github.com/flockchain/flockd/x/modeltoken/types"
)

func TestMsgSpendTreasury(t *testing.T) {
	f := newFixture(t)
	denom := f.liveToken(t, "LLAMA") // launch fee, fees and the treasury bucket land in the treasury
	treasury := f.treasury()
	require.Equal(t, authtypes.NewModuleAddress(types.TreasuryAccount), treasury, "default treasury is the module account")
	held := f.BankKeeper.GetAllBalances(f.Ctx, treasury)
	require.True(t, held.AmountOf(denom).IsPositive() && held.AmountOf("uflock").IsPositive(), "treasury holds %s", held)

	gov := testutil.GovAuthority()
	to := f.Accounts[2]
	one := sdk.NewCoins(sdk.NewCoin("uflock", math.NewInt(1)))
	tests := []struct {
		name    string
		msg     *types.MsgSpendTreasury
		wantErr error
	}{
		{"user is not the authority", &types.MsgSpendTreasury{Authority: f.Accounts[0].String(), Recipient: to.String(), Amount: one}, types.ErrInvalidAuthority},
		{"malformed recipient", &types.MsgSpendTreasury{Authority: gov, Recipient: "flock1nope", Amount: one}, sdkerrors.ErrInvalidAddress},
		{"module account recipient", &types.MsgSpendTreasury{Authority: gov, Recipient: authtypes.NewModuleAddress(types.RewardsAccount).String(), Amount: one}, sdkerrors.ErrInvalidAddress},
		{"empty amount", &types.MsgSpendTreasury{Authority: gov, Recipient: to.String()}, types.ErrInvalidAmount},
		{"zero amount", &types.MsgSpendTreasury{Authority: gov, Recipient: to.String(), Amount: sdk.Coins{sdk.Coin{Denom: "uflock", Amount: math.ZeroInt()}}}, types.ErrInvalidAmount},
		{"negative amount", &types.MsgSpendTreasury{Authority: gov, Recipient: to.String(), Amount: sdk.Coins{sdk.Coin{Denom: "uflock", Amount: math.NewInt(-5)}}}, types.ErrInvalidAmount},
		{"more than held", &types.MsgSpendTreasury{Authority: gov, Recipient: to.String(), Amount: held.Add(one...)}, sdkerrors.ErrInsufficientFunds},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			toBefore := f.BankKeeper.GetAllBalances(f.Ctx, to)
			_, err := f.msg.SpendTreasury(f.Ctx, tc.msg)
			require.ErrorIs(t, err, tc.wantErr)
			require.Equal(t, held, f.BankKeeper.GetAllBalances(f.Ctx, treasury), "a rejected spend must not move coins")
			require.Equal(t, toBefore, f.BankKeeper.GetAllBalances(f.Ctx, to))
		})
	}

	t.Run("gov spends everything the treasury holds", func(t *testing.T) {
		toBefore := f.BankKeeper.GetAllBalances(f.Ctx, to)
		_, err := f.msg.SpendTreasury(f.Ctx, &types.MsgSpendTreasury{Authority: gov, Recipient: to.String(), Amount: held})
		require.NoError(t, err)
		require.True(t, f.BankKeeper.GetAllBalances(f.Ctx, treasury).IsZero())
		require.Equal(t, toBefore.Add(held...), f.BankKeeper.GetAllBalances(f.Ctx, to))
		f.checkInvariants(t)
	})
}
