package keeper_test

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"testing"
	"time"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/flockchain/flockd/x/modeltoken/types"
)

// epochWithUsers prepares a settled-ready epoch with n participants with
// usage on one model (records and sums written as ingest would), flushed
// into the IAVL working tree, and moves time past the epoch's grace.
func epochWithUsers(b *testing.B, n int) (*fixture, uint64, string) {
	f := newFixture(b)
	denom := f.liveToken(b, "EPB")
	f.nextEpoch(b)
	e, err := f.ModelTokenKeeper.GetEpoch(f.Ctx)
	if err != nil {
		b.Fatal(err)
	}
	mu := types.ModelUsage{Epoch: e.Number, Denom: denom, TotalSpend: math.ZeroInt(),
		SumUg: math.LegacyZeroDec(), SumUgSqrtS: math.LegacyZeroDec(), SumUsg: math.LegacyZeroDec()}
	for i := 0; i < n; i++ {
		user := userAddr(i)
		rec := types.UsageRecord{Spend: 1_000, Gm: math.LegacyOneDec(), Stake: math.NewInt(int64(i % 1000))}
		if err := f.ModelTokenKeeper.UsageByUser.Set(f.Ctx, collections.Join3(e.Number, denom, user), rec); err != nil {
			b.Fatal(err)
		}
		if err := f.ModelTokenKeeper.RewardIndex.Set(f.Ctx, collections.Join3(user, e.Number, denom)); err != nil {
			b.Fatal(err)
		}
		ug, ugs, usg := math.LegacyNewDec(1_000), math.LegacyNewDec(1_000).MulTruncate(sqrtOf(rec.Stake)), math.LegacyNewDecFromInt(rec.Stake.MulRaw(1_000))
		mu.SumUg, mu.SumUgSqrtS, mu.SumUsg = mu.SumUg.Add(ug), mu.SumUgSqrtS.Add(ugs), mu.SumUsg.Add(usg)
		mu.TotalSpend = mu.TotalSpend.AddRaw(1_000)
		mu.Users++
	}
	if err := f.ModelTokenKeeper.ModelUsages.Set(f.Ctx, collections.Join(e.Number, denom), mu); err != nil {
		b.Fatal(err)
	}
	if err := f.ModelTokenKeeper.EpochUsage.Set(f.Ctx, e.Number, mu.TotalSpend); err != nil {
		b.Fatal(err)
	}
	f.nextEpoch(b)
	cur, _ := f.ModelTokenKeeper.GetEpoch(f.Ctx)
	p, _ := f.ModelTokenKeeper.Params.Get(f.Ctx)
	f.Ctx = f.Ctx.WithBlockTime(cur.StartTime.Add(p.AttestationGrace))
	// Settle the epochs before e so the next one to settle is e.
	for {
		settled, err := f.ModelTokenKeeper.NextSettleEpoch.Peek(f.Ctx)
		if err != nil {
			b.Fatal(err)
		}
		if settled+1 >= e.Number {
			if settled+1 != e.Number {
				b.Fatalf("epoch %d already settled during setup", e.Number)
			}
			break
		}
		if err := f.ModelTokenKeeper.SettleNextEpoch(f.Ctx); err != nil {
			b.Fatal(err)
		}
	}
	f.commitState()
	return f, e.Number, denom
}

func sqrtOf(x math.Int) math.LegacyDec {
	if !x.IsPositive() {
		return math.LegacyZeroDec()
	}
	r, _ := math.LegacyNewDecFromInt(x).ApproxSqrt()
	return r
}

// BenchmarkEpochSettlement times the epoch hook (sealing one epoch: mint,
// release, fix sums) with 1k to 1M participants with usage. Its cost must
// not depend on the number of participants.
func BenchmarkEpochSettlement(b *testing.B) {
	for _, n := range benchSizes(1_000, 10_000, 100_000, 1_000_000) {
		b.Run(fmt.Sprintf("participants=%d", n), func(b *testing.B) {
			f, epoch, _ := epochWithUsers(b, n)
			// Collect the setup's garbage and keep the collector off while
			// timing: with a multi-GB live heap, concurrent marking steals
			// one of the two cores at random moments and swamps a µs-scale
			// hook. The timed loop allocates only a few MB.
			runtime.GC()
			defer debug.SetGCPercent(debug.SetGCPercent(-1))
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				ctx, _ := f.Ctx.CacheContext()
				if err := f.ModelTokenKeeper.SettleNextEpoch(ctx); err != nil {
					b.Fatal(err)
				}
				sum, err := f.ModelTokenKeeper.EpochSummaries.Get(ctx, epoch)
				if err != nil || sum.Models != 1 || !sum.Emitted.IsPositive() {
					b.Fatal("epoch not settled in this iteration", err)
				}
			}
		})
	}
}

