// Package launch is the launch domain of x/modeltoken: model types, raises
// on the bonding curve, the begin-block sweep of ended raises, graduation
// (mint, split the supply, open the pool) or failure, supporters' claims
// and the issuer's vesting. Its Keeper is a sub-keeper of the module
// keeper, on the module's store with the module's key prefixes; what it
// needs of the rest of the module it declares below as small interfaces.
package launch

import (
	"context"

	"cosmossdk.io/collections"
	"cosmossdk.io/core/address"
	"cosmossdk.io/log/v2"
	"cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/codec"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/flockchain/flockd/x/modeltoken/types"
)

// Graduates is what a graduating launch asks of the rest of the module:
// register the new live model token (the registry record, its incentive
// budget, its pool's price oracle).
type Graduates interface {
	RegisterToken(ctx context.Context, tok types.ModelToken) error
}

// Params reads the module's parameters (a collections.Item is one).
type Params interface {
	Get(ctx context.Context) (types.Params, error)
}

// Keeper owns the launch domain's state.
type Keeper struct {
	bank         types.BankKeeper
	addressCodec address.Codec
	params       Params
	graduates    Graduates
	flockDenom   string

	// ModelTypes are the governance-registered templates a launch is made
	// from (allocation, curve, raise bounds).
	ModelTypes collections.Map[string, types.ModelType]
	LaunchSeq  collections.Sequence
	// Launches are indexed by status (Launches.Indexes.ByStatus) for
	// paginated queries.
	Launches *collections.IndexedMap[uint64, types.Launch, LaunchIndexes]
	// LaunchDeadlines orders raising launches by end time (unix seconds) so
	// the begin-block sweep touches only launches whose window has ended.
	// Hand-kept, not an index: it holds raising launches only, and an index
	// covers every value.
	LaunchDeadlines collections.KeySet[collections.Pair[int64, uint64]]
	// LaunchSymbols reserves a symbol for a raising or graduated launch.
	LaunchSymbols collections.Map[string, uint64]
	Claims        collections.Map[collections.Pair[uint64, sdk.AccAddress], types.Claim]
	Vestings      collections.Map[uint64, types.IssuerVesting]
}

// NewKeeper declares the launch domain's collections on the module's schema
// builder sb. The keeper cannot graduate a launch until WithGraduates.
func NewKeeper(sb *collections.SchemaBuilder, cdc codec.BinaryCodec, addressCodec address.Codec, bank types.BankKeeper,
	params Params, flockDenom string,
) Keeper {
	return Keeper{
		bank:         bank,
		addressCodec: addressCodec,
		params:       params,
		flockDenom:   flockDenom,
		ModelTypes:   collections.NewMap(sb, types.ModelTypesKey, "model_types", collections.StringKey, codec.CollValue[types.ModelType](cdc)),
		LaunchSeq:    collections.NewSequence(sb, types.LaunchSeqKey, "launch_seq"),
		Launches: collections.NewIndexedMap(sb, types.LaunchesKey, "launches", collections.Uint64Key, codec.CollValue[types.Launch](cdc),
			newLaunchIndexes(sb)),
		LaunchDeadlines: collections.NewKeySet(sb, types.LaunchDeadlinesKey, "launch_deadlines",
			collections.PairKeyCodec(collections.Int64Key, collections.Uint64Key)),
		LaunchSymbols: collections.NewMap(sb, types.LaunchSymbolsKey, "launch_symbols", collections.StringKey, collections.Uint64Value),
		Claims: collections.NewMap(sb, types.ClaimsKey, "claims",
			collections.PairKeyCodec(collections.Uint64Key, sdk.AccAddressKey), codec.CollValue[types.Claim](cdc)),
		Vestings: collections.NewMap(sb, types.VestingsKey, "vestings", collections.Uint64Key, codec.CollValue[types.IssuerVesting](cdc)),
	}
}

// WithGraduates returns the keeper with the module's graduation hook set.
func (k Keeper) WithGraduates(g Graduates) Keeper {
	k.graduates = g
	return k
}

func (k Keeper) logger(ctx context.Context) log.Logger {
	return sdk.UnwrapSDKContext(ctx).Logger().With("module", "x/"+types.ModuleName)
}

// flock is amount of FLOCK as coins.
func (k Keeper) flock(amount math.Int) sdk.Coins {
	return sdk.NewCoins(sdk.NewCoin(k.flockDenom, amount))
}
