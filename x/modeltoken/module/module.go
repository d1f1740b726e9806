package module

import (
	"context"
	"encoding/json"
	"fmt"

	gwruntime "github.com/grpc-ecosystem/grpc-gateway/runtime"

	"cosmossdk.io/core/address"
	"cosmossdk.io/core/appmodule"

	"github.com/cosmos/cosmos-sdk/client"
	"github.com/cosmos/cosmos-sdk/codec"
	cdctypes "github.com/cosmos/cosmos-sdk/codec/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/module"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"

	"github.com/flockchain/flockd/x/modeltoken/keeper"
	"github.com/flockchain/flockd/x/modeltoken/types"
)

// ConsensusVersion is bumped whenever the module's state layout changes
// (2: the markets and attestation trust, migrated by keeper.Migrator.Migrate1to2;
// 3: usage batches keyed by content, Migrate2to3, shipped in the v4 upgrade).
const ConsensusVersion = 3

var (
	_ module.AppModuleBasic     = AppModule{}
	_ module.HasGenesis         = AppModule{}
	_ module.HasServices        = AppModule{}
	_ appmodule.AppModule       = AppModule{}
	_ appmodule.HasBeginBlocker = AppModule{}
)

// AppModuleBasic holds what the module needs before the app is built:
// codec registration, default genesis and REST routes.
type AppModuleBasic struct {
	ac address.Codec
}

// NewAppModuleBasic is used by the app's BasicManager.
func NewAppModuleBasic(ac address.Codec) AppModuleBasic { return AppModuleBasic{ac: ac} }

func (AppModuleBasic) Name() string { return types.ModuleName }

func (AppModuleBasic) RegisterLegacyAminoCodec(cdc *codec.LegacyAmino) {
	types.RegisterLegacyAminoCodec(cdc)
}

func (AppModuleBasic) RegisterInterfaces(r cdctypes.InterfaceRegistry) {
	types.RegisterInterfaces(r)
}

// DefaultGenesis uses the flock_treasury module account as treasury;
// governance spends from it (MsgSpendTreasury) or points the treasury
// elsewhere with MsgUpdateParams.
func (b AppModuleBasic) DefaultGenesis(cdc codec.JSONCodec) json.RawMessage {
	treasury, err := b.ac.BytesToString(authtypes.NewModuleAddress(types.TreasuryAccount))
	if err != nil {
		panic(err)
	}
	return cdc.MustMarshalJSON(types.DefaultGenesis(treasury))
}

func (b AppModuleBasic) ValidateGenesis(cdc codec.JSONCodec, _ client.TxEncodingConfig, bz json.RawMessage) error {
	var gs types.GenesisState
	if err := cdc.UnmarshalJSON(bz, &gs); err != nil {
		return fmt.Errorf("failed to unmarshal %s genesis state: %w", types.ModuleName, err)
	}
	return gs.Validate(b.ac)
}

func (AppModuleBasic) RegisterGRPCGatewayRoutes(clientCtx client.Context, mux *gwruntime.ServeMux) {
	if err := types.RegisterQueryHandlerClient(context.Background(), mux, types.NewQueryClient(clientCtx)); err != nil {
		panic(err)
	}
}

// AppModule is the full module, with its keeper.
type AppModule struct {
	AppModuleBasic
	keeper keeper.Keeper
}

// RegisterInvariants registers the module's invariants (module.HasInvariants).
func (am AppModule) RegisterInvariants(ir sdk.InvariantRegistry) {
	keeper.RegisterInvariants(ir, am.keeper)
}

// NewAppModule wires the module around its keeper.
func NewAppModule(k keeper.Keeper) AppModule {
	return AppModule{AppModuleBasic: AppModuleBasic{ac: k.AddressCodec()}, keeper: k}
}

func (AppModule) IsOnePerModuleType() {}
func (AppModule) IsAppModule()        {}

func (AppModule) ConsensusVersion() uint64 { return ConsensusVersion }

func (am AppModule) RegisterServices(cfg module.Configurator) {
	types.RegisterMsgServer(cfg.MsgServer(), keeper.NewMsgServerImpl(am.keeper))
	types.RegisterQueryServer(cfg.QueryServer(), keeper.NewQueryServerImpl(am.keeper))
	m := keeper.NewMigrator(am.keeper)
	if err := cfg.RegisterMigration(types.ModuleName, 1, func(ctx sdk.Context) error { return m.Migrate1to2(ctx) }); err != nil {
		panic(fmt.Sprintf("x/%s: register migration 1 to 2: %v", types.ModuleName, err))
	}
	if err := cfg.RegisterMigration(types.ModuleName, 2, func(ctx sdk.Context) error { return m.Migrate2to3(ctx) }); err != nil {
		panic(fmt.Sprintf("x/%s: register migration 2 to 3: %v", types.ModuleName, err))
	}
}

// InitGenesis panics on invalid genesis: the chain cannot start with it, and
// the SDK's module manager offers no error return here.
func (am AppModule) InitGenesis(ctx sdk.Context, cdc codec.JSONCodec, data json.RawMessage) {
	var gs types.GenesisState
	cdc.MustUnmarshalJSON(data, &gs)
	if err := am.keeper.InitGenesis(ctx, gs); err != nil {
		panic(fmt.Sprintf("x/%s init genesis: %v", types.ModuleName, err))
	}
}

func (am AppModule) ExportGenesis(ctx sdk.Context, cdc codec.JSONCodec) json.RawMessage {
	gs, err := am.keeper.ExportGenesis(ctx)
	if err != nil {
		panic(fmt.Sprintf("x/%s export genesis: %v", types.ModuleName, err))
	}
	return cdc.MustMarshalJSON(gs)
}

// BeginBlock runs the module's bounded per-block work: the steps listed in
// keeper.BeginBlocker (keeper/abci.go), each in its own cache context.
func (am AppModule) BeginBlock(ctx context.Context) error {
	return am.keeper.BeginBlocker(ctx)
}
