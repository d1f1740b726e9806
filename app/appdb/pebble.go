// Package appdb opens the node's application database. For the pebble
// backend (the default) it opens pebble with bloom filters and a larger
// block cache than cosmos-db's defaults; any other backend is opened as the
// SDK would.
//
// Why: usage ingest reads, for every row of a new user, records that mostly
// do not exist (the user's usage record, stake position, lock count). Without
// a filter policy pebble answers such a miss by reading an index and a data
// block in every level whose key range covers the key, and cosmos-db's
// pebble keeps an 8 MiB block cache, so on a node with state those misses
// were most of a usage block's time (profile in docs/benchmarks.md). A bloom
// filter (10 bits per key, ~1% false positives) answers most misses from
// memory. Filters are written with new sstables, so an existing database
// opens unchanged and gains them as it compacts. Nothing here affects what
// is stored: the app hash is the same with either opener.
package appdb

import (
	"errors"
	"fmt"
	"path/filepath"

	"github.com/cockroachdb/pebble"
	"github.com/cockroachdb/pebble/bloom"
	dbm "github.com/cosmos/cosmos-db"
)

// BlockCacheBytes is the pebble block cache of the application database.
const BlockCacheBytes = 256 << 20

var (
	errKeyEmpty    = errors.New("key cannot be empty")
	errValueNil    = errors.New("value cannot be nil")
	errBatchClosed = errors.New("batch has been written or closed")
)

// Open is the start command's DBOpener: data/application.db under rootDir.
func Open(rootDir string, backend dbm.BackendType) (dbm.DB, error) {
	dataDir := filepath.Join(rootDir, "data")
	if backend != dbm.PebbleDBBackend {
		return dbm.NewDB("application", backend, dataDir)
	}
	return OpenPebble(filepath.Join(dataDir, "application.db"))
}

// OpenPebble opens (or creates) a pebble database at path with the options
// above.
func OpenPebble(path string) (dbm.DB, error) {
	cache := pebble.NewCache(BlockCacheBytes)
	defer cache.Unref() // the DB holds its own reference
	opts := &pebble.Options{
		Cache:                    cache,
		Logger:                   quietLogger{},
		MaxConcurrentCompactions: func() int { return 3 },
	}
	opts.EnsureDefaults()
	for i := range opts.Levels {
		opts.Levels[i].FilterPolicy = bloom.FilterPolicy(10)
		opts.Levels[i].FilterType = pebble.TableFilter
	}
	db, err := pebble.Open(path, opts)
	if err != nil {
		return nil, err
	}
	return &pebbleDB{db: db}, nil
}

// quietLogger drops pebble's info lines (they are not in the node's log
// format) and keeps fatal errors.
type quietLogger struct{}

func (quietLogger) Infof(string, ...any) {}
func (quietLogger) Fatalf(format string, args ...any) {
	panic(fmt.Sprintf("pebble: "+format, args...))
}

// pebbleDB is a cosmos-db DB over a pebble database.
type pebbleDB struct{ db *pebble.DB }

var _ dbm.DB = (*pebbleDB)(nil)

