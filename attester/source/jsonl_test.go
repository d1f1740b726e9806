package source

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestJSONLines(t *testing.T) {
	t0 := time.Date(2026, 12, 6, 0, 0, 0, 0, time.UTC)
	ctx := context.Background()
	for _, tc := range []struct {
		name, file string
		ids        []string
		err        string
	}{
		{"window: from inclusive, to exclusive", `{"event_id":"a","user":"u","model":"m","spend_micro_usd":1,"time":"2026-12-05T23:59:59Z"}
{"event_id":"b","user":"u","model":"m","spend_micro_usd":2,"time":"2026-12-06T00:00:00Z"}

{"event_id":"c","user":"u","model":"m","spend_micro_usd":3,"time":"2026-12-06T00:00:59.999Z"}
{"event_id":"d","user":"u","model":"m","spend_micro_usd":4,"time":"2026-12-06T00:01:00Z"}
`, []string{"b", "c"}, ""},
		{"a half-written last line waits for the next read", `{"event_id":"b","user":"u","model":"m","spend_micro_usd":2,"time":"2026-12-06T00:00:01Z"}
{"event_id":"c","user":"u","mod`, []string{"b"}, ""},
		{"a bad line in the middle is an error naming it", `{"event_id":"b"
{"event_id":"c","user":"u","model":"m","spend_micro_usd":3,"time":"2026-12-06T00:00:01Z"}
`, nil, "billing.jsonl:1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "billing.jsonl")
			require.NoError(t, os.WriteFile(path, []byte(tc.file), 0o600))
			events, err := JSONLines{Path: path}.Events(ctx, t0, t0.Add(time.Minute))
			if tc.err != "" {
				require.ErrorContains(t, err, tc.err)
				return
			}
			require.NoError(t, err)
			var ids []string
			for _, e := range events {
				ids = append(ids, e.ID)
			}
			require.Equal(t, tc.ids, ids)
		})
	}
	events, err := JSONLines{Path: filepath.Join(t.TempDir(), "none.jsonl")}.Events(ctx, t0, t0.Add(time.Minute))
	require.NoError(t, err, "no file yet: no events")
	require.Empty(t, events)
}
