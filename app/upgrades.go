package app

import (
	"fmt"

	upgradetypes "github.com/cosmos/cosmos-sdk/x/upgrade/types"

	"github.com/flockchain/flockd/app/upgrades"
	v2 "github.com/flockchain/flockd/app/upgrades/v2"
	v3 "github.com/flockchain/flockd/app/upgrades/v3"
	v4 "github.com/flockchain/flockd/app/upgrades/v4"
)

// Upgrades are every software upgrade flockd has shipped, oldest first.
var Upgrades = []upgrades.Upgrade{v2.Upgrade, v3.Upgrade, v4.Upgrade}

// registerUpgradeHandlers registers the handler of every upgrade and, when
// the node restarts at a halted upgrade that changes stores, the store
// loader that adds, renames or deletes them. It runs before the stores load.
func (app *FlockApp) registerUpgradeHandlers() error {
	registered := upgrades.Registered(Upgrades)
	for _, u := range registered {
		app.UpgradeKeeper.SetUpgradeHandler(u.Name, u.CreateHandler(app.ModuleManager, app.configurator))
	}
	info, err := app.UpgradeKeeper.ReadUpgradeInfoFromDisk()
	if err != nil {
		return fmt.Errorf("read upgrade info: %w", err)
	}
	if info.Name == "" || app.UpgradeKeeper.IsSkipHeight(info.Height) {
		return nil
	}
	for _, u := range registered {
		su := u.StoreUpgrades
		if u.Name == info.Name && len(su.Added)+len(su.Renamed)+len(su.Deleted) > 0 {
			app.SetStoreLoader(upgradetypes.UpgradeStoreLoader(info.Height, &su))
		}
	}
	return nil
}
