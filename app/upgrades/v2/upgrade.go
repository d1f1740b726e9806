// Package v2 is flockd's first software upgrade: the markets and the
// attestation trust (x/modeltoken consensus version 2). It changes no
// stores; RunMigrations runs the module migrations.
package v2

import "github.com/flockchain/flockd/app/upgrades"

// Name is the plan name a software-upgrade proposal must use.
const Name = "v2"

// Upgrade is registered by the app.
var Upgrade = upgrades.MigrationsOnly(Name, "markets and attestation trust")
