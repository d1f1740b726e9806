package app

// IBC: core (connections, channels, the IBC v2 router), the 07-tendermint
// light client, ICS-20 transfer (classic channels and IBC v2) with the
// rate-limiting middleware under it, so governance can cap how much of a
// model token leaves through a channel per period (MsgAddRateLimit); a
// model token sent through a channel without a limit gets a default one
// (ibc_outflow.go).
//
// A binary linked with upgrades.Omit=v3 is flockd as it was before the v3
// upgrade: no IBC stores or modules. The upgrade e2e uses it to prove that
// the v3 handler adds them to a running chain.

import (
	"encoding/json"
	"slices"
	"strings"

	storetypes "github.com/cosmos/cosmos-sdk/store/v2/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/module"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"

	"github.com/cosmos/cosmos-sdk/codec"

	ratelimiting "github.com/cosmos/ibc-go/v11/modules/apps/rate-limiting"
	ratelimitkeeper "github.com/cosmos/ibc-go/v11/modules/apps/rate-limiting/keeper"
	ratelimittypes "github.com/cosmos/ibc-go/v11/modules/apps/rate-limiting/types"
	ratelimitingv2 "github.com/cosmos/ibc-go/v11/modules/apps/rate-limiting/v2"
	"github.com/cosmos/ibc-go/v11/modules/apps/transfer"
	ibctransferkeeper "github.com/cosmos/ibc-go/v11/modules/apps/transfer/keeper"
	ibctransfertypes "github.com/cosmos/ibc-go/v11/modules/apps/transfer/types"
	transferv2 "github.com/cosmos/ibc-go/v11/modules/apps/transfer/v2"
	ibc "github.com/cosmos/ibc-go/v11/modules/core"
	porttypes "github.com/cosmos/ibc-go/v11/modules/core/05-port/types"
	ibcante "github.com/cosmos/ibc-go/v11/modules/core/ante"
	ibcapi "github.com/cosmos/ibc-go/v11/modules/core/api"
	ibcexported "github.com/cosmos/ibc-go/v11/modules/core/exported"
	ibckeeper "github.com/cosmos/ibc-go/v11/modules/core/keeper"
	ibctm "github.com/cosmos/ibc-go/v11/modules/light-clients/07-tendermint"

	"github.com/cosmos/cosmos-sdk/runtime"

	"github.com/flockchain/flockd/app/upgrades"
	v3 "github.com/flockchain/flockd/app/upgrades/v3"
)

// IBCEnabled is false only in a binary built as before the v3 upgrade.
func IBCEnabled() bool { return !slices.Contains(strings.Split(upgrades.Omit, ","), v3.Name) }

// ibcStoreKeys are the stores the IBC modules own.
func ibcStoreKeys() []string {
	if !IBCEnabled() {
		return nil
	}
	return []string{ibcexported.StoreKey, ibctransfertypes.StoreKey, ratelimittypes.StoreKey}
}

// ibcModuleNames, in the order they run in begin/end block and genesis.
func ibcModuleNames() []string {
	if !IBCEnabled() {
		return nil
	}
	return []string{ibcexported.ModuleName, ibctransfertypes.ModuleName, ratelimittypes.ModuleName}
}

func init() {
	// The transfer module mints vouchers for tokens that arrive and burns them when they go back.
	maccPerms[ibctransfertypes.ModuleName] = []string{authtypes.Minter, authtypes.Burner}
}

