package app

import (
	"encoding/json"

	"cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/codec"
	"github.com/cosmos/cosmos-sdk/types/module"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"
	minttypes "github.com/cosmos/cosmos-sdk/x/mint/types"
)

// MaxFlockSupply is the FLOCK cap in uflock: 1,000,000,000 FLOCK.
var MaxFlockSupply = math.NewInt(1_000_000_000).MulRaw(1_000_000)

// ValidatorInflation is the default yearly inflation paid to validators and
// delegators by x/mint. It is a single governance parameter: inflation_min =
// inflation_max = this value, so the rate does not float with the bonded
// ratio. The model-token economy mints its own emissions separately.
var ValidatorInflation = math.LegacyNewDecWithPrec(3, 2)

// NewDefaultGenesisState returns every module's default genesis with flockd's
// denom, FLOCK metadata and mint settings applied.
func NewDefaultGenesisState(cdc codec.JSONCodec, basics module.BasicManager) map[string]json.RawMessage {
	gen := basics.DefaultGenesis(cdc)

	var bankGen banktypes.GenesisState
	cdc.MustUnmarshalJSON(gen[banktypes.ModuleName], &bankGen)
	bankGen.DenomMetadata = append(bankGen.DenomMetadata, FlockMetadata())
	gen[banktypes.ModuleName] = cdc.MustMarshalJSON(&bankGen)

	var mintGen minttypes.GenesisState
	cdc.MustUnmarshalJSON(gen[minttypes.ModuleName], &mintGen)
	mintGen.Params.MintDenom = BondDenom
	mintGen.Params.InflationMin = ValidatorInflation
	mintGen.Params.InflationMax = ValidatorInflation
	mintGen.Minter.Inflation = ValidatorInflation
	mintGen.Params.MaxSupply = MaxFlockSupply
	gen[minttypes.ModuleName] = cdc.MustMarshalJSON(&mintGen)

	return gen
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
