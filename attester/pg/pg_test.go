package pg_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/require"

	"github.com/flockchain/flockd/attester/journal"
	"github.com/flockchain/flockd/attester/journal/journaltest"
	"github.com/flockchain/flockd/attester/pg"
	"github.com/flockchain/flockd/testutil/pgtest"
)

func TestPostgres(t *testing.T) {
	srv := pgtest.Start(t)
	ctx := context.Background()

	t.Run("journal contract", func(t *testing.T) {
		dsn := srv.CreateDB(t, "journal")
		j, err := pg.OpenJournal(ctx, dsn)
		require.NoError(t, err)
		journaltest.Run(t, j, func(old journal.Journal) journal.Journal {
			require.NoError(t, old.Close())
			j, err := pg.OpenJournal(ctx, dsn)
			require.NoError(t, err)
			return j
		})
	})

	t.Run("source reads one window of billing_events", func(t *testing.T) {
		dsn := srv.CreateDB(t, "billing")
		require.NoError(t, pg.Migrate(ctx, dsn))
		require.NoError(t, pg.Migrate(ctx, dsn), "init-db twice changes nothing")
		conn, err := pgx.Connect(ctx, dsn)
		require.NoError(t, err)
		defer conn.Close(ctx)
		t0 := time.Date(2026, 12, 6, 0, 0, 0, 0, time.UTC)
		for i, at := range []time.Time{t0.Add(-time.Second), t0, t0.Add(time.Minute), t0.Add(2 * time.Minute)} {
			_, err := conn.Exec(ctx, `INSERT INTO billing_events VALUES ($1, 'flock1u', 'mt/llama', $2, $3)`, fmt.Sprint(i), 100+i, at)
			require.NoError(t, err)
		}
		src, err := pg.OpenSource(ctx, dsn, "")
		require.NoError(t, err)
		defer src.Close()
		events, err := src.Events(ctx, t0, t0.Add(2*time.Minute))
		require.NoError(t, err)
		require.Len(t, events, 2, "from inclusive, to exclusive")
		ids := []string{events[0].ID, events[1].ID}
		require.ElementsMatch(t, []string{"1", "2"}, ids)

		// An operator's own table, mapped onto the columns by a query.
		_, err = conn.Exec(ctx, `CREATE TABLE calls (id BIGINT, wallet TEXT, denom TEXT, cents BIGINT, at TIMESTAMPTZ)`)
		require.NoError(t, err)
		_, err = conn.Exec(ctx, `INSERT INTO calls VALUES (9, 'flock1w', 'mt/llama', 3, $1)`, t0)
		require.NoError(t, err)
		mapped, err := pg.OpenSource(ctx, dsn, `SELECT id::text, wallet, denom, cents * 10000, at FROM calls WHERE at >= $1 AND at < $2`)
		require.NoError(t, err)
		defer mapped.Close()
		events, err = mapped.Events(ctx, t0, t0.Add(time.Hour))
		require.NoError(t, err)
		require.Len(t, events, 1)
		require.Equal(t, int64(30000), events[0].Spend)
		require.Equal(t, "9", events[0].ID)
	})
}
