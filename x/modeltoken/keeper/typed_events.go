package keeper

import "github.com/flockchain/flockd/x/modeltoken/internal/eventkit"

// Every state change emits one typed event (events.proto) from one
// function in an events_<domain>.go file, so the grammar an indexer parses
// is defined in one place per domain. Until the v5 upgrade the legacy
// string event of the same change is emitted beside it (module README,
// "Events").

// The shared helpers, under the names the events files use.
var (
	emit       = eventkit.Emit
	emitTyped  = eventkit.EmitTyped
	attr       = eventkit.Attr
	emitBurned = eventkit.Burned
)
