package app_test

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/require"

	sdk "github.com/cosmos/cosmos-sdk/types"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	minttypes "github.com/cosmos/cosmos-sdk/x/mint/types"

	"github.com/flockchain/flockd/app"
	"github.com/flockchain/flockd/testutil"
)

func TestDefaultGenesisHasFlockSettings(t *testing.T) {
	ta := testutil.Setup(t, 1, testutil.FLOCK(10))
	gen := ta.DefaultGenesis()
	cdc := ta.AppCodec()

	var bankGen banktypes.GenesisState
	cdc.MustUnmarshalJSON(gen[banktypes.ModuleName], &bankGen)
	require.Len(t, bankGen.DenomMetadata, 1)
	md := bankGen.DenomMetadata[0]
	require.Equal(t, "uflock", md.Base)
	require.Equal(t, "FLOCK", md.Display)
	require.EqualValues(t, 6, md.DenomUnits[1].Exponent)
	require.NoError(t, md.Validate())

	var mintGen minttypes.GenesisState
	cdc.MustUnmarshalJSON(gen[minttypes.ModuleName], &mintGen)
	require.Equal(t, "uflock", mintGen.Params.MintDenom)
	require.Equal(t, app.ValidatorInflation, mintGen.Params.InflationMin)
	require.Equal(t, app.ValidatorInflation, mintGen.Params.InflationMax)
	require.Equal(t, app.MaxFlockSupply, mintGen.Params.MaxSupply)

	require.NoError(t, ta.BasicModuleManager.ValidateGenesis(cdc, ta.TxConfig(), gen))
}

func TestAddressPrefixAndDenom(t *testing.T) {
	require.Equal(t, "flock", sdk.GetConfig().GetBech32AccountAddrPrefix())
	require.Equal(t, "flockvaloper", sdk.GetConfig().GetBech32ValidatorAddrPrefix())
	require.Equal(t, "uflock", sdk.DefaultBondDenom)
}

func TestExportRoundTrip(t *testing.T) {
	ta := testutil.Setup(t, 2, testutil.FLOCK(10))
	exported, err := ta.ExportAppStateAndValidators(false, nil, nil)
	require.NoError(t, err)
	require.NotEmpty(t, exported.Validators)

	var state map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(exported.AppState, &state))
	require.Contains(t, state, "modeltoken")
	require.NoError(t, ta.BasicModuleManager.ValidateGenesis(ta.AppCodec(), ta.TxConfig(), state))

	_, err = ta.ExportAppStateAndValidators(true, nil, nil)
	require.ErrorContains(t, err, "not supported")
}