// wireIBC builds the IBC keepers and routers and returns their app modules.
func (app *FlockApp) wireIBC(appCodec codec.Codec, keys map[string]*storetypes.KVStoreKey, govAuthority string) []module.AppModule {
	if !IBCEnabled() {
		return nil
	}
	app.IBCKeeper = ibckeeper.NewKeeper(appCodec, runtime.NewKVStoreService(keys[ibcexported.StoreKey]), app.UpgradeKeeper, govAuthority)

	app.TransferKeeper = ibctransferkeeper.NewKeeper(appCodec, app.AccountKeeper.AddressCodec(),
		runtime.NewKVStoreService(keys[ibctransfertypes.StoreKey]), app.IBCKeeper.ChannelKeeper,
		app.MsgServiceRouter(), app.AccountKeeper, app.BankKeeper, govAuthority)

	app.RateLimitKeeper = ratelimitkeeper.NewKeeper(appCodec, app.AccountKeeper.AddressCodec(),
		runtime.NewKVStoreService(keys[ratelimittypes.StoreKey]), app.IBCKeeper.ChannelKeeper,
		app.IBCKeeper.ClientKeeper, app.BankKeeper, govAuthority)

	// Classic channels. Send: transfer -> rate limit (with a model token's
	// default outflow limit, ibc_outflow.go) -> channel; receive: the reverse.
	router := porttypes.NewRouter()
	stack := porttypes.NewIBCStackBuilder(app.IBCKeeper.ChannelKeeper)
	stack.Base(transfer.NewIBCModule(app.TransferKeeper)).Next(mtOutflowDefaults{
		IBCMiddleware: ratelimiting.NewIBCMiddleware(app.RateLimitKeeper),
		limits:        app.RateLimitKeeper,
		modelToken: func(ctx sdk.Context, denom string) bool {
			has, err := app.ModelTokenKeeper.ModelTokens.Has(ctx, denom)
			return err == nil && has
		},
		authority: govAuthority,
	})
	router.AddRoute(ibctransfertypes.ModuleName, stack.Build())
	app.IBCKeeper.SetRouter(router)

	// IBC v2 (client-to-client packets): transfer v2, also rate limited.
	routerV2 := ibcapi.NewRouter()
	routerV2.AddRoute(ibctransfertypes.PortID, ratelimitingv2.NewIBCMiddleware(*app.RateLimitKeeper,
		transferv2.NewIBCModule(app.TransferKeeper), app.IBCKeeper.ChannelKeeperV2, app.IBCKeeper.ChannelKeeperV2))
	app.IBCKeeper.SetRouterV2(routerV2)

	tm := ibctm.NewLightClientModule(appCodec, app.IBCKeeper.ClientKeeper.GetStoreProvider())
	app.IBCKeeper.ClientKeeper.AddRoute(ibctm.ModuleName, &tm)

	return []module.AppModule{
		ibc.NewAppModule(app.IBCKeeper),
		transfer.NewAppModule(app.TransferKeeper),
		rateLimitModule{ratelimiting.NewAppModule(app.RateLimitKeeper), app.RateLimitKeeper},
		ibctm.NewAppModule(tm),
	}
}

// rateLimitModule fixes an ibc-go v11.2.0 rate-limiting genesis quirk: at
// InitChain it records the hour epoch as the current UTC hour with start
// height ctx.BlockHeight(), which is 0 there, and its own ValidateGenesis
// refuses "epoch number > 0 with start height 0". So a chain started at any
// hour but midnight exported an invalid genesis until the next hour began
// (flockd genesis validate failed on the export). The start height is only
// bookkeeping; it is set to the first block's height instead.
type rateLimitModule struct {
	ratelimiting.AppModule
	k *ratelimitkeeper.Keeper
}

func (m rateLimitModule) InitGenesis(ctx sdk.Context, cdc codec.JSONCodec, data json.RawMessage) {
	m.AppModule.InitGenesis(ctx, cdc, data)
	epoch, err := m.k.GetHourEpoch(ctx)
	if err != nil || epoch.EpochNumber == 0 || epoch.EpochStartHeight != 0 {
		return
	}
	epoch.EpochStartHeight = max(ctx.BlockHeight(), 1)
	if err := m.k.SetHourEpoch(ctx, epoch); err != nil {
		panic(err) // InitGenesis of the module itself panics on the same write
	}
}

// ibcModule reports whether a module is one of IBC's (they take no part in
// the app simulation: see app.go).
func ibcModule(name string) bool {
	return slices.Contains(ibcModuleNames(), name) || name == ibctm.ModuleName
}

// withIBCAnte adds IBC's redundant-relay check (a relayer's tx whose every
// packet was already relayed fails in CheckTx instead of paying for nothing).
func (app *FlockApp) withIBCAnte(base sdk.AnteHandler) sdk.AnteHandler {
	if !IBCEnabled() {
		return base
	}
	rr := ibcante.NewRedundantRelayDecorator(app.IBCKeeper)
	done := func(ctx sdk.Context, _ sdk.Tx, _ bool) (sdk.Context, error) { return ctx, nil }
	return func(ctx sdk.Context, tx sdk.Tx, simulate bool) (sdk.Context, error) {
		ctx, err := base(ctx, tx, simulate)
		if err != nil {
			return ctx, err
		}
		return rr.AnteHandle(ctx, tx, simulate, done)
	}
}

// GetIBCKeeper (with GetBaseApp and GetTxConfig in app.go) makes FlockApp an ibctesting.TestingApp.
func (app *FlockApp) GetIBCKeeper() *ibckeeper.Keeper { return app.IBCKeeper }
