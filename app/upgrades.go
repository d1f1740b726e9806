package app

// registerUpgradeHandlers is where named software upgrades are registered.
// flockd has shipped no upgrade yet; the first one adds its handler and
// store upgrades here (see the SDK's UPGRADING.md for the pattern).
func (app *FlockApp) registerUpgradeHandlers() {}
