// Package journaltest is the contract every journal.Journal keeps, run
// against the file journal and the PostgreSQL one.
package journaltest

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/flockchain/flockd/attester/batch"
	"github.com/flockchain/flockd/attester/journal"
	"github.com/flockchain/flockd/x/modeltoken/types"
)

// Run checks j; reopen closes and reopens it on the same storage (a
// restart), returning the new handle.
func Run(t *testing.T, j journal.Journal, reopen func(journal.Journal) journal.Journal) {
	ctx := context.Background()
	k := journal.Key{Epoch: 7, Denom: "mt/llama", BatchID: "v1-e7-p0"}
	_, err := j.Get(ctx, k)
	require.ErrorIs(t, err, journal.ErrNotFound)

	rows := []types.UsageRow{{User: "flock1a", Spend: 5}, {User: "flock1b", Spend: 7}}
	e := journal.Entry{Epoch: 7, Denom: "mt/llama", BatchID: "v1-e7-p0", ContentHash: "aa", Rows: rows, Total: 12,
		Mode: journal.Post, State: journal.Signing}
	other := journal.Entry{Epoch: 7, Denom: "mt/mistral", BatchID: "v1-e7-p0", ContentHash: "bb", Mode: journal.Confirm, State: journal.Disagreed}
	require.NoError(t, j.PutAll(ctx, []journal.Entry{e, other}))
	e.State, e.TxHash, e.SentHeight = journal.Broadcast, "ABCD", 42
	require.NoError(t, j.Put(ctx, e))

	j = reopen(j) // what was put survives a restart
	got, err := j.Get(ctx, k)
	require.NoError(t, err)
	require.Equal(t, e, got)
	all, err := j.Entries(ctx, 7)
	require.NoError(t, err)
	require.Len(t, all, 2)
	none, err := j.Entries(ctx, 8)
	require.NoError(t, err)
	require.Empty(t, none)

	ev := batch.Event{ID: "gw-1", User: "flock1x", Model: "mt/llama", Spend: -1, Time: time.Date(2026, 12, 6, 1, 0, 0, 0, time.UTC)}
	q := []batch.Quarantined{{Event: ev, Reason: batch.NonPositiveSpend, Detail: "-1 micro-USD"}}
	added, err := j.Quarantine(ctx, 7, q)
	require.NoError(t, err)
	require.Equal(t, q, added)
	added, err = j.Quarantine(ctx, 7, q)
	require.NoError(t, err)
	require.Empty(t, added, "recording the same event and reason again adds nothing")
	j = reopen(j)
	back, err := j.Quarantined(ctx, 7)
	require.NoError(t, err)
	require.Len(t, back, 1)
	require.Equal(t, ev.ID, back[0].Event.ID)
	require.Equal(t, batch.NonPositiveSpend, back[0].Reason)
	require.True(t, ev.Time.Equal(back[0].Event.Time))
	require.NoError(t, j.Close())
}
