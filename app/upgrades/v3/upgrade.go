// Package v3 is the upgrade that adds IBC: core IBC with the 07-tendermint
// light client, ICS-20 transfer and the rate-limiting middleware. Their
// stores are added at the upgrade height; RunMigrations initialises the new
// modules from their default genesis (they are not in the old version map).
package v3

import (
	"context"

	storetypes "github.com/cosmos/cosmos-sdk/store/v2/types"
	upgradetypes "github.com/cosmos/cosmos-sdk/x/upgrade/types"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/module"

	ratelimittypes "github.com/cosmos/ibc-go/v11/modules/apps/rate-limiting/types"
	ibctransfertypes "github.com/cosmos/ibc-go/v11/modules/apps/transfer/types"
	ibcexported "github.com/cosmos/ibc-go/v11/modules/core/exported"

	"github.com/flockchain/flockd/app/upgrades"
)

const Name = "v3"

var Upgrade = upgrades.Upgrade{
	Name: Name,
	StoreUpgrades: storetypes.StoreUpgrades{
		Added: []string{ibcexported.StoreKey, ibctransfertypes.StoreKey, ratelimittypes.StoreKey},
	},
	CreateHandler: func(mm *module.Manager, cfg module.Configurator) upgradetypes.UpgradeHandler {
		return func(ctx context.Context, plan upgradetypes.Plan, fromVM module.VersionMap) (module.VersionMap, error) {
			sdk.UnwrapSDKContext(ctx).Logger().Info("running upgrade handler: adding IBC", "upgrade", plan.Name, "height", plan.Height)
			return mm.RunMigrations(ctx, cfg, fromVM)
		}
	},
}
