package keeper_test

import (
	"fmt"
	"os"
	"runtime"
	"strconv"
	"testing"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"

	storetypes "github.com/cosmos/cosmos-sdk/store/v2/types"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/flockchain/flockd/x/modeltoken/types"
)

// BenchmarkSubmitUsage measures DeliverTx-level ingest of one max-size batch
// (5,000 new users) through the msg server, with 10k, 100k and 1M users
// already holding usage for the same (epoch, model). The existing rows are
// flushed into the IAVL working tree first, so reads and writes go through
// the real store; each iteration runs in a fresh cache context (like a tx)
// and is discarded, so every iteration sees the same state. The metric is
// rows/s; the claim is that it stays flat (store's log factor) as state grows.
func BenchmarkSubmitUsage(b *testing.B) {
	for _, existing := range benchSizes(10_000, 100_000, 1_000_000) {
		b.Run(fmt.Sprintf("existing=%d", existing), func(b *testing.B) {
			f := newFixture(b)
			denom, epoch := f.usageSetup(b, 1, 1)
			for i := 0; i < existing; i++ {
				key := collections.Join3(epoch, denom, sdk.AccAddress(userAddr(10_000_000+i)))
				if err := f.ModelTokenKeeper.UsageByUser.Set(f.Ctx, key, types.UsageRecord{Spend: 1, Gm: math.LegacyOneDec(), Stake: math.ZeroInt()}); err != nil {
					b.Fatal(err)
				}
			}
			f.commitState()
			p, _ := f.ModelTokenKeeper.Params.Get(f.Ctx)
			rows := rowsFor(0, int(p.MaxRowsPerBatch), 1_000)
			msg := &types.MsgSubmitUsage{Attester: f.Accounts[0].String(), Epoch: epoch, Denom: denom, BatchId: "bench", Rows: rows}
			runtime.GC() // collect the setup's garbage so it is not timed
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				ctx, _ := f.Ctx.CacheContext()
				if _, err := f.msg.SubmitUsage(ctx, msg); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(len(rows)*b.N)/b.Elapsed().Seconds(), "rows/s")
		})
	}
}

// benchSizes lets FLOCK_BENCH_MAX cap the sizes for a quick run.
func benchSizes(sizes ...int) []int {
	max, err := strconv.Atoi(os.Getenv("FLOCK_BENCH_MAX"))
	if err != nil || max <= 0 {
		return sizes
	}
	var out []int
	for _, s := range sizes {
		if s <= max {
			out = append(out, s)
		}
	}
	return out
}

// commitState flushes the fixture's block state into the store and commits
// it as a new IAVL version, as the end of a block would, so benchmarks run
// against committed state (IAVL keeps uncommitted writes in an unsaved set
// that every new iterator scans, which no real transaction sees).
func (f *fixture) commitState() {
	f.Ctx.MultiStore().(storetypes.CacheMultiStore).Write()
	cms := f.CommitMultiStore()
	cms.Commit()
	f.Ctx = f.Ctx.WithMultiStore(cms.CacheMultiStore())
}

// BenchmarkUsageStateBytes reports the module-store bytes (keys + values,
// as the store holds them) one usage row adds: a row of a user new to the
// (epoch, model), and the same users in the next epoch (the per user-epoch
// cost). The metric, not the time, is the result (docs/benchmarks.md).
func BenchmarkUsageStateBytes(b *testing.B) {
	const n = 5_000
	for i := 0; i < b.N; i++ {
		f := newFixture(b)
		denom, epoch := f.usageSetup(b, 1, 1)
		size := func() int {
			_, bytes, err := f.ModelTokenKeeper.StoreStatsForTest(f.Ctx)
			if err != nil {
				b.Fatal(err)
			}
			return bytes
		}
		before := size()
		f.post(b, epoch, denom, "first", rowsFor(0, n, 1_000)...)
		first := size()
		f.nextEpoch(b)
		f.post(b, epoch+1, denom, "next", rowsFor(0, n, 1_000)...)
		next := size()
		b.ReportMetric(float64(first-before)/n, "bytes/row")
		b.ReportMetric(float64(next-first)/n, "bytes/user-epoch")
	}
}
