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

// Tests of the four authority-only messages (msg_server_gov.go).

func TestMsgUpdateParams(t *testing.T) {
	f := newFixture(t)
	before, err := f.ModelTokenKeeper.Params.Get(f.Ctx)
	require.NoError(t, err)

	changed := before
	changed.PlatformFeeBps = 200
	changed.LaunchFee = math.NewInt(1_000_000)
	changed.Treasury = f.Accounts[0].String()

	badParams := before
	badParams.CreatorFeeBps = before.PlatformFeeBps + 1

	moduleTreasury := before
	moduleTreasury.Treasury = authtypes.NewModuleAddress(types.LaunchEscrowAccount).String()

	tests := []struct {
		name    string
		msg     *types.MsgUpdateParams
		wantErr error
	}{
		{"user is not the authority", &types.MsgUpdateParams{Authority: f.Accounts[0].String(), Params: changed}, types.ErrInvalidAuthority},
		{"malformed authority", &types.MsgUpdateParams{Authority: "flock1notanaddress", Params: changed}, types.ErrInvalidAuthority},
		{"empty authority", &types.MsgUpdateParams{Params: changed}, types.ErrInvalidAuthority},
		{"authority with invalid params", &types.MsgUpdateParams{Authority: testutil.GovAuthority(), Params: badParams}, types.ErrInvalidParams},
		{"authority with empty params", &types.MsgUpdateParams{Authority: testutil.GovAuthority()}, types.ErrInvalidParams},
		{"treasury that cannot receive", &types.MsgUpdateParams{Authority: testutil.GovAuthority(), Params: moduleTreasury}, types.ErrInvalidParams},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := f.msg.UpdateParams(f.Ctx, tc.msg)
			require.ErrorIs(t, err, tc.wantErr)
			after, err := f.ModelTokenKeeper.Params.Get(f.Ctx)
			require.NoError(t, err)
			require.Equal(t, before, after, "a rejected update must not change state")
		})
	}

	t.Run("gov authority with valid params", func(t *testing.T) {
		_, err := f.msg.UpdateParams(f.Ctx, &types.MsgUpdateParams{Authority: testutil.GovAuthority(), Params: changed})
		require.NoError(t, err)
		res, err := f.query.Params(f.Ctx, &types.QueryParamsRequest{})
		require.NoError(t, err)
		require.Equal(t, changed, res.Params)
	})
}

func TestMsgUpsertModelType(t *testing.T) {
	f := newFixture(t)
	mt := types.DefaultModelTypes()[0]
	mt.Id = "llm-medium"
	bad := mt
	bad.Allocation.SaleBps++

	tests := []struct {
		name string
		msg  *types.MsgUpsertModelType
		want error
	}{
		{"user is not the authority", &types.MsgUpsertModelType{Authority: f.Accounts[0].String(), ModelType: mt}, types.ErrInvalidAuthority},
		{"malformed authority", &types.MsgUpsertModelType{Authority: "x", ModelType: mt}, types.ErrInvalidAuthority},
		{"allocation not 10000", &types.MsgUpsertModelType{Authority: testutil.GovAuthority(), ModelType: bad}, types.ErrInvalidModelType},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := f.msg.UpsertModelType(f.Ctx, tc.msg)
			require.ErrorIs(t, err, tc.want)
			has, err := f.ModelTokenKeeper.Launch.ModelTypes.Has(f.Ctx, "llm-medium")
			require.NoError(t, err)
			require.False(t, has)
		})
	}

	_, err := f.msg.UpsertModelType(f.Ctx, &types.MsgUpsertModelType{Authority: testutil.GovAuthority(), ModelType: mt})
	require.NoError(t, err)
	res, err := f.query.ModelTypes(f.Ctx, &types.QueryModelTypesRequest{})
	require.NoError(t, err)
	require.Len(t, res.ModelTypes, 3)

	// Replacing a type does not touch launches created from the old copy.
	msg := launchMsg(f.Accounts[0], "MED")
	msg.ModelType = "llm-medium"
	_, err = f.msg.CreateLaunch(f.Ctx, msg)
	require.NoError(t, err)
	changed := mt
	changed.RaiseMax = mt.RaiseMax.MulRaw(2)
	_, err = f.msg.UpsertModelType(f.Ctx, &types.MsgUpsertModelType{Authority: testutil.GovAuthority(), ModelType: changed})
	require.NoError(t, err)
	l, err := f.ModelTokenKeeper.Launch.Launches.Get(f.Ctx, 1)
	require.NoError(t, err)
	require.Equal(t, mt.RaiseMax, l.ModelType.RaiseMax)
}

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
		{"module account recipient", &types.MsgSpendTreasury{Authority: gov, Recipient: authtypes.NewModuleAddress(types.RewardsAccount).String(), Amount: one}, sdkerrors.ErrUnauthorized},
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
