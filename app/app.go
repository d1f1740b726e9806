// Package app wires the flockd application: the SDK modules a production
// chain needs plus x/modeltoken, with explicit keepers (no depinject) so the
// wiring can be read top to bottom.
package app

import (
	"encoding/json"
	"fmt"
	"maps"
	"sync"

	abci "github.com/cometbft/cometbft/abci/types"
	dbm "github.com/cosmos/cosmos-db"
	"github.com/cosmos/gogoproto/proto"
	"github.com/spf13/cast"

	autocliv1 "cosmossdk.io/api/cosmos/autocli/v1"
	reflectionv1 "cosmossdk.io/api/cosmos/reflection/v1"
	"cosmossdk.io/client/v2/autocli"
	"cosmossdk.io/core/appmodule"
	"cosmossdk.io/log/v2"

	"github.com/cosmos/cosmos-sdk/baseapp"
	"github.com/cosmos/cosmos-sdk/baseapp/blockexec"
	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/client/flags"
	"github.com/cosmos/cosmos-sdk/client/grpc/cmtservice"
	nodeservice "github.com/cosmos/cosmos-sdk/client/grpc/node"
	"github.com/cosmos/cosmos-sdk/codec"
	"github.com/cosmos/cosmos-sdk/codec/address"
	"github.com/cosmos/cosmos-sdk/codec/types"
	"github.com/cosmos/cosmos-sdk/runtime"
	runtimeservices "github.com/cosmos/cosmos-sdk/runtime/services"
	"github.com/cosmos/cosmos-sdk/server"
	"github.com/cosmos/cosmos-sdk/server/api"
	"github.com/cosmos/cosmos-sdk/server/config"
	servertypes "github.com/cosmos/cosmos-sdk/server/types"
	"github.com/cosmos/cosmos-sdk/std"
	storetypes "github.com/cosmos/cosmos-sdk/store/v2/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/module"
	"github.com/cosmos/cosmos-sdk/version"
	"github.com/cosmos/cosmos-sdk/x/auth"
	"github.com/cosmos/cosmos-sdk/x/auth/ante"
	authkeeper "github.com/cosmos/cosmos-sdk/x/auth/keeper"
	authtx "github.com/cosmos/cosmos-sdk/x/auth/tx"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"
	"github.com/cosmos/cosmos-sdk/x/bank"
	bankkeeper "github.com/cosmos/cosmos-sdk/x/bank/keeper"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	"github.com/cosmos/cosmos-sdk/x/consensus"
	consensuskeeper "github.com/cosmos/cosmos-sdk/x/consensus/keeper"
	consensustypes "github.com/cosmos/cosmos-sdk/x/consensus/types"
	distr "github.com/cosmos/cosmos-sdk/x/distribution"
	distrkeeper "github.com/cosmos/cosmos-sdk/x/distribution/keeper"
	distrtypes "github.com/cosmos/cosmos-sdk/x/distribution/types"
	"github.com/cosmos/cosmos-sdk/x/evidence"
	evidencekeeper "github.com/cosmos/cosmos-sdk/x/evidence/keeper"
	evidencetypes "github.com/cosmos/cosmos-sdk/x/evidence/types"
	"github.com/cosmos/cosmos-sdk/x/genutil"
	genutiltypes "github.com/cosmos/cosmos-sdk/x/genutil/types"
	"github.com/cosmos/cosmos-sdk/x/gov"
	govclient "github.com/cosmos/cosmos-sdk/x/gov/client"
	govkeeper "github.com/cosmos/cosmos-sdk/x/gov/keeper"
	govtypes "github.com/cosmos/cosmos-sdk/x/gov/types"
	govv1beta1 "github.com/cosmos/cosmos-sdk/x/gov/types/v1beta1"
	"github.com/cosmos/cosmos-sdk/x/mint"
	mintkeeper "github.com/cosmos/cosmos-sdk/x/mint/keeper"
	minttypes "github.com/cosmos/cosmos-sdk/x/mint/types"
	"github.com/cosmos/cosmos-sdk/x/slashing"
	slashingkeeper "github.com/cosmos/cosmos-sdk/x/slashing/keeper"
	slashingtypes "github.com/cosmos/cosmos-sdk/x/slashing/types"
	"github.com/cosmos/cosmos-sdk/x/staking"
	stakingkeeper "github.com/cosmos/cosmos-sdk/x/staking/keeper"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"
	txsigning "github.com/cosmos/cosmos-sdk/x/tx/signing"
	"github.com/cosmos/cosmos-sdk/x/upgrade"
	upgradekeeper "github.com/cosmos/cosmos-sdk/x/upgrade/keeper"
	upgradetypes "github.com/cosmos/cosmos-sdk/x/upgrade/types"

	ratelimitkeeper "github.com/cosmos/ibc-go/v11/modules/apps/rate-limiting/keeper"
	ibctransferkeeper "github.com/cosmos/ibc-go/v11/modules/apps/transfer/keeper"
	ibckeeper "github.com/cosmos/ibc-go/v11/modules/core/keeper"

	modeltokenkeeper "github.com/flockchain/flockd/x/modeltoken/keeper"
	modeltokenmodule "github.com/flockchain/flockd/x/modeltoken/module"
	modeltokentypes "github.com/flockchain/flockd/x/modeltoken/types"
)

