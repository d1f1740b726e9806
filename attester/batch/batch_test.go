package batch

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/cosmos/cosmos-sdk/types/bech32"

	"github.com/flockchain/flockd/x/modeltoken/types"
)

func addr(t *testing.T, b byte) string {
	t.Helper()
	s, err := bech32.ConvertAndEncode("flock", slices.Repeat([]byte{b}, 20))
	require.NoError(t, err)
	return s
}

func rules() Rules {
	return Rules{
		MaxRowsPerBatch: 2, MaxModelEpochSpend: 1_000_000, MaxAttesterShareBps: 5_000,
		Model: func(d string) (bool, bool) {
			switch d {
			case "mt/llama", "mt/mistral":
				return true, true
			case "mt/raising":
				return false, true
			}
			return false, false
		},
		Canonical: CanonicalAddress("flock"),
	}
}

var t0 = time.Date(2026, 12, 6, 0, 0, 0, 0, time.UTC)

func TestBuildQuarantinesEachReason(t *testing.T) {
	alice, bob := addr(t, 1), addr(t, 2)
	for _, tc := range []struct {
		name   string
		event  Event
		reason Reason
	}{
		{"malformed address", Event{ID: "x", User: "flock1notanaddress", Model: "mt/llama", Spend: 5}, MalformedAddress},
		{"other chain's prefix", Event{ID: "x", User: "cosmos1qypqxpq9qcrsszg2pvxq6rs0zqg3yyc5lzv7xu", Model: "mt/llama", Spend: 5}, MalformedAddress},
		{"upper-case spelling", Event{ID: "x", User: strings.ToUpper(alice), Model: "mt/llama", Spend: 5}, NonCanonicalAddress},
		{"zero spend", Event{ID: "x", User: alice, Model: "mt/llama", Spend: 0}, NonPositiveSpend},
		{"negative spend", Event{ID: "x", User: alice, Model: "mt/llama", Spend: -3}, NonPositiveSpend},
		{"unknown model", Event{ID: "x", User: alice, Model: "mt/nope", Spend: 5}, UnknownModel},
		{"raising model", Event{ID: "x", User: alice, Model: "mt/raising", Spend: 5}, ModelNotLive},
		{"over the share cap", Event{ID: "x", User: alice, Model: "mt/llama", Spend: 500_001}, OverCap},
	} {
		t.Run(tc.name, func(t *testing.T) {
			good := Event{ID: "good", User: bob, Model: "mt/llama", Spend: 7, Time: t0}
			tc.event.Time = t0
			plan := Build(3, []Event{tc.event, good}, rules())
			require.Len(t, plan.Quarantine, 1)
			require.Equal(t, tc.reason, plan.Quarantine[0].Reason)
			require.Equal(t, tc.event, plan.Quarantine[0].Event)
			require.Len(t, plan.Batches, 1, "the rest of the batch proceeds")
			require.Equal(t, bob, plan.Batches[0].Rows[0].User)
		})
	}
}

func TestBuildDuplicateEventIDCountsOnce(t *testing.T) {
	alice := addr(t, 1)
	e := Event{ID: "evt-1", User: alice, Model: "mt/llama", Spend: 10, Time: t0}
	plan := Build(1, []Event{e, e}, rules())
	require.Len(t, plan.Quarantine, 1)
	require.Equal(t, DuplicateEventID, plan.Quarantine[0].Reason)
	require.Equal(t, uint64(10), plan.Batches[0].Total)
}

func TestBuildAggregatesSortsAndSplits(t *testing.T) {
	a, b, c := addr(t, 3), addr(t, 1), addr(t, 2)
	events := []Event{
		{ID: "1", User: a, Model: "mt/llama", Spend: 1, Time: t0},
		{ID: "2", User: b, Model: "mt/llama", Spend: 2, Time: t0},
		{ID: "3", User: c, Model: "mt/llama", Spend: 3, Time: t0},
		{ID: "4", User: a, Model: "mt/llama", Spend: 4, Time: t0},
		{ID: "5", User: a, Model: "mt/mistral", Spend: 5, Time: t0},
	}
	plan := Build(9, events, rules())
	require.Empty(t, plan.Quarantine)
	var ids []string
	for _, bt := range plan.Batches {
		ids = append(ids, bt.Denom+"/"+bt.ID)
		require.LessOrEqual(t, len(bt.Rows), 2, "split at max_rows_per_batch")
		require.Equal(t, types.UsageContentHash(bt.Denom, bt.Epoch, bt.Rows), bt.ContentHash)
	}
	require.Equal(t, []string{"mt/llama/v1-e9-p0", "mt/llama/v1-e9-p1", "mt/mistral/v1-e9-p0"}, ids)
	llama := append(slices.Clone(plan.Batches[0].Rows), plan.Batches[1].Rows...)
	var users []string
	for _, r := range llama {
		users = append(users, r.User)
		if r.User == a {
			require.Equal(t, uint64(5), r.Spend, "a's two events are one row")
		}
	}
	require.True(t, slices.IsSorted(users), "rows sorted by address")
	require.Len(t, users, 3)
	require.Equal(t, 4, plan.Batches[0].Events+plan.Batches[1].Events)
}

// TestBuildIsCanonical (property): any order of the same events gives the
// same batches and the same quarantine, as two attesters need.
func TestBuildIsCanonical(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	models := []string{"mt/llama", "mt/mistral", "mt/nope"}
	var events []Event
	for i := range 300 {
		events = append(events, Event{
			ID:   string(rune('a'+r.IntN(26))) + string(rune('a'+r.IntN(26))), // duplicates on purpose
			User: addr(t, byte(r.IntN(12))), Model: models[r.IntN(3)], Spend: int64(r.IntN(200_000)) - 10, Time: t0.Add(time.Duration(i) * time.Second),
		})
	}
	want := Build(4, events, rules())
	require.NotEmpty(t, want.Batches)
	for range 20 {
		shuffled := slices.Clone(events)
		r.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		require.Equal(t, want, Build(4, shuffled, rules()))
	}
	// Every event is either in a row or in the quarantine.
	counted := len(want.Quarantine)
	for _, b := range want.Batches {
		counted += b.Events
	}
	require.Equal(t, len(events), counted)
}
