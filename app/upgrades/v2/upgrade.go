// Package v2 is flockd's first software upgrade. It runs the module
// migrations (every module's ConsensusVersion bump since the last upgrade)
// and changes no stores; it is the template later upgrades copy.
package v2

import (
	"context"

	upgradetypes "github.com/cosmos/cosmos-sdk/x/upgrade/types"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/module"

	"github.com/flockchain/flockd/app/upgrades"
)

// Name is the plan name a software-upgrade proposal must use.
const Name = "v2"

// Upgrade is registered by the app.
var Upgrade = upgrades.Upgrade{
	Name: Name,
	CreateHandler: func(mm *module.Manager, cfg module.Configurator) upgradetypes.UpgradeHandler {
		return func(ctx context.Context, plan upgradetypes.Plan, fromVM module.VersionMap) (module.VersionMap, error) {
			sdk.UnwrapSDKContext(ctx).Logger().Info("running upgrade handler", "upgrade", plan.Name, "height", plan.Height)
			return mm.RunMigrations(ctx, cfg, fromVM)
		}
	},
}