func (p *pebbleDB) Get(key []byte) ([]byte, error) {
	if len(key) == 0 {
		return nil, errKeyEmpty
	}
	v, closer, err := p.db.Get(key)
	if errors.Is(err, pebble.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer closer.Close()
	return append([]byte{}, v...), nil
}

func (p *pebbleDB) Has(key []byte) (bool, error) {
	if len(key) == 0 {
		return false, errKeyEmpty
	}
	_, closer, err := p.db.Get(key) // no copy of the value
	if errors.Is(err, pebble.ErrNotFound) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return true, closer.Close()
}

func (p *pebbleDB) Set(key, value []byte) error     { return p.set(key, value, pebble.NoSync) }
func (p *pebbleDB) SetSync(key, value []byte) error { return p.set(key, value, pebble.Sync) }
func (p *pebbleDB) Delete(key []byte) error         { return p.del(key, pebble.NoSync) }
func (p *pebbleDB) DeleteSync(key []byte) error     { return p.del(key, pebble.Sync) }
func (p *pebbleDB) Close() error                    { return p.db.Close() }
func (p *pebbleDB) NewBatch() dbm.Batch             { return &pebbleBatch{b: p.db.NewBatch()} }
func (p *pebbleDB) NewBatchWithSize(n int) dbm.Batch {
	return &pebbleBatch{b: p.db.NewBatchWithSize(n)}
}
func (p *pebbleDB) Print() error { fmt.Println(p.db.Metrics()); return nil }

func (p *pebbleDB) Stats() map[string]string {
	return map[string]string{"pebble.metrics": p.db.Metrics().String()}
}

func (p *pebbleDB) set(key, value []byte, o *pebble.WriteOptions) error {
	if len(key) == 0 {
		return errKeyEmpty
	}
	if value == nil {
		return errValueNil
	}
	return p.db.Set(key, value, o)
}

func (p *pebbleDB) del(key []byte, o *pebble.WriteOptions) error {
	if len(key) == 0 {
		return errKeyEmpty
	}
	return p.db.Delete(key, o)
}

func (p *pebbleDB) Iterator(start, end []byte) (dbm.Iterator, error) {
	return p.newIterator(start, end, false)
}

func (p *pebbleDB) ReverseIterator(start, end []byte) (dbm.Iterator, error) {
	return p.newIterator(start, end, true)
}

// newIterator iterates [start, end) (nil: unbounded), ascending or descending.
func (p *pebbleDB) newIterator(start, end []byte, reverse bool) (dbm.Iterator, error) {
	if (start != nil && len(start) == 0) || (end != nil && len(end) == 0) {
		return nil, errKeyEmpty
	}
	// Pebble keeps the bounds for the iterator's life: own copies.
	start, end = cloneOrNil(start), cloneOrNil(end)
	it, err := p.db.NewIter(&pebble.IterOptions{LowerBound: start, UpperBound: end})
	if err != nil {
		return nil, err
	}
	if reverse {
		it.Last()
	} else {
		it.First()
	}
	return &pebbleIterator{it: it, start: start, end: end, reverse: reverse}, nil
}

func cloneOrNil(b []byte) []byte {
	if b == nil {
		return nil
	}
	return append([]byte{}, b...)
}

type pebbleIterator struct {
	it         *pebble.Iterator
	start, end []byte
	reverse    bool
}

func (i *pebbleIterator) Domain() ([]byte, []byte) { return i.start, i.end }
func (i *pebbleIterator) Valid() bool              { return i.it.Error() == nil && i.it.Valid() }
func (i *pebbleIterator) Error() error             { return i.it.Error() }
func (i *pebbleIterator) Close() error             { return i.it.Close() }

func (i *pebbleIterator) Next() {
	i.mustBeValid()
	if i.reverse {
		i.it.Prev()
	} else {
		i.it.Next()
	}
}

func (i *pebbleIterator) Key() []byte {
	i.mustBeValid()
	return append([]byte{}, i.it.Key()...)
}

func (i *pebbleIterator) Value() []byte {
	i.mustBeValid()
	return append([]byte{}, i.it.Value()...)
}

func (i *pebbleIterator) mustBeValid() {
	if !i.Valid() {
		panic("iterator is invalid")
	}
}

type pebbleBatch struct{ b *pebble.Batch }

func (b *pebbleBatch) Set(key, value []byte) error {
	switch {
	case len(key) == 0:
		return errKeyEmpty
	case value == nil:
		return errValueNil
	case b.b == nil:
		return errBatchClosed
	}
	return b.b.Set(key, value, nil)
}

func (b *pebbleBatch) Delete(key []byte) error {
	switch {
	case len(key) == 0:
		return errKeyEmpty
	case b.b == nil:
		return errBatchClosed
	}
	return b.b.Delete(key, nil)
}

func (b *pebbleBatch) Write() error     { return b.commit(pebble.NoSync) }
func (b *pebbleBatch) WriteSync() error { return b.commit(pebble.Sync) }

// commit writes the batch and closes it, as cosmos-db batches do.
func (b *pebbleBatch) commit(o *pebble.WriteOptions) error {
	if b.b == nil {
		return errBatchClosed
	}
	if err := b.b.Commit(o); err != nil {
		return err
	}
	return b.Close()
}

func (b *pebbleBatch) Close() error {
	if b.b != nil {
		err := b.b.Close()
		b.b = nil
		return err
	}
	return nil
}

func (b *pebbleBatch) GetByteSize() (int, error) {
	if b.b == nil {
		return 0, errBatchClosed
	}
	return len(b.b.Repr()), nil
}
