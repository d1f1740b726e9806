// Package upgrades holds flockd's named software upgrades. Each release that
// needs one adds a sub-package (v2, v3, ...) with its handler and store
// changes and appends it to app.Upgrades; handlers stay registered forever,
// because x/upgrade refuses to run a binary that lacks the handler of the
// last applied upgrade.
package upgrades

import (
	"context"
	"slices"
	"strings"

	storetypes "github.com/cosmos/cosmos-sdk/store/v2/types"
	upgradetypes "github.com/cosmos/cosmos-sdk/x/upgrade/types"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/module"
)

// Upgrade is one named software upgrade: the handler the new binary runs at
// the plan's height and the stores it adds, renames or deletes.
type Upgrade struct {
	Name          string
	StoreUpgrades storetypes.StoreUpgrades
	CreateHandler func(mm *module.Manager, cfg module.Configurator) upgradetypes.UpgradeHandler
}

// Omit is a comma-separated list of upgrade names this binary leaves out.
// It is empty in releases. Setting it at link time
// (-ldflags "-X github.com/flockchain/flockd/app/upgrades.Omit=v2") builds
// the binary as it was before that upgrade, which is how the e2e test gets a
// node that halts at the upgrade height.
var Omit = ""

// Registered returns the upgrades this binary registers: all but Omit.
func Registered(all []Upgrade) []Upgrade {
	omit := strings.Split(Omit, ",")
	return slices.DeleteFunc(slices.Clone(all), func(u Upgrade) bool { return slices.Contains(omit, u.Name) })
}

// MigrationsOnly is an upgrade that adds no stores and runs the module
// migrations (every ConsensusVersion bump since the last upgrade); what is
// logged at the upgrade height.
func MigrationsOnly(name, what string) Upgrade {
	return Upgrade{
		Name: name,
		CreateHandler: func(mm *module.Manager, cfg module.Configurator) upgradetypes.UpgradeHandler {
			return func(ctx context.Context, plan upgradetypes.Plan, fromVM module.VersionMap) (module.VersionMap, error) {
				sdk.UnwrapSDKContext(ctx).Logger().Info("running upgrade handler: "+what, "upgrade", plan.Name, "height", plan.Height)
				return mm.RunMigrations(ctx, cfg, fromVM)
			}
		},
	}
}
