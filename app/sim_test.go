package app_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	cmtproto "github.com/cometbft/cometbft/proto/tendermint/types"
	dbm "github.com/cosmos/cosmos-db"
	"github.com/stretchr/testify/require"

	"cosmossdk.io/log/v2"

	"github.com/cosmos/cosmos-sdk/baseapp"
	simtestutil "github.com/cosmos/cosmos-sdk/testutil/sims"
	"github.com/cosmos/cosmos-sdk/testutil/simsx"
	simtypes "github.com/cosmos/cosmos-sdk/types/simulation"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	govtypes "github.com/cosmos/cosmos-sdk/x/gov/types"
	govv1 "github.com/cosmos/cosmos-sdk/x/gov/types/v1"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"

	"github.com/flockchain/flockd/app"
	modeltokenkeeper "github.com/flockchain/flockd/x/modeltoken/keeper"
	modeltokentypes "github.com/flockchain/flockd/x/modeltoken/types"
)

// Simulation size: FLOCK_SIM_BLOCKS blocks (default 500) of
// FLOCK_SIM_BLOCK_SIZE operations (default 20) per seed. Blocks are
// 5,000-10,000 s apart, so 500 blocks are about 40 days: ~40 epochs, dozens
// of launches with their raises, graduations, vesting and unbonding.
func simSize(t *testing.T) (blocks, blockSize int) {
	get := func(name string, def int) int {
		if v := os.Getenv(name); v != "" {
			n, err := strconv.Atoi(v)
			require.NoError(t, err, name)
			return n
		}
		return def
	}
	return get("FLOCK_SIM_BLOCKS", 500), get("FLOCK_SIM_BLOCK_SIZE", 20)
}

func simConfig(t *testing.T, seed int64, blocks, blockSize int) simtypes.Config {
	return simtypes.Config{
		ChainID:            simsx.SimAppChainID,
		Seed:               seed,
		InitialBlockHeight: 1,
		NumBlocks:          blocks,
		BlockSize:          blockSize,
		Commit:             true,
		DBBackend:          "memdb",
		GenesisTime:        1_767_225_600, // 2026-01-01; evidence rejects a zero (1970) time on import
		ParamsFile:         simParamsFile(t),
	}
}

// simParamsFile turns off the SDK modules' random param-change proposals
// (the shared "msg_update_params" weight): with proposals passing, x/auth's
// can set max_memo_characters below the simulator's own random memo length
// and fail unrelated txs. x/modeltoken's own proposals use their own keys.
func simParamsFile(t *testing.T) string {
	path := filepath.Join(t.TempDir(), "sim-params.json")
	require.NoError(t, os.WriteFile(path, []byte(`{"op_weight_msg_update_params": 0}`), 0o644))
	return path
}

func setupStateFactory(a *app.FlockApp) simsx.SimStateFactory {
	return simsx.SimStateFactory{
		Codec: a.AppCodec(),
		AppStateFn: simtestutil.AppStateFnWithExtendedCbs(a.AppCodec(), a.SimulationManager(), a.DefaultGenesis(),
			nil, passableGovernance(a)),
		BlockedAddr:   app.BlockedAddresses(),
		AccountSource: a.AccountKeeper,
		BalanceSource: a.BankKeeper,
	}
}

// passableGovernance lowers the simulated gov tally bar (quorum 1%, yes
// above 20% of non-abstain votes, veto at 90%): the simulation votes at
// random, and with the default bar no proposal ever passed, so the
// x/modeltoken messages inside proposals never ran.
func passableGovernance(a *app.FlockApp) func(map[string]json.RawMessage) {
	return func(raw map[string]json.RawMessage) {
		var gs govv1.GenesisState
		a.AppCodec().MustUnmarshalJSON(raw[govtypes.ModuleName], &gs)
		gs.Params.Quorum = "0.010000000000000000"
		gs.Params.Threshold = "0.200000000000000000"
		gs.Params.ExpeditedThreshold = "0.250000000000000000"
		gs.Params.VetoThreshold = "0.900000000000000000"
		raw[govtypes.ModuleName] = a.AppCodec().MustMarshalJSON(&gs)
	}
}

