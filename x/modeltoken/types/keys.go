package types

import "cosmossdk.io/collections"

const (
	// ModuleName is the module's name, store key and module account name.
	ModuleName = "modeltoken"
	// StoreKey is the KV store key of the module.
	StoreKey = ModuleName
)

// Collection prefixes. Each prefix is used by exactly one collection; never
// reuse or renumber a prefix once a chain has stored data under it.
var (
	ParamsKey = collections.NewPrefix(0)
)
