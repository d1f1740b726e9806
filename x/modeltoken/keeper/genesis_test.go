package keeper_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	"github.com/flockchain/flockd/x/modeltoken/types"
)

func TestGenesisRoundTrip(t *testing.T) {
	f := newFixture(t)

	// The default genesis of a fresh chain uses the gov account as treasury.
	exported, err := f.ModelTokenKeeper.ExportGenesis(f.Ctx)
	require.NoError(t, err)
	require.Equal(t, f.ModelTokenKeeper.Authority(), exported.Params.Treasury)

	custom := *exported
	custom.Params.LaunchFee = math.NewInt(42)
	custom.Params.Treasury = f.Accounts[1].String()
	require.NoError(t, f.ModelTokenKeeper.InitGenesis(f.Ctx, custom))

	again, err := f.ModelTokenKeeper.ExportGenesis(f.Ctx)
	require.NoError(t, err)
	require.Equal(t, custom, *again)
}

func TestInitGenesisRejectsInvalid(t *testing.T) {
	f := newFixture(t)
	before, err := f.ModelTokenKeeper.ExportGenesis(f.Ctx)
	require.NoError(t, err)

	bad := *before
	bad.Params.Treasury = "nope"
	require.ErrorIs(t, f.ModelTokenKeeper.InitGenesis(f.Ctx, bad), types.ErrInvalidGenesis)

	after, err := f.ModelTokenKeeper.ExportGenesis(f.Ctx)
	require.NoError(t, err)
	require.Equal(t, before, after)
}
