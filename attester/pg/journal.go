package pg

import (
	"context"
	"encoding/json"
	"errors"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/flockchain/flockd/attester/batch"
	"github.com/flockchain/flockd/attester/journal"
)

// Journal is the journal in PostgreSQL: a committed transaction is durable,
// so Put returns once the entry survives a crash of the service or the
// database.
type Journal struct {
	pool *pgxpool.Pool
}

var _ journal.Journal = (*Journal)(nil)

// OpenJournal connects and creates the tables if needed.
func OpenJournal(ctx context.Context, dsn string) (*Journal, error) {
	if err := Migrate(ctx, dsn); err != nil {
		return nil, err
	}
	pool, err := pgxpool.New(ctx, dsn)
	if err != nil {
		return nil, err
	}
	return &Journal{pool: pool}, nil
}

func (j *Journal) Get(ctx context.Context, k journal.Key) (journal.Entry, error) {
	var raw []byte
	err := j.pool.QueryRow(ctx, `SELECT entry FROM attester_batches WHERE epoch = $1 AND denom = $2 AND batch_id = $3`,
		int64(k.Epoch), k.Denom, k.BatchID).Scan(&raw)
	if errors.Is(err, pgx.ErrNoRows) {
		return journal.Entry{}, journal.ErrNotFound
	}
	if err != nil {
		return journal.Entry{}, err
	}
	var e journal.Entry
	return e, json.Unmarshal(raw, &e)
}

func (j *Journal) Put(ctx context.Context, e journal.Entry) error {
	return j.PutAll(ctx, []journal.Entry{e})
}

func (j *Journal) PutAll(ctx context.Context, es []journal.Entry) error {
	return pgx.BeginFunc(ctx, j.pool, func(tx pgx.Tx) error {
		for _, e := range es {
			raw, err := json.Marshal(e)
			if err != nil {
				return err
			}
			if _, err := tx.Exec(ctx, `INSERT INTO attester_batches (epoch, denom, batch_id, state, entry) VALUES ($1, $2, $3, $4, $5)
ON CONFLICT (epoch, denom, batch_id) DO UPDATE SET state = EXCLUDED.state, entry = EXCLUDED.entry, updated_at = now()`,
				int64(e.Epoch), e.Denom, e.BatchID, string(e.State), raw); err != nil {
				return err
			}
		}
		return nil
	})
}

func (j *Journal) Entries(ctx context.Context, epoch uint64) ([]journal.Entry, error) {
	rows, err := j.pool.Query(ctx, `SELECT entry FROM attester_batches WHERE epoch = $1 ORDER BY denom, batch_id`, int64(epoch))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []journal.Entry
	for rows.Next() {
		var raw []byte
		if err := rows.Scan(&raw); err != nil {
			return nil, err
		}
		var e journal.Entry
		if err := json.Unmarshal(raw, &e); err != nil {
			return nil, err
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

func (j *Journal) Quarantine(ctx context.Context, epoch uint64, q []batch.Quarantined) ([]batch.Quarantined, error) {
	if len(q) == 0 {
		return nil, nil
	}
	var added []batch.Quarantined
	err := pgx.BeginFunc(ctx, j.pool, func(tx pgx.Tx) error {
		added = added[:0]
		b := &pgx.Batch{}
		for _, x := range q {
			b.Queue(`INSERT INTO attester_quarantine (epoch, event_id, reason, detail, user_address, model, spend_micro_usd, occurred_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING`,
				int64(epoch), x.Event.ID, string(x.Reason), x.Detail, x.Event.User, x.Event.Model, x.Event.Spend, x.Event.Time)
		}
		res := tx.SendBatch(ctx, b)
		for _, x := range q {
			tag, err := res.Exec()
			if err != nil {
				res.Close()
				return err
			}
			if tag.RowsAffected() == 1 {
				added = append(added, x)
			}
		}
		return res.Close()
	})
	return added, err
}

func (j *Journal) Quarantined(ctx context.Context, epoch uint64) ([]batch.Quarantined, error) {
	rows, err := j.pool.Query(ctx, `SELECT event_id, reason, detail, user_address, model, spend_micro_usd, occurred_at
FROM attester_quarantine WHERE epoch = $1 ORDER BY event_id, reason`, int64(epoch))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []batch.Quarantined
	for rows.Next() {
		var x batch.Quarantined
		var reason string
		if err := rows.Scan(&x.Event.ID, &reason, &x.Detail, &x.Event.User, &x.Event.Model, &x.Event.Spend, &x.Event.Time); err != nil {
			return nil, err
		}
		x.Reason = batch.Reason(reason)
		out = append(out, x)
	}
	return out, rows.Err()
}

func (j *Journal) Close() error {
	j.pool.Close()
	return nil
}