// simSeeds are the seeds every `make test` simulates (FLOCK_SIM_SEEDS, a
// comma-separated list, overrides them).
func simSeeds(t *testing.T) []int64 {
	v := os.Getenv("FLOCK_SIM_SEEDS")
	if v == "" {
		return defaultSimSeeds
	}
	var seeds []int64
	for _, f := range strings.Split(v, ",") {
		n, err := strconv.ParseInt(strings.TrimSpace(f), 10, 64)
		require.NoError(t, err, "FLOCK_SIM_SEEDS")
		seeds = append(seeds, n)
	}
	return seeds
}

// Seeds whose random staking parameters keep a validator set for all 500
// blocks; with many others the SDK's own staking and slashing operations
// unbond or jail every validator early and simsx skips the run (the test
// fails on such a seed rather than pass silently).
var defaultSimSeeds = []int64{4, 12, 14}

// TestAppSimulation runs the whole app (every module's simulated messages,
// x/modeltoken's included) for each seed, then checks x/modeltoken's
// invariants, that the economy actually ran, and that an export imported
// into a fresh app holds exactly the same state.
func TestAppSimulation(t *testing.T) {
	if testing.Short() {
		t.Skip("simulation skipped in -short mode")
	}
	blocks, blockSize := simSize(t)
	for _, seed := range simSeeds(t) {
		completed := false
		t.Run(fmt.Sprintf("seed=%d", seed), func(t *testing.T) {
			simsx.RunWithSeed(t, simConfig(t, seed, blocks, blockSize), app.New, setupStateFactory, seed, nil,
				checkEconomy, checkImportExport,
				func(testing.TB, simsx.TestInstance[*app.FlockApp], []simtypes.Account) { completed = true })
		})
		if !completed {
			t.Errorf("seed %d did not simulate all %d blocks (empty validator set?)", seed, blocks)
		}
	}
}

// checkEconomy: the module accounts match their ledgers and the run did
// launch, graduate, attest usage and settle epochs (so the test cannot pass
// by skipping everything).
func checkEconomy(tb testing.TB, ti simsx.TestInstance[*app.FlockApp], _ []simtypes.Account) {
	a := ti.App
	ctx := a.NewContextLegacy(true, cmtproto.Header{Height: a.LastBlockHeight()})
	k := a.ModelTokenKeeper
	require.NoError(tb, k.CheckInvariants(ctx), "x/modeltoken invariants")

	launches, err := k.Launch.LaunchSeq.Peek(ctx)
	require.NoError(tb, err)
	tokens, batches := 0, 0
	require.NoError(tb, k.ModelTokens.Walk(ctx, nil, func(string, modeltokentypes.ModelToken) (bool, error) { tokens++; return false, nil }))
	require.NoError(tb, k.UsageBatches.Walk(ctx, nil, func(_ modeltokenkeeper.BatchKey, _ modeltokentypes.UsageBatch) (bool, error) {
		batches++
		return false, nil
	}))
	settled, err := k.NextSettleEpoch.Peek(ctx)
	require.NoError(tb, err)
	boughtBack := 0 // models whose begin-block buyback bought MT
	require.NoError(tb, k.Market.Revenue.Walk(ctx, nil, func(_ string, r modeltokentypes.RevenueTotals) (bool, error) {
		if r.MtBought.IsPositive() {
			boughtBack++
		}
		return false, nil
	}))
	// Governance proposals carry x/modeltoken's gov-only messages; how many
	// passed depends on the seed's random votes.
	govTypes, tiers := 0, 0
	require.NoError(tb, k.Launch.ModelTypes.Walk(ctx, nil, func(id string, _ modeltokentypes.ModelType) (bool, error) {
		if strings.HasPrefix(id, "gov-") {
			govTypes++
		}
		return false, nil
	}))
	require.NoError(tb, k.Discounts.Walk(ctx, nil, func(string, modeltokentypes.DiscountSchedule) (bool, error) { tiers++; return false, nil }))
	proposals, passed, ours := 0, 0, 0
	require.NoError(tb, a.GovKeeper.Proposals.Walk(ctx, nil, func(_ uint64, p govv1.Proposal) (bool, error) {
		proposals++
		if p.Status == govv1.StatusPassed {
			passed++
		}
		for _, m := range p.Messages {
			if strings.HasPrefix(m.TypeUrl, "/flock.modeltoken.") {
				ours++
				break
			}
		}
		return false, nil
	}))
	tb.Logf("seed %d: %d blocks, %d launches, %d live model tokens, %d usage batches, epochs settled up to %d, %d models bought back; "+
		"gov: %d proposals (%d with x/modeltoken messages), %d passed; via gov: %d model types, %d discount schedules",
		ti.Cfg.Seed, a.LastBlockHeight(), launches, tokens, batches, settled, boughtBack, proposals, ours, passed, govTypes, tiers)
	require.Positive(tb, launches, "no launch was created")
	require.Positive(tb, tokens, "no launch graduated")
	require.Positive(tb, batches, "no usage was attested")
	require.Greater(tb, settled, uint64(1), "no epoch was settled")
	require.Positive(tb, boughtBack, "no revenue buyback ran")
}

