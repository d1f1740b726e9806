package keeper

import (
	"fmt"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/flockchain/flockd/x/modeltoken/types"
)

// RegisterInvariants registers x/modeltoken's invariants with a registry.
// SDK v0.55 has no x/crisis, so no block runs them: tests and simulations
// call AllInvariants, and `flockd check-invariants` runs them on a stopped
// node's state.
func RegisterInvariants(ir sdk.InvariantRegistry, k Keeper) {
	ir.RegisterRoute(types.ModuleName, "ledgers", LedgersInvariant(k))
	ir.RegisterRoute(types.ModuleName, "emissions", EmissionsInvariant(k))
}

// AllInvariants runs every x/modeltoken invariant.
func AllInvariants(k Keeper) sdk.Invariant {
	return func(ctx sdk.Context) (string, bool) {
		for _, inv := range []sdk.Invariant{LedgersInvariant(k), EmissionsInvariant(k)} {
			if msg, broken := inv(ctx); broken {
				return msg, true
			}
		}
		return "", false
	}
}

// LedgersInvariant: every module account equals its ledger, MT supply is
// minted − burned, staking escrow = Σ positions + unbonding, rewards account
// = unpaid sealed pools.
func LedgersInvariant(k Keeper) sdk.Invariant {
	return invariant("ledgers", func(ctx sdk.Context) error { return k.checkLedgers(ctx) })
}

// EmissionsInvariant: FLOCK minted by emissions stays within the schedule.
func EmissionsInvariant(k Keeper) sdk.Invariant {
	return invariant("emissions", func(ctx sdk.Context) error { return k.checkEmissionInvariants(ctx) })
}

func invariant(name string, check func(sdk.Context) error) sdk.Invariant {
	return func(ctx sdk.Context) (string, bool) {
		if err := check(ctx); err != nil {
			return sdk.FormatInvariant(types.ModuleName, name, fmt.Sprintf("broken: %v", err)), true
		}
		return sdk.FormatInvariant(types.ModuleName, name, "holds"), false
	}
}
