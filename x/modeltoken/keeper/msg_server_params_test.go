package keeper_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"

	"github.com/flockchain/flockd/testutil"
	"github.com/flockchain/flockd/x/modeltoken/types"
)

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
