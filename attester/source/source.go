// Package source reads billing events: from PostgreSQL in production (a
// documented billing_events table, or any query the operator maps onto its
// columns) or from a JSON-lines file (the embedded default of make
// localnet).
package source

import (
	"context"
	"time"

	"github.com/flockchain/flockd/attester/batch"
)

// Source reads the billing events of a time window.
type Source interface {
	// Events returns the events with from <= time < to, in any order.
	Events(ctx context.Context, from, to time.Time) ([]batch.Event, error)
	Close() error
}
