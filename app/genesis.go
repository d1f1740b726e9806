package app

import (
	"encoding/json"

	"cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/codec"
	"github.com/cosmos/cosmos-sdk/types/module"
	"github.com/cosmos/cosmos-sdk/x/bank"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	"github.com/cosmos/cosmos-sdk/x/mint"
	minttypes "github.com/cosmos/cosmos-sdk/x/mint/types"
)

// MaxFlockSupply is the FLOCK cap in uflock: 1,000,000,000 FLOCK.
var MaxFlockSupply = math.NewInt(1_000_000_000).MulRaw(1_000_000)

// ValidatorInflation is the default yearly inflation paid to validators and
// delegators by x/mint. It is a single governance parameter: inflation_min =
// inflation_max = this value, so the rate does not float with the bonded
// ratio. The model-token economy mints its own emissions separately.
var ValidatorInflation = math.LegacyNewDecWithPrec(3, 2)

// NewDefaultGenesisState returns every module's default genesis. The bank
// and mint defaults carry flockd's settings through bankBasic and mintBasic,
// so `flockd init` and tests see the same genesis.
func NewDefaultGenesisState(cdc codec.JSONCodec, basics module.BasicManager) map[string]json.RawMessage {
	return basics.DefaultGenesis(cdc)
}

// bankBasic is x/bank's AppModuleBasic with FLOCK denom metadata in its
// default genesis.
type bankBasic struct{ bank.AppModuleBasic }

func (b bankBasic) DefaultGenesis(cdc codec.JSONCodec) json.RawMessage {
	var gen banktypes.GenesisState
	cdc.MustUnmarshalJSON(b.AppModuleBasic.DefaultGenesis(cdc), &gen)
	gen.DenomMetadata = append(gen.DenomMetadata, FlockMetadata())
	return cdc.MustMarshalJSON(&gen)
}

// mintBasic is x/mint's AppModuleBasic with flockd's inflation settings:
// uflock, a fixed ValidatorInflation rate and the FLOCK supply cap.
type mintBasic struct{ mint.AppModuleBasic }

func (b mintBasic) DefaultGenesis(cdc codec.JSONCodec) json.RawMessage {
	var gen minttypes.GenesisState
	cdc.MustUnmarshalJSON(b.AppModuleBasic.DefaultGenesis(cdc), &gen)
	gen.Params.MintDenom = BondDenom
	gen.Params.InflationMin = ValidatorInflation
	gen.Params.InflationMax = ValidatorInflation
	gen.Minter.Inflation = ValidatorInflation
	gen.Params.MaxSupply = MaxFlockSupply
	return cdc.MustMarshalJSON(&gen)
}

// FlockMetadata is the bank metadata of $FLOCK.
func FlockMetadata() banktypes.Metadata {
	return banktypes.Metadata{
		Description: "The native token of the flockd chain: staking, fees, launches and rewards.",
		Base:        BondDenom,
		Display:     DisplayDenom,
		Name:        "FLOCK",
		Symbol:      "FLOCK",
		DenomUnits: []*banktypes.DenomUnit{
			{Denom: BondDenom, Exponent: 0, Aliases: []string{"microflock"}},
			{Denom: DisplayDenom, Exponent: DenomExponent},
		},
	}
}