// checkImportExport exports the final state, initialises a fresh app from
// it and compares every module store key by key.
func checkImportExport(tb testing.TB, ti simsx.TestInstance[*app.FlockApp], _ []simtypes.Account) {
	a := ti.App
	exported, err := a.ExportAppStateAndValidators(false, nil, nil)
	require.NoError(tb, err)

	newDB := dbm.NewMemDB()
	newApp := app.New(log.NewNopLogger(), newDB, true, simtestutil.NewAppOptionsWithFlagHome(tb.TempDir()),
		baseapp.SetChainID(simsx.SimAppChainID))
	defer newApp.Close()
	var genesis map[string]json.RawMessage
	require.NoError(tb, json.Unmarshal(exported.AppState, &genesis))
	header := cmtproto.Header{Height: a.LastBlockHeight(), ChainID: simsx.SimAppChainID}
	ctxA := a.NewContextLegacy(true, header)
	ctxB := newApp.NewContextLegacy(true, header)
	_, err = newApp.ModuleManager.InitGenesis(ctxB, newApp.AppCodec(), genesis)
	require.NoError(tb, err)
	require.NoError(tb, newApp.StoreConsensusParams(ctxB, exported.ConsensusParams))

	// Keys that are rebuilt rather than exported (queues, historical info,
	// per-block validator updates) are skipped, as the SDK's own app does.
	skip := map[string][][]byte{
		stakingtypes.StoreKey: {
			stakingtypes.UnbondingQueueKey, stakingtypes.RedelegationQueueKey, stakingtypes.ValidatorQueueKey,
			stakingtypes.HistoricalInfoKey, stakingtypes.UnbondingIDKey, stakingtypes.UnbondingIndexKey,
			stakingtypes.UnbondingTypeKey, stakingtypes.ValidatorUpdatesKey,
		},
	}
	for _, name := range []string{modeltokentypes.StoreKey, banktypes.StoreKey, stakingtypes.StoreKey} {
		key := a.GetKey(name)
		require.NotNil(tb, key, name)
		storeA, storeB := ctxA.KVStore(key), ctxB.KVStore(newApp.GetKey(name))
		diffA, diffB := simtestutil.DiffKVStores(storeA, storeB, skip[name])
		require.Equal(tb, len(diffA), len(diffB), "store %s: different key counts", name)
		require.Empty(tb, diffA, "store %s differs after import:\n%s", name,
			simtestutil.GetSimulationLog(name, a.SimulationManager().StoreDecoders, diffA, diffB))
		tb.Logf("store %s: identical after export/import", name)
	}
}

// TestAppStateDeterminism runs the same seed twice and requires the same app
// hash: nothing in the block path depends on map order, wall-clock time or
// anything else outside consensus.
func TestAppStateDeterminism(t *testing.T) {
	if testing.Short() {
		t.Skip("simulation skipped in -short mode")
	}
	blocks, blockSize := simSize(t)
	for _, seed := range []int64{2, 13} {
		var hashes [][]byte
		for run := 0; run < 2; run++ {
			simsx.RunWithSeed(t, simConfig(t, seed, blocks, blockSize), app.New, setupStateFactory, seed, nil,
				func(_ testing.TB, ti simsx.TestInstance[*app.FlockApp], _ []simtypes.Account) {
					hashes = append(hashes, ti.App.LastCommitID().Hash)
				})
		}
		require.Len(t, hashes, 2, "seed %d: a run ended early", seed)
		require.Equal(t, hashes[0], hashes[1], "seed %d: two runs ended on different app hashes", seed)
		t.Logf("seed %d: %d blocks twice, same app hash %X", seed, blocks, hashes[0])
	}
}
