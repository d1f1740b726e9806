package app_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cosmos/cosmos-sdk/codec"
	sdk "github.com/cosmos/cosmos-sdk/types"

	ratelimittypes "github.com/cosmos/ibc-go/v11/modules/apps/rate-limiting/types"

	"github.com/flockchain/flockd/testutil"
)

// A chain started at any hour but midnight must export a rate-limiting
// genesis its own validation accepts (ibc-go v11.2.0 records start height 0
// at InitChain; app/ibc.go sets the first block's height instead).
func TestRateLimitGenesisExportsValidAtAnyHour(t *testing.T) {
	a := testutil.Setup(t, 1, testutil.FLOCK(1))
	type genesisModule interface {
		InitGenesis(sdk.Context, codec.JSONCodec, json.RawMessage)
		ExportGenesis(sdk.Context, codec.JSONCodec) json.RawMessage
	}
	m, ok := a.ModuleManager.Modules[ratelimittypes.ModuleName].(genesisModule)
	require.True(t, ok)
	for _, hour := range []int{0, 5, 23} {
		ctx, _ := a.Ctx.WithBlockTime(time.Date(2026, 3, 1, hour, 30, 0, 0, time.UTC)).WithBlockHeight(0).CacheContext()
		m.InitGenesis(ctx, a.AppCodec(), a.AppCodec().MustMarshalJSON(ratelimittypes.DefaultGenesis()))
		var exported ratelimittypes.GenesisState
		a.AppCodec().MustUnmarshalJSON(m.ExportGenesis(ctx, a.AppCodec()), &exported)
		require.NoError(t, exported.Validate(), "hour %d", hour)
		require.EqualValues(t, hour, exported.HourEpoch.EpochNumber)
	}
}
