// Package pg is the attester service's PostgreSQL side (pgx v5): the
// documented billing_events table it reads as a source, and the journal
// tables it writes. The source and the journal may be the same database
// or two.
package pg

import (
	"context"

	"github.com/jackc/pgx/v5"
)

// Schema is the tables' DDL; init-db runs it, and so does opening a
// journal. billing_events is the documented source table: a gateway writes
// one row per paid inference call (or the operator maps its own table onto
// these columns with source.query).
const Schema = `
CREATE TABLE IF NOT EXISTS billing_events (
  event_id        TEXT PRIMARY KEY,        -- unique per paid call: a retried write cannot count twice
  user_address    TEXT NOT NULL,           -- the user's flock1... account
  model           TEXT NOT NULL,           -- the model token's denom, e.g. mt/llama
  spend_micro_usd BIGINT NOT NULL,         -- what the call cost the user, in micro-USD
  occurred_at     TIMESTAMPTZ NOT NULL     -- when the call was made: assigns it to an epoch
);
CREATE INDEX IF NOT EXISTS billing_events_occurred_at ON billing_events (occurred_at);

CREATE TABLE IF NOT EXISTS attester_batches (
  epoch      BIGINT NOT NULL,
  denom      TEXT NOT NULL,
  batch_id   TEXT NOT NULL,
  state      TEXT NOT NULL,
  entry      JSONB NOT NULL,
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (epoch, denom, batch_id)
);

CREATE TABLE IF NOT EXISTS attester_quarantine (
  epoch           BIGINT NOT NULL,
  event_id        TEXT NOT NULL,
  reason          TEXT NOT NULL,
  detail          TEXT NOT NULL,
  user_address    TEXT NOT NULL,
  model           TEXT NOT NULL,
  spend_micro_usd BIGINT NOT NULL,
  occurred_at     TIMESTAMPTZ NOT NULL,
  recorded_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (epoch, event_id, reason)
);
`

// Migrate creates the tables that do not exist yet.
func Migrate(ctx context.Context, dsn string) error {
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	_, err = conn.Exec(ctx, Schema)
	return err
}
