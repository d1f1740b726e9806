package keeper_test

import (
	"testing"

	"cosmossdk.io/math"

	"github.com/flockchain/flockd/x/modeltoken/formulas"
	"github.com/flockchain/flockd/x/modeltoken/keeper"
	"github.com/flockchain/flockd/x/modeltoken/types"
)

// Native fuzz targets for the economic maths. `go test` runs their seed
// corpora; `go test -fuzz FuzzX -fuzztime 60s ./x/modeltoken/keeper/`
// explores further.

func FuzzCurveSoldFor(f *testing.F) {
	f.Add(uint32(30_000), int64(200_000_000_000), int64(1))
	f.Add(uint32(10_000), int64(1), int64(0))
	f.Add(uint32(1_000_000), int64(1_000_000_000_000_000), int64(999_999_999_999_999))
	f.Fuzz(func(t *testing.T, multiple uint32, raiseMax, raised int64) {
		mt := types.DefaultModelTypes()[0]
		mt.EndPriceMultipleBps = 10_000 + multiple%990_001
		if raiseMax <= 0 {
			raiseMax = 1
		}
		mt.RaiseMax = math.NewInt(raiseMax)
		c := formulas.NewCurve(mt)
		y := c.SoldFor(math.NewInt(raised))
		if y.IsNegative() || y.GT(mt.SaleAmount()) {
			t.Fatalf("sold %s outside [0, %s]", y, mt.SaleAmount())
		}
		if raised >= 0 && c.SoldFor(math.NewInt(raised).AddRaw(1)).LT(y) {
			t.Fatal("not monotone")
		}
	})
}

func FuzzGmMaths(f *testing.F) {
	f.Add(int64(1_000_000), uint32(365), int64(10_000_000_000))
	f.Add(int64(1), uint32(1), int64(0))
	f.Fuzz(func(t *testing.T, n int64, days uint32, x int64) {
		p := types.DefaultParams()
		if n <= 0 {
			return
		}
		days = 1 + days%p.GmT1Days
		m := formulas.GmFlockFor(p, math.NewInt(n), days)
		if m.LT(math.NewInt(n)) || m.GT(math.NewInt(n).MulRaw(4)) {
			t.Fatalf("gmFLOCK %s for %d over %d days", m, n, days)
		}
		if x < 0 {
			x = -x
		}
		g := formulas.GmMultiplier(p, math.NewInt(x))
		if g.LT(math.LegacyOneDec()) || g.GTE(math.LegacyOneDec().Add(p.GmLambda)) {
			t.Fatalf("multiplier %s out of [1, 1+λ)", g)
		}
	})
}

func FuzzEntryReward(f *testing.F) {
	f.Add(uint64(100), int64(5), uint64(900), int64(50), int64(1_000_000))
	f.Add(uint64(1), int64(0), uint64(1), int64(0), int64(1))
	f.Fuzz(func(t *testing.T, u1 uint64, s1 int64, u2 uint64, s2 int64, pool int64) {
		if u1 == 0 || u2 == 0 || s1 < 0 || s2 < 0 || pool <= 0 || u1 > 1<<40 || u2 > 1<<40 {
			return
		}
		one := math.LegacyOneDec()
		recs := []types.UsageRecord{
			{Spend: u1, Gm: one, Stake: math.NewInt(s1)},
			{Spend: u2, Gm: one, Stake: math.NewInt(s2)},
		}
		r := keeper.SealForTest(recs, math.NewInt(pool), math.LegacyNewDecWithPrec(9, 1))
		total, totalInc := math.ZeroInt(), math.ZeroInt()
		for _, rec := range recs {
			fl, m, err := formulas.EntryReward(r, rec)
			if err != nil {
				t.Fatalf("entry reward: %v", err)
			}
			total, totalInc = total.Add(fl), totalInc.Add(m)
		}
		if total.GT(r.Emission.Add(r.ReservedFlock)) || totalInc.GT(r.Mt) {
			t.Fatalf("paid %s/%s beyond pools %s/%s", total, totalInc, r.Emission.Add(r.ReservedFlock), r.Mt)
		}
	})
}