// maccPerms lists every module account and what it may do with coins.
var maccPerms = map[string][]string{
	authtypes.FeeCollectorName:          nil,
	distrtypes.ModuleName:               nil,
	minttypes.ModuleName:                {authtypes.Minter},
	stakingtypes.BondedPoolName:         {authtypes.Burner, authtypes.Staking},
	stakingtypes.NotBondedPoolName:      {authtypes.Burner, authtypes.Staking},
	stakingtypes.KeyRotationFeePoolName: {authtypes.Burner},
	govtypes.ModuleName:                 {authtypes.Burner},
	// x/modeltoken: its own account mints and burns model tokens; the others
	// hold coins for their ledgers (see x/modeltoken/types/keys.go).
	modeltokentypes.ModuleName:           {authtypes.Minter, authtypes.Burner},
	modeltokentypes.LaunchEscrowAccount:  nil,
	modeltokentypes.LiquidityAccount:     nil,
	modeltokentypes.IncentivesAccount:    nil,
	modeltokentypes.VestingAccount:       nil,
	modeltokentypes.StakingEscrowAccount: nil,
	modeltokentypes.GmLockAccount:        nil,
	modeltokentypes.RewardsAccount:       nil,
	modeltokentypes.RevenueAccount:       {authtypes.Burner},
	modeltokentypes.TreasuryAccount:      nil,
	modeltokentypes.AttesterBondsAccount: nil,
}

var (
	_ servertypes.Application = (*FlockApp)(nil)
	_ runtime.AppI            = (*FlockApp)(nil)
)

// FlockApp is the flockd ABCI application.
type FlockApp struct {
	*baseapp.BaseApp

	legacyAmino       *codec.LegacyAmino
	appCodec          codec.Codec
	txConfig          client.TxConfig
	interfaceRegistry types.InterfaceRegistry

	keys map[string]*storetypes.KVStoreKey

	AccountKeeper         authkeeper.AccountKeeper
	BankKeeper            bankkeeper.BaseKeeper
	StakingKeeper         *stakingkeeper.Keeper
	SlashingKeeper        slashingkeeper.Keeper
	MintKeeper            mintkeeper.Keeper
	DistrKeeper           distrkeeper.Keeper
	GovKeeper             *govkeeper.Keeper
	UpgradeKeeper         *upgradekeeper.Keeper
	EvidenceKeeper        evidencekeeper.Keeper
	ConsensusParamsKeeper consensuskeeper.Keeper
	ModelTokenKeeper      modeltokenkeeper.Keeper

	// IBC (app/ibc.go); nil in a binary built as before the v3 upgrade.
	IBCKeeper       *ibckeeper.Keeper
	TransferKeeper  *ibctransferkeeper.Keeper
	RateLimitKeeper *ratelimitkeeper.Keeper

	ModuleManager      *module.Manager
	BasicModuleManager module.BasicManager
	configurator       module.Configurator
	sm                 *module.SimulationManager

	closeOnce sync.Once
	closeErr  error
}

