package appdb

import (
	"fmt"
	"math/rand"
	"path/filepath"
	"testing"

	dbm "github.com/cosmos/cosmos-db"
	"github.com/stretchr/testify/require"
)

// The tuned pebble DB must behave exactly as cosmos-db's reference (memdb)
// for every operation the stores use: point reads, writes, deletes,
// batches, and forward and reverse iteration over [start, end) with open
// ends. A seeded random workload is applied to both and compared after
// every step, then the database is reopened and compared again.
func TestPebbleBehavesAsMemDB(t *testing.T) {
	path := filepath.Join(t.TempDir(), "application.db")
	got, err := OpenPebble(path)
	require.NoError(t, err)
	want := dbm.NewMemDB()
	rng := rand.New(rand.NewSource(7))
	key := func() []byte { return []byte(fmt.Sprintf("k%03d", rng.Intn(200))) }
	bound := func() []byte {
		if rng.Intn(4) == 0 {
			return nil
		}
		return key()
	}

	compare := func(step int) {
		for i := 0; i < 5; i++ {
			k := key()
			gv, err := got.Get(k)
			require.NoError(t, err)
			wv, _ := want.Get(k)
			require.Equal(t, wv, gv, "step %d get %s", step, k)
			gh, err := got.Has(k)
			require.NoError(t, err)
			wh, _ := want.Has(k)
			require.Equal(t, wh, gh)
		}
		start, end := bound(), bound()
		if start != nil && end != nil && string(start) > string(end) {
			start, end = end, start
		}
		for _, reverse := range []bool{false, true} {
			var gi, wi dbm.Iterator
			if reverse {
				gi, err = got.ReverseIterator(start, end)
				require.NoError(t, err)
				wi, _ = want.ReverseIterator(start, end)
			} else {
				gi, err = got.Iterator(start, end)
				require.NoError(t, err)
				wi, _ = want.Iterator(start, end)
			}
			gs, ge := gi.Domain()
			require.Equal(t, start, gs)
			require.Equal(t, end, ge)
			for wi.Valid() {
				require.True(t, gi.Valid(), "step %d: iterator ended early", step)
				require.Equal(t, wi.Key(), gi.Key())
				require.Equal(t, wi.Value(), gi.Value())
				wi.Next()
				gi.Next()
			}
			require.False(t, gi.Valid(), "step %d: iterator ran past the range", step)
			require.NoError(t, gi.Error())
			require.Panics(t, func() { gi.Next() })
			require.NoError(t, gi.Close())
			require.NoError(t, wi.Close())
		}
	}

	for step := 0; step < 400; step++ {
		switch rng.Intn(4) {
		case 0:
			k, v := key(), []byte(fmt.Sprint(rng.Int()))
			require.NoError(t, got.Set(k, v))
			require.NoError(t, want.Set(k, v))
		case 1:
			k := key()
			require.NoError(t, got.Delete(k))
			require.NoError(t, want.Delete(k))
		default:
			gb, wb := got.NewBatch(), want.NewBatch()
			for i := 0; i < 1+rng.Intn(10); i++ {
				k := key()
				if rng.Intn(3) == 0 {
					require.NoError(t, gb.Delete(k))
					require.NoError(t, wb.Delete(k))
				} else {
					v := []byte(fmt.Sprint(rng.Int()))
					require.NoError(t, gb.Set(k, v))
					require.NoError(t, wb.Set(k, v))
				}
			}
			size, err := gb.GetByteSize()
			require.NoError(t, err)
			require.Positive(t, size)
			if rng.Intn(2) == 0 {
				require.NoError(t, gb.Write())
			} else {
				require.NoError(t, gb.WriteSync())
			}
			require.NoError(t, wb.Write())
			require.ErrorIs(t, gb.Set([]byte("x"), []byte("y")), errBatchClosed, "a written batch is closed")
			require.NoError(t, gb.Close())
		}
		compare(step)
	}

	require.NoError(t, got.Close())
	got, err = OpenPebble(path)
	require.NoError(t, err)
	defer got.Close()
	compare(-1)
}

func TestPebbleRefusesWhatCosmosDBRefuses(t *testing.T) {
	db, err := OpenPebble(filepath.Join(t.TempDir(), "application.db"))
	require.NoError(t, err)
	defer db.Close()
	_, err = db.Get(nil)
	require.ErrorIs(t, err, errKeyEmpty)
	require.ErrorIs(t, db.Set([]byte{}, []byte("v")), errKeyEmpty)
	require.ErrorIs(t, db.Set([]byte("k"), nil), errValueNil)
	require.ErrorIs(t, db.Delete(nil), errKeyEmpty)
	_, err = db.Iterator([]byte{}, nil)
	require.ErrorIs(t, err, errKeyEmpty)
	_, err = db.ReverseIterator(nil, []byte{})
	require.ErrorIs(t, err, errKeyEmpty)
	b := db.NewBatch()
	require.ErrorIs(t, b.Set(nil, []byte("v")), errKeyEmpty)
	require.ErrorIs(t, b.Set([]byte("k"), nil), errValueNil)
	require.NoError(t, b.Close())
	require.ErrorIs(t, b.Write(), errBatchClosed)
	_, err = b.GetByteSize()
	require.ErrorIs(t, err, errBatchClosed)
}

// Open keeps other backends as the SDK opens them.
func TestOpenOtherBackend(t *testing.T) {
	db, err := Open(t.TempDir(), dbm.MemDBBackend)
	require.NoError(t, err)
	require.IsType(t, &dbm.MemDB{}, db)
}
