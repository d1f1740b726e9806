package journal

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sync"

	"github.com/flockchain/flockd/attester/batch"
)

// File is the embedded journal (make localnet, operators without a
// database): one JSON document in dir, replaced atomically on every change
// (write a temporary file, fsync, rename, fsync the directory), so a crash
// leaves the old or the new document, never a torn one. It holds batch
// entries and quarantined events; an operator with many events per epoch
// should use the PostgreSQL journal.
type File struct {
	mu   sync.Mutex
	path string
	doc  fileDoc
}

type fileDoc struct {
	Batches    []Entry           `json:"batches"`
	Quarantine []quarantineEntry `json:"quarantine"`
}

type quarantineEntry struct {
	Epoch   uint64       `json:"epoch"`
	EventID string       `json:"event_id"`
	Reason  batch.Reason `json:"reason"`
	Detail  string       `json:"detail,omitempty"`
	Event   batch.Event  `json:"event"`
}

// OpenFile opens (or creates) the journal in dir.
func OpenFile(dir string) (*File, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, err
	}
	f := &File{path: filepath.Join(dir, "attester-journal.json")}
	raw, err := os.ReadFile(f.path)
	switch {
	case errors.Is(err, os.ErrNotExist):
	case err != nil:
		return nil, err
	default:
		if err := json.Unmarshal(raw, &f.doc); err != nil {
			return nil, fmt.Errorf("journal %s: %w", f.path, err)
		}
	}
	return f, nil
}

func (f *File) Get(_ context.Context, k Key) (Entry, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, e := range f.doc.Batches {
		if e.Key() == k {
			return e, nil
		}
	}
	return Entry{}, ErrNotFound
}

func (f *File) Put(ctx context.Context, e Entry) error { return f.PutAll(ctx, []Entry{e}) }

func (f *File) PutAll(_ context.Context, es []Entry) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	before := slices.Clone(f.doc.Batches)
	for _, e := range es {
		i := slices.IndexFunc(f.doc.Batches, func(x Entry) bool { return x.Key() == e.Key() })
		if i >= 0 {
			f.doc.Batches[i] = e
		} else {
			f.doc.Batches = append(f.doc.Batches, e)
		}
	}
	if err := f.save(); err != nil {
		f.doc.Batches = before // memory stays what the disk holds
		return err
	}
	return nil
}

func (f *File) Entries(_ context.Context, epoch uint64) ([]Entry, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []Entry
	for _, e := range f.doc.Batches {
		if e.Epoch == epoch {
			out = append(out, e)
		}
	}
	return out, nil
}

func (f *File) Quarantine(_ context.Context, epoch uint64, q []batch.Quarantined) ([]batch.Quarantined, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	type key struct {
		epoch  uint64
		id     string
		reason batch.Reason
	}
	have := map[key]bool{}
	for _, x := range f.doc.Quarantine {
		have[key{x.Epoch, x.EventID, x.Reason}] = true
	}
	var added []batch.Quarantined
	before := len(f.doc.Quarantine)
	for _, x := range q {
		k := key{epoch, x.Event.ID, x.Reason}
		if have[k] {
			continue
		}
		have[k] = true
		added = append(added, x)
		f.doc.Quarantine = append(f.doc.Quarantine, quarantineEntry{Epoch: epoch, EventID: x.Event.ID, Reason: x.Reason, Detail: x.Detail, Event: x.Event})
	}
	if len(added) == 0 {
		return nil, nil
	}
	if err := f.save(); err != nil {
		f.doc.Quarantine = f.doc.Quarantine[:before]
		return nil, err
	}
	return added, nil
}

func (f *File) Quarantined(_ context.Context, epoch uint64) ([]batch.Quarantined, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []batch.Quarantined
	for _, x := range f.doc.Quarantine {
		if x.Epoch == epoch {
			out = append(out, batch.Quarantined{Event: x.Event, Reason: x.Reason, Detail: x.Detail})
		}
	}
	return out, nil
}

func (f *File) Close() error { return nil }

// save replaces the document atomically and durably.
func (f *File) save() error {
	raw, err := json.Marshal(f.doc)
	if err != nil {
		return err
	}
	tmp := f.path + ".tmp"
	w, err := os.OpenFile(tmp, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	if _, err := w.Write(raw); err != nil {
		w.Close()
		return err
	}
	if err := w.Sync(); err != nil {
		w.Close()
		return err
	}
	if err := w.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp, f.path); err != nil {
		return err
	}
	d, err := os.Open(filepath.Dir(f.path))
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}