// New builds a FlockApp over db. loadLatest loads the last committed state.
func New(
	logger log.Logger,
	db dbm.DB,
	loadLatest bool,
	appOpts servertypes.AppOptions,
	baseAppOptions ...func(*baseapp.BaseApp),
) *FlockApp {
	enc := MakeEncodingConfig()
	interfaceRegistry, appCodec, legacyAmino, txConfig :=
		enc.InterfaceRegistry, enc.Codec, enc.Amino, enc.TxConfig

	bApp := baseapp.NewBaseApp(AppName, logger, db, txConfig.TxDecoder(), baseAppOptions...)
	bApp.SetVersion(version.Version)
	bApp.SetInterfaceRegistry(interfaceRegistry)
	bApp.SetTxEncoder(txConfig.TxEncoder())

	keys := storetypes.NewKVStoreKeys(append([]string{
		authtypes.StoreKey, banktypes.StoreKey, stakingtypes.StoreKey, minttypes.StoreKey,
		distrtypes.StoreKey, slashingtypes.StoreKey, govtypes.StoreKey, consensustypes.StoreKey,
		upgradetypes.StoreKey, evidencetypes.StoreKey, modeltokentypes.StoreKey,
	}, ibcStoreKeys()...)...)

	app := &FlockApp{
		BaseApp:           bApp,
		legacyAmino:       legacyAmino,
		appCodec:          appCodec,
		txConfig:          txConfig,
		interfaceRegistry: interfaceRegistry,
		keys:              keys,
	}

	// Block-STM is available to operators through app.toml (block-executor);
	// the default stays sequential. See README "Block execution".
	stores := make([]storetypes.StoreKey, 0, len(keys))
	for _, k := range keys {
		stores = append(stores, k)
	}
	blockexec.Apply(bApp, appOpts, stores, txConfig.TxDecoder(),
		func(storetypes.MultiStore) string { return BondDenom })

	govAuthority := authtypes.NewModuleAddress(govtypes.ModuleName).String()
	accCodec := address.NewBech32Codec(AccountAddressPrefix)
	valCodec := address.NewBech32Codec(ValidatorAddressPrefix)
	consCodec := address.NewBech32Codec(ConsensusAddressPrefix)
	kv := func(name string) *storetypes.KVStoreKey { return keys[name] }

	app.ConsensusParamsKeeper = consensuskeeper.NewKeeper(appCodec,
		runtime.NewKVStoreService(kv(consensustypes.StoreKey)), govAuthority, runtime.EventService{})
	bApp.SetParamStore(app.ConsensusParamsKeeper.ParamsStore)

	app.AccountKeeper = authkeeper.NewAccountKeeper(appCodec,
		runtime.NewKVStoreService(kv(authtypes.StoreKey)), authtypes.ProtoBaseAccount,
		maccPerms, accCodec, AccountAddressPrefix, govAuthority)

	app.BankKeeper = bankkeeper.NewBaseKeeper(appCodec,
		runtime.NewKVStoreService(kv(banktypes.StoreKey)), app.AccountKeeper,
		BlockedAddresses(), govAuthority, logger)

	app.StakingKeeper = stakingkeeper.NewKeeper(appCodec,
		runtime.NewKVStoreService(kv(stakingtypes.StoreKey)), app.AccountKeeper, app.BankKeeper,
		govAuthority, valCodec, consCodec)

	app.MintKeeper = mintkeeper.NewKeeper(appCodec,
		runtime.NewKVStoreService(kv(minttypes.StoreKey)), app.StakingKeeper, app.AccountKeeper,
		app.BankKeeper, authtypes.FeeCollectorName, govAuthority)

	app.DistrKeeper = distrkeeper.NewKeeper(appCodec,
		runtime.NewKVStoreService(kv(distrtypes.StoreKey)), app.AccountKeeper, app.BankKeeper,
		app.StakingKeeper, authtypes.FeeCollectorName, govAuthority)

	app.SlashingKeeper = slashingkeeper.NewKeeper(appCodec, legacyAmino,
		runtime.NewKVStoreService(kv(slashingtypes.StoreKey)), app.StakingKeeper, govAuthority)

	app.StakingKeeper.SetHooks(stakingtypes.NewMultiStakingHooks(
		app.DistrKeeper.Hooks(), app.SlashingKeeper.Hooks()))

	skipUpgradeHeights := map[int64]bool{}
	for _, h := range cast.ToIntSlice(appOpts.Get(server.FlagUnsafeSkipUpgrades)) {
		skipUpgradeHeights[int64(h)] = true
	}
	homePath := cast.ToString(appOpts.Get(flags.FlagHome))
	app.UpgradeKeeper = upgradekeeper.NewKeeper(skipUpgradeHeights,
		runtime.NewKVStoreService(kv(upgradetypes.StoreKey)), appCodec, homePath, app.BaseApp, govAuthority)

	app.GovKeeper = govkeeper.NewKeeper(appCodec,
		runtime.NewKVStoreService(kv(govtypes.StoreKey)), app.AccountKeeper, app.BankKeeper,
		app.DistrKeeper, app.MsgServiceRouter(), govtypes.DefaultConfig(), govAuthority,
		govkeeper.NewDefaultCalculateVoteResultsAndVotingPower(app.StakingKeeper))
	// Legacy (v1beta1) text proposals still work, as on other SDK chains.
	app.GovKeeper.SetLegacyRouter(govv1beta1.NewRouter().AddRoute(govtypes.RouterKey, govv1beta1.ProposalHandler))

	app.EvidenceKeeper = *evidencekeeper.NewKeeper(appCodec,
		runtime.NewKVStoreService(kv(evidencetypes.StoreKey)), app.StakingKeeper, app.SlashingKeeper,
		accCodec, runtime.ProvideCometInfoService())

	app.ModelTokenKeeper = modeltokenkeeper.NewKeeper(appCodec,
		runtime.NewKVStoreService(kv(modeltokentypes.StoreKey)), accCodec,
		app.BankKeeper, app.AccountKeeper, govAuthority, BondDenom)

	ibcModules := app.wireIBC(appCodec, keys, govAuthority)

	app.ModuleManager = module.NewManager(append([]module.AppModule{
		genutil.NewAppModule(app.AccountKeeper, app.StakingKeeper, app, txConfig),
		auth.NewAppModule(appCodec, app.AccountKeeper, simGenesisAccounts),
		bank.NewAppModule(appCodec, app.BankKeeper, app.AccountKeeper),
		gov.NewAppModule(appCodec, app.GovKeeper, app.AccountKeeper, app.BankKeeper),
		mint.NewAppModule(appCodec, app.MintKeeper, app.AccountKeeper, nil),
		slashing.NewAppModule(appCodec, app.SlashingKeeper, app.AccountKeeper, app.BankKeeper, app.StakingKeeper, interfaceRegistry),
		distr.NewAppModule(appCodec, app.DistrKeeper, app.AccountKeeper, app.BankKeeper, app.StakingKeeper),
		staking.NewAppModule(appCodec, app.StakingKeeper, app.AccountKeeper, app.BankKeeper),
		upgrade.NewAppModule(app.UpgradeKeeper, accCodec),
		evidence.NewAppModule(app.EvidenceKeeper),
		consensus.NewAppModule(appCodec, app.ConsensusParamsKeeper),
		modeltokenmodule.NewAppModule(app.ModelTokenKeeper),
	}, ibcModules...)...)

	app.BasicModuleManager = module.NewBasicManagerFromManager(app.ModuleManager,
		map[string]module.AppModuleBasic{
			genutiltypes.ModuleName: genutil.NewAppModuleBasic(genutiltypes.DefaultMessageValidator),
			govtypes.ModuleName:     gov.NewAppModuleBasic([]govclient.ProposalHandler{}),
			// flockd's own defaults for `flockd init` (FLOCK metadata, mint cap).
			banktypes.ModuleName: bankBasic{bank.NewAppModule(appCodec, app.BankKeeper, app.AccountKeeper).AppModuleBasic},
			minttypes.ModuleName: mintBasic{mint.NewAppModule(appCodec, app.MintKeeper, app.AccountKeeper, nil).AppModuleBasic},
		})
	app.BasicModuleManager.RegisterLegacyAminoCodec(legacyAmino)
	app.BasicModuleManager.RegisterInterfaces(interfaceRegistry)

	app.ModuleManager.SetOrderPreBlockers(upgradetypes.ModuleName, authtypes.ModuleName)
	app.ModuleManager.SetOrderBeginBlockers(append([]string{
		minttypes.ModuleName, distrtypes.ModuleName, slashingtypes.ModuleName,
		evidencetypes.ModuleName, stakingtypes.ModuleName, modeltokentypes.ModuleName,
	}, ibcModuleNames()...)...)
	app.ModuleManager.SetOrderEndBlockers(append([]string{
		govtypes.ModuleName, stakingtypes.ModuleName, banktypes.ModuleName, modeltokentypes.ModuleName,
	}, ibcModuleNames()...)...)
	// genutil runs after staking so gentxs see funded accounts and pools;
	// modeltoken runs last so it can read bank and gov state.
	genesisOrder := []string{
		authtypes.ModuleName, banktypes.ModuleName, distrtypes.ModuleName,
		stakingtypes.ModuleName, slashingtypes.ModuleName, govtypes.ModuleName,
		minttypes.ModuleName, genutiltypes.ModuleName, evidencetypes.ModuleName,
		upgradetypes.ModuleName, consensustypes.ModuleName, modeltokentypes.ModuleName,
	}
	genesisOrder = append(genesisOrder, ibcModuleNames()...)
	app.ModuleManager.SetOrderInitGenesis(genesisOrder...)
	app.ModuleManager.SetOrderExportGenesis(genesisOrder...)

	app.configurator = module.NewConfigurator(appCodec, app.MsgServiceRouter(), app.GRPCQueryRouter())
	if err := app.ModuleManager.RegisterServices(app.configurator); err != nil {
		panic(err)
	}

	// Simulation: every module that implements it, with random genesis
	// accounts for auth (the app's own auth module already uses them).
	// IBC's modules are left out: their random genesis would shift the
	// random stream the simulation seeds were chosen for, and the
	// simulation sends no IBC traffic (tests/ibc and the relayer e2e do).
	simModules := maps.Clone(app.ModuleManager.Modules)
	maps.DeleteFunc(simModules, func(name string, _ any) bool { return ibcModule(name) })
	app.sm = module.NewSimulationManagerFromAppModules(simModules, nil)
	app.sm.RegisterStoreDecoders()

	autocliv1.RegisterQueryServer(app.GRPCQueryRouter(),
		runtimeservices.NewAutoCLIQueryService(app.ModuleManager.Modules))
	reflectionSvc, err := runtimeservices.NewReflectionService()
	if err != nil {
		panic(err)
	}
	reflectionv1.RegisterReflectionServiceServer(app.GRPCQueryRouter(), reflectionSvc)

	app.MountKVStores(keys)

	app.SetInitChainer(app.InitChainer)
	app.SetPreBlocker(app.PreBlocker)
	app.SetBeginBlocker(app.BeginBlocker)
	app.SetEndBlocker(app.EndBlocker)

	anteHandler, err := ante.NewAnteHandler(ante.HandlerOptions{
		AccountKeeper:   app.AccountKeeper,
		BankKeeper:      app.BankKeeper,
		SignModeHandler: txConfig.SignModeHandler(),
		SigGasConsumer:  ante.DefaultSigVerificationGasConsumer,
	})
	if err != nil {
		panic(fmt.Errorf("ante handler: %w", err))
	}
	app.SetAnteHandler(app.withIBCAnte(anteHandler))

	if err := app.registerUpgradeHandlers(); err != nil {
		panic(err)
	}

	if loadLatest {
		if err := app.LoadLatestVersion(); err != nil {
			panic(fmt.Errorf("load latest version: %w", err))
		}
	}
	return app
}

