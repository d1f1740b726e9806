// Package market is the market domain of x/modeltoken: each live model's
// constant-product MT/FLOCK pool, the pool's TWAP oracle, revenue deposits,
// the begin-block buyback that spends them, and the epoch burn of the MT
// bought back. Its Keeper is a sub-keeper of the module keeper, on the
// module's store with the module's key prefixes; what it needs of the rest
// of the module it declares below as small interfaces.
package market

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

// Tokens is the model-token registry the module keeper owns. A pool's
// reserves are fields of its ModelToken record (liquidity_mt,
// liquidity_flock), so the market reads and writes that record through it.
type Tokens interface {
	// RequireLive fails with a typed error unless denom is a live model
	// token (unknown, still raising, or FLOCK itself).
	RequireLive(ctx context.Context, denom string) error
	GetToken(ctx context.Context, denom string) (types.ModelToken, error)
	SetToken(ctx context.Context, tok types.ModelToken) error
	// IssuerPayout is where the issuer's revenue leg goes.
	IssuerPayout(ctx context.Context, tok types.ModelToken) (sdk.AccAddress, error)
}

// Params reads the module's parameters (a collections.Item is one).
type Params interface {
	Get(ctx context.Context) (types.Params, error)
}

// Keeper owns the market's state.
type Keeper struct {
	bank         types.BankKeeper
	addressCodec address.Codec
	tokens       Tokens
	params       Params
	flockDenom   string

	Revenue collections.Map[string, types.RevenueTotals]
	// PendingBurns lists models with bought-back MT awaiting the epoch burn.
	PendingBurns collections.KeySet[string]
	// PoolOracles are the pools' TWAP accumulators; PriceObservations their
	// rings of (time, cumulative) observations, OracleRingSize per pool.
	PoolOracles       collections.Map[string, types.PoolOracle]
	PriceObservations collections.Map[collections.Pair[string, uint32], types.PriceObservation]
	// PendingBuybacks lists models with buyback FLOCK waiting; BuybackCursor
	// is the last model the begin-block buyback served (round robin).
	PendingBuybacks collections.KeySet[string]
	BuybackCursor   collections.Item[string]
}

// NewKeeper declares the market's collections on the module's schema
// builder sb.
func NewKeeper(sb *collections.SchemaBuilder, cdc codec.BinaryCodec, addressCodec address.Codec, bank types.BankKeeper,
	tokens Tokens, params Params, flockDenom string,
) Keeper {
	return Keeper{
		bank:         bank,
		addressCodec: addressCodec,
		tokens:       tokens,
		params:       params,
		flockDenom:   flockDenom,
		Revenue:      collections.NewMap(sb, types.RevenueKey, "revenue", collections.StringKey, codec.CollValue[types.RevenueTotals](cdc)),
		PendingBurns: collections.NewKeySet(sb, types.PendingBurnsKey, "pending_burns", collections.StringKey),
		PoolOracles:  collections.NewMap(sb, types.PoolOraclesKey, "pool_oracles", collections.StringKey, codec.CollValue[types.PoolOracle](cdc)),
		PriceObservations: collections.NewMap(sb, types.PriceObsKey, "price_observations",
			collections.PairKeyCodec(collections.StringKey, collections.Uint32Key), codec.CollValue[types.PriceObservation](cdc)),
		PendingBuybacks: collections.NewKeySet(sb, types.PendingBuybacksKey, "pending_buybacks", collections.StringKey),
		BuybackCursor:   collections.NewItem(sb, types.BuybackCursorKey, "buyback_cursor", collections.StringValue),
	}
}

func (k Keeper) logger(ctx context.Context) log.Logger {
	return sdk.UnwrapSDKContext(ctx).Logger().With("module", "x/"+types.ModuleName)
}

// flock is amount of FLOCK as coins.
func (k Keeper) flock(amount math.Int) sdk.Coins {
	return sdk.NewCoins(sdk.NewCoin(k.flockDenom, amount))
}