// BenchmarkClaimRewards times one user's claim of K settled epochs: the
// cost is per epoch claimed, independent of other users.
func BenchmarkClaimRewards(b *testing.B) {
	for _, k := range []int{1, 10, 100} {
		b.Run(fmt.Sprintf("epochs=%d", k), func(b *testing.B) {
			f := newFixture(b)
			denom := f.liveToken(b, "CLB")
			f.withAttesters(b, 1, 1)
			f.nextEpoch(b)
			user := f.Accounts[1]
			for i := 0; i < k; i++ {
				e, _ := f.ModelTokenKeeper.GetEpoch(f.Ctx)
				_, err := f.msg.SubmitUsage(f.Ctx, &types.MsgSubmitUsage{Attester: f.Accounts[0].String(), Epoch: e.Number, Denom: denom,
					BatchId: "b", Rows: []types.UsageRow{{User: user.String(), Spend: 100}, {User: userAddr(i).String(), Spend: 50}}})
				if err != nil {
					b.Fatal(err)
				}
				f.nextEpoch(b)
			}
			f.settleThrough(b, uint64(k+1))
			for j := 0; j < k+2; j++ {
				_ = f.ModelTokenKeeper.SettleNextEpoch(f.Ctx)
			}
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				ctx, _ := f.Ctx.CacheContext()
				res, err := f.msg.ClaimRewards(ctx, &types.MsgClaimRewards{Claimer: user.String()})
				if err != nil || int(res.Entries) != k {
					b.Fatal(err, res)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*k), "ns/epoch-claimed")
		})
	}
}

var _ = sdk.AccAddress{}

// BenchmarkEpochSettlementModels settles one epoch in which n models have
// usage, block by block (SettleNextEpoch as BeginBlock calls it, at most
// MaxSettleModelsPerBlock models per block), and reports the blocks it
// takes and the slowest block: the per-block cost stays bounded however
// many models there are (docs/benchmarks.md).
func BenchmarkEpochSettlementModels(b *testing.B) {
	for _, n := range benchSizes(100, 1_000, 10_000) {
		b.Run(fmt.Sprintf("models=%d", n), func(b *testing.B) {
			f := newFixture(b)
			f.nextEpoch(b)
			e, err := f.ModelTokenKeeper.GetEpoch(f.Ctx)
			if err != nil {
				b.Fatal(err)
			}
			for i := 0; i < n; i++ {
				denom := fmt.Sprintf("mt/m%05d", i)
				mu := types.ModelUsage{Epoch: e.Number, Denom: denom, TotalSpend: math.NewInt(1_000), Users: 1, Batches: 1,
					SumUg: math.LegacyNewDec(1_000), SumUgSqrtS: math.LegacyZeroDec(), SumUsg: math.LegacyZeroDec(), MinIncentiveStake: math.ZeroInt()}
				if err := f.ModelTokenKeeper.ModelUsages.Set(f.Ctx, collections.Join(e.Number, denom), mu); err != nil {
					b.Fatal(err)
				}
			}
			if err := f.ModelTokenKeeper.EpochUsage.Set(f.Ctx, e.Number, math.NewInt(int64(n)*1_000)); err != nil {
				b.Fatal(err)
			}
			f.nextEpoch(b)
			cur, _ := f.ModelTokenKeeper.GetEpoch(f.Ctx)
			p, _ := f.ModelTokenKeeper.Params.Get(f.Ctx)
			f.Ctx = f.Ctx.WithBlockTime(cur.StartTime.Add(p.AttestationGrace).Add(p.DisputeWindow))
			for { // settle the (empty) epochs before e
				settled, err := f.ModelTokenKeeper.NextSettleEpoch.Peek(f.Ctx)
				if err != nil {
					b.Fatal(err)
				}
				if settled+1 >= e.Number {
					break
				}
				if err := f.ModelTokenKeeper.SettleNextEpoch(f.Ctx); err != nil {
					b.Fatal(err)
				}
			}
			runtime.GC()
			defer debug.SetGCPercent(debug.SetGCPercent(-1))
			var slowest time.Duration
			blocks := 0
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				ctx, _ := f.Ctx.CacheContext()
				blocks = 0
				for {
					start := time.Now()
					if err := f.ModelTokenKeeper.SettleNextEpoch(ctx); err != nil {
						b.Fatal(err)
					}
					slowest = max(slowest, time.Since(start))
					blocks++
					if s, err := f.ModelTokenKeeper.EpochSummaries.Get(ctx, e.Number); err == nil {
						if int(s.Models) != n {
							b.Fatalf("settled %d of %d models", s.Models, n)
						}
						break
					}
					if blocks > n {
						b.Fatal("settlement does not end")
					}
				}
			}
			b.ReportMetric(float64(blocks), "blocks")
			b.ReportMetric(float64(slowest.Microseconds())/1000, "ms/slowest-block")
		})
	}
}