// Close releases the databases. The SDK's start command calls it from two
// cleanup paths, and pebbledb panics on a second close, so only the first
// call reaches BaseApp.Close.
func (app *FlockApp) Close() error {
	app.closeOnce.Do(func() { app.closeErr = app.BaseApp.Close() })
	return app.closeErr
}

// Name returns the app name.
func (app *FlockApp) Name() string { return app.BaseApp.Name() }

// PreBlocker runs the modules' pre-blockers (upgrades first).
func (app *FlockApp) PreBlocker(ctx sdk.Context, _ *abci.RequestFinalizeBlock) (*sdk.ResponsePreBlock, error) {
	return app.ModuleManager.PreBlock(ctx)
}

// BeginBlocker runs the modules' begin-blockers.
func (app *FlockApp) BeginBlocker(ctx sdk.Context) (sdk.BeginBlock, error) {
	return app.ModuleManager.BeginBlock(ctx)
}

// EndBlocker runs the modules' end-blockers.
func (app *FlockApp) EndBlocker(ctx sdk.Context) (sdk.EndBlock, error) {
	return app.ModuleManager.EndBlock(ctx)
}

// InitChainer initialises every module from the genesis app state.
func (app *FlockApp) InitChainer(ctx sdk.Context, req *abci.RequestInitChain) (*abci.ResponseInitChain, error) {
	var genesisState map[string]json.RawMessage
	if err := json.Unmarshal(req.AppStateBytes, &genesisState); err != nil {
		return nil, fmt.Errorf("decode genesis app state: %w", err)
	}
	if err := app.UpgradeKeeper.SetModuleVersionMap(ctx, app.ModuleManager.GetVersionMap()); err != nil {
		return nil, err
	}
	return app.ModuleManager.InitGenesis(ctx, app.appCodec, genesisState)
}

