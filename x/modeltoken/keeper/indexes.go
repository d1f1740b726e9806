package keeper

import (
	"cosmossdk.io/collections"
	"cosmossdk.io/collections/indexes"
	"cosmossdk.io/core/address"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/flockchain/flockd/x/modeltoken/types"
)

// Secondary indexes, kept in step by collections.IndexedMap on every Set and
// Remove. Each uses the prefix, name and key layout of the hand-kept key set
// it replaced ((denom, owner), (owner, id), (status, id) with empty values),
// so the store bytes, and therefore app hashes and exported state, are
// unchanged and no migration is needed.

// PositionIndexes lists a model's stakers: (denom, owner).
type PositionIndexes struct {
	ByDenom *indexes.ReversePair[sdk.AccAddress, string, types.StakePosition]
}

func (i PositionIndexes) IndexesList() []collections.Index[collections.Pair[sdk.AccAddress, string], types.StakePosition] {
	return []collections.Index[collections.Pair[sdk.AccAddress, string], types.StakePosition]{i.ByDenom}
}

func newPositionIndexes(sb *collections.SchemaBuilder) PositionIndexes {
	return PositionIndexes{ByDenom: indexes.NewReversePair[types.StakePosition](sb, types.PositionsByDenom,
		"positions_by_denom", collections.PairKeyCodec(sdk.AccAddressKey, collections.StringKey))}
}

// UnbondingIndexes lists an owner's unbonding entries: (owner, id).
type UnbondingIndexes struct {
	ByOwner *indexes.Multi[sdk.AccAddress, uint64, types.UnbondingEntry]
}

func (i UnbondingIndexes) IndexesList() []collections.Index[uint64, types.UnbondingEntry] {
	return []collections.Index[uint64, types.UnbondingEntry]{i.ByOwner}
}

func newUnbondingIndexes(sb *collections.SchemaBuilder, ac address.Codec) UnbondingIndexes {
	return UnbondingIndexes{ByOwner: indexes.NewMulti(sb, types.UnbondingsByOwner, "unbondings_by_owner",
		sdk.AccAddressKey, collections.Uint64Key,
		func(_ uint64, e types.UnbondingEntry) (sdk.AccAddress, error) { return ac.StringToBytes(e.Owner) })}
}

// GmLockIndexes lists an owner's gmFLOCK locks: (owner, id).
type GmLockIndexes struct {
	ByOwner *indexes.Multi[sdk.AccAddress, uint64, types.GmLock]
}

func (i GmLockIndexes) IndexesList() []collections.Index[uint64, types.GmLock] {
	return []collections.Index[uint64, types.GmLock]{i.ByOwner}
}

func newGmLockIndexes(sb *collections.SchemaBuilder, ac address.Codec) GmLockIndexes {
	return GmLockIndexes{ByOwner: indexes.NewMulti(sb, types.GmLocksByOwner, "gm_locks_by_owner",
		sdk.AccAddressKey, collections.Uint64Key,
		func(_ uint64, l types.GmLock) (sdk.AccAddress, error) { return ac.StringToBytes(l.Owner) })}
}
