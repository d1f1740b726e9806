package source

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/flockchain/flockd/attester/batch"
)

// JSONLine is one line of a JSON-lines billing file:
//
//	{"event_id": "gw-1", "user": "flock1...", "model": "mt/llama",
//	 "spend_micro_usd": 12500, "time": "2026-12-06T10:00:00Z"}
type JSONLine struct {
	EventID string    `json:"event_id"`
	User    string    `json:"user"`
	Model   string    `json:"model"`
	Spend   int64     `json:"spend_micro_usd"`
	Time    time.Time `json:"time"`
}

// JSONLines reads a JSON-lines file (one event per line), re-reading it at
// every call: a gateway appends to it while the service runs. A line that
// does not parse is an error naming the line, not a skipped event.
type JSONLines struct {
	Path string
}

func (j JSONLines) Events(ctx context.Context, from, to time.Time) ([]batch.Event, error) {
	f, err := os.Open(j.Path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil // no events yet
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []batch.Event
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for line := 1; sc.Scan(); line++ {
		if len(sc.Bytes()) == 0 {
			continue
		}
		var l JSONLine
		if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
			// A partly written last line (the writer is mid-append) ends
			// the read; the next call sees it whole.
			if !sc.Scan() {
				break
			}
			return nil, fmt.Errorf("%s:%d: %w", j.Path, line, err)
		}
		if l.Time.Before(from) || !l.Time.Before(to) {
			continue
		}
		out = append(out, batch.Event{ID: l.EventID, User: l.User, Model: l.Model, Spend: l.Spend, Time: l.Time})
		if line%4096 == 0 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
	}
	return out, sc.Err()
}

func (j JSONLines) Close() error { return nil }