// LoadHeight loads the state at a given height.
func (app *FlockApp) LoadHeight(height int64) error { return app.LoadVersion(height) }

// LegacyAmino returns the amino codec (for legacy JSON signing).
func (app *FlockApp) LegacyAmino() *codec.LegacyAmino { return app.legacyAmino }

// AppCodec returns the app's protobuf codec.
func (app *FlockApp) AppCodec() codec.Codec { return app.appCodec }

// InterfaceRegistry returns the app's interface registry.
func (app *FlockApp) InterfaceRegistry() types.InterfaceRegistry { return app.interfaceRegistry }

// TxConfig returns the app's tx config.
func (app *FlockApp) TxConfig() client.TxConfig { return app.txConfig }

// Configurator returns the module configurator (used by upgrade handlers).
func (app *FlockApp) Configurator() module.Configurator { return app.configurator }

// GetBaseApp returns the BaseApp (ibctesting.TestingApp).
func (app *FlockApp) GetBaseApp() *baseapp.BaseApp { return app.BaseApp }

// GetTxConfig returns the tx config (ibctesting.TestingApp).
func (app *FlockApp) GetTxConfig() client.TxConfig { return app.txConfig }

// GetKey returns the KV store key of a module (tests only).
func (app *FlockApp) GetKey(storeKey string) *storetypes.KVStoreKey { return app.keys[storeKey] }

