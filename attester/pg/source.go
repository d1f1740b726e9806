package pg

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/flockchain/flockd/attester/batch"
)

// DefaultQuery reads the documented table.
const DefaultQuery = `SELECT event_id, user_address, model, spend_micro_usd, occurred_at
FROM billing_events WHERE occurred_at >= $1 AND occurred_at < $2`

// Source reads billing events with query (DefaultQuery if empty).
type Source struct {
	pool  *pgxpool.Pool
	query string
}

// OpenSource connects to the billing database.
func OpenSource(ctx context.Context, dsn, query string) (*Source, error) {
	pool, err := pgxpool.New(ctx, dsn)
	if err != nil {
		return nil, err
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, err
	}
	if query == "" {
		query = DefaultQuery
	}
	return &Source{pool: pool, query: query}, nil
}

func (s *Source) Events(ctx context.Context, from, to time.Time) ([]batch.Event, error) {
	rows, err := s.pool.Query(ctx, s.query, from, to)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []batch.Event
	for rows.Next() {
		var e batch.Event
		if err := rows.Scan(&e.ID, &e.User, &e.Model, &e.Spend, &e.Time); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

func (s *Source) Close() error {
	s.pool.Close()
	return nil
}
