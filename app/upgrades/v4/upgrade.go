// Package v4 is the upgrade that keys usage batches by their content
// (x/modeltoken consensus version 3): rival contents of one batch id become
// separate candidates, so an id cannot be squatted, and ids are scoped per
// model. It adds no stores; RunMigrations re-keys the stored batches
// (keeper.Migrator.Migrate2to3).
package v4

import "github.com/flockchain/flockd/app/upgrades"

// Name is the plan name a software-upgrade proposal must use.
const Name = "v4"

// Upgrade is registered by the app.
var Upgrade = upgrades.MigrationsOnly(Name, "usage batches keyed by content")