// DefaultGenesis returns the default genesis of every module, with flockd's
// denoms applied (see genesis.go).
func (app *FlockApp) DefaultGenesis() map[string]json.RawMessage {
	return NewDefaultGenesisState(app.appCodec, app.BasicModuleManager)
}

// AutoCliOpts returns the autocli options for the binary's root command.
func (app *FlockApp) AutoCliOpts() autocli.AppOptions {
	modules := make(map[string]appmodule.AppModule)
	for _, m := range app.ModuleManager.Modules {
		if mod, ok := m.(appmodule.AppModule); ok {
			modules[mod.(module.HasName).Name()] = mod
		}
	}
	return autocli.AppOptions{
		Modules:               modules,
		ModuleOptions:         runtimeservices.ExtractAutoCLIOptions(app.ModuleManager.Modules),
		AddressCodec:          address.NewBech32Codec(AccountAddressPrefix),
		ValidatorAddressCodec: address.NewBech32Codec(ValidatorAddressPrefix),
		ConsensusAddressCodec: address.NewBech32Codec(ConsensusAddressPrefix),
	}
}

// simGenesisAccounts makes the simulation's accounts plain base accounts:
// flockd has no vesting accounts (the SDK's generator makes some).
func simGenesisAccounts(simState *module.SimulationState) authtypes.GenesisAccounts {
	accs := make(authtypes.GenesisAccounts, len(simState.Accounts))
	for i, acc := range simState.Accounts {
		accs[i] = authtypes.NewBaseAccountWithAddress(acc.Address)
	}
	return accs
}

// SimulationManager returns the simulation manager (app/sim_test.go).
func (app *FlockApp) SimulationManager() *module.SimulationManager { return app.sm }

// RegisterAPIRoutes mounts the REST gateway routes of every module and, when
// the swagger option is on, the OpenAPI document at /swagger/.
func (app *FlockApp) RegisterAPIRoutes(apiSvr *api.Server, apiConfig config.APIConfig) {
	clientCtx := apiSvr.ClientCtx
	authtx.RegisterGRPCGatewayRoutes(clientCtx, apiSvr.GRPCGatewayRouter)
	cmtservice.RegisterGRPCGatewayRoutes(clientCtx, apiSvr.GRPCGatewayRouter)
	nodeservice.RegisterGRPCGatewayRoutes(clientCtx, apiSvr.GRPCGatewayRouter)
	app.BasicModuleManager.RegisterGRPCGatewayRoutes(clientCtx, apiSvr.GRPCGatewayRouter)
	if err := registerSwagger(apiSvr.Router, apiConfig.Swagger); err != nil {
		panic(err) // at node start, before any block: the embedded UI is missing
	}
}

// RegisterTxService registers the tx gRPC service (simulate, broadcast, get).
func (app *FlockApp) RegisterTxService(clientCtx client.Context) {
	authtx.RegisterTxService(app.GRPCQueryRouter(), clientCtx, app.Simulate, app.interfaceRegistry)
}

// RegisterTendermintService registers the CometBFT gRPC queries.
func (app *FlockApp) RegisterTendermintService(clientCtx client.Context) {
	cmtApp := server.NewCometABCIWrapper(app)
	cmtservice.RegisterTendermintService(clientCtx, app.GRPCQueryRouter(), app.interfaceRegistry, cmtApp.Query)
}

// RegisterNodeService registers the node gRPC service.
func (app *FlockApp) RegisterNodeService(clientCtx client.Context, cfg config.Config) {
	nodeservice.RegisterNodeService(clientCtx, app.GRPCQueryRouter(), cfg, func() int64 {
		return app.CommitMultiStore().EarliestVersion()
	})
}

// ModuleAccountAddrs returns every module account address.
func ModuleAccountAddrs() map[string]bool {
	addrs := make(map[string]bool)
	for name := range maccPerms {
		addrs[authtypes.NewModuleAddress(name).String()] = true
	}
	return addrs
}

// BlockedAddresses are the addresses bank refuses to send to: every module
// account except gov's (deposits) and the protocol treasury, which anyone
// may pay into and only governance spends from.
func BlockedAddresses() map[string]bool {
	blocked := ModuleAccountAddrs()
	delete(blocked, authtypes.NewModuleAddress(govtypes.ModuleName).String())
	delete(blocked, authtypes.NewModuleAddress(modeltokentypes.TreasuryAccount).String())
	return blocked
}

// GetMaccPerms returns a copy of the module account permissions.
func GetMaccPerms() map[string][]string {
	return maps.Clone(maccPerms)
}

// EncodingConfig groups the codecs the app and the CLI share.
type EncodingConfig struct {
	InterfaceRegistry types.InterfaceRegistry
	Codec             codec.Codec
	TxConfig          client.TxConfig
	Amino             *codec.LegacyAmino
}

// MakeEncodingConfig builds codecs with flock address prefixes.
func MakeEncodingConfig() EncodingConfig {
	interfaceRegistry, err := types.NewInterfaceRegistryWithOptions(types.InterfaceRegistryOptions{
		ProtoFiles: proto.HybridResolver,
		SigningOptions: txsigning.Options{
			AddressCodec:          address.NewBech32Codec(AccountAddressPrefix),
			ValidatorAddressCodec: address.NewBech32Codec(ValidatorAddressPrefix),
		},
	})
	if err != nil {
		panic(err)
	}
	appCodec := codec.NewProtoCodec(interfaceRegistry)
	legacyAmino := codec.NewLegacyAmino()
	std.RegisterLegacyAminoCodec(legacyAmino)
	std.RegisterInterfaces(interfaceRegistry)
	return EncodingConfig{
		InterfaceRegistry: interfaceRegistry,
		Codec:             appCodec,
		TxConfig:          authtx.NewTxConfig(appCodec, authtx.DefaultSignModes),
		Amino:             legacyAmino,
	}
}
