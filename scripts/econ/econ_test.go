package main

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"testing"

	"cosmossdk.io/math"
	"github.com/stretchr/testify/require"

	"github.com/flockchain/flockd/x/modeltoken/formulas"
	"github.com/flockchain/flockd/x/modeltoken/types"
)

const docs = "../../docs"

// The committed report is what `make econ-report` writes today: regenerate
// it in a temp dir and compare every file byte for byte (as proto-check does
// for generated code).
func TestReportIsUpToDate(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the whole report (~20 s)")
	}
	out := t.TempDir()
	require.NoError(t, writeReport(out, filepath.Join(docs, "economics")))
	compare := func(rel string) {
		got, err := os.ReadFile(filepath.Join(out, rel))
		require.NoError(t, err)
		want, err := os.ReadFile(filepath.Join(docs, rel))
		require.NoError(t, err, "run make econ-report and commit")
		require.True(t, bytes.Equal(got, want), "%s is stale: run make econ-report and commit", rel)
	}
	compare("economics.md")
	files, err := os.ReadDir(filepath.Join(out, "economics"))
	require.NoError(t, err)
	for _, f := range files {
		compare(filepath.Join("economics", f.Name()))
	}
}

func committedHeadline(t *testing.T) map[string]string {
	f, err := os.Open(filepath.Join(docs, "economics", "headline.csv"))
	require.NoError(t, err)
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	require.NoError(t, err)
	m := map[string]string{}
	for _, r := range rows[1:] {
		m[r[0]] = r[1]
	}
	return m
}

// The report's headline numbers equal what the keeper pays and computes for
// the same scenario, each recomputed here on its own path.
func TestHeadlineNumbersAreTheKeepers(t *testing.T) {
	h := committedHeadline(t)
	p := types.DefaultParams()

	// Sybil scenario: what PendingRewards says after the run.
	r, err := runScenario(p, sybilScenario())
	require.NoError(t, err)
	gt := groupTotals(r)
	require.Equal(t, h["sybil_whale_flock_uflock"], gt[0].Flock.String())
	require.Equal(t, h["sybil_sybils_flock_uflock"], gt[2].Flock.String())
	require.Equal(t, h["sybil_whale_mt"], gt[0].MT.String())
	require.Equal(t, h["sybil_sybils_mt"], gt[2].MT.String())
	// and splitting never pays (the property the section shows)
	require.True(t, gt[2].Flock.LT(gt[0].Flock) && gt[2].MT.LT(gt[0].MT))
	// Every FLOCK minted for the epoch was paid to someone (floors leave at most a few uflock).
	paid := sumFlock(r)
	require.True(t, paid.LTE(r.Emitted[0]) && r.Emitted[0].Sub(paid).LT(math.NewInt(100)), "paid %s of %s", paid, r.Emitted[0])
	require.Equal(t, formulas.EmissionFor(p, 2), r.Emitted[0], "the settled epoch minted the schedule's emission")

	// α sweep at 0% and 50% stake: the keeper's pay equals the spec's score ratio
	// (A's factor α, B's α + (1 − α)·√1 = 1, so A gets α/(1 + α); at 50% both the same).
	for _, a := range alphas {
		alpha := math.LegacyMustNewDecFromStr(a)
		want := alpha.MulInt64(100).Quo(alpha.Add(math.LegacyOneDec()))
		require.Equal(t, fixed(want, 2), h["alpha_"+a+"_a_share_pct_at_stake_0"], "α = %s", a)
		require.Equal(t, "50.00", h["alpha_"+a+"_a_share_pct_at_stake_50"], "α = %s", a)
	}

	// gmFLOCK: the keeper's multiplier for 10,000 FLOCK.
	for _, d := range []uint32{30, 90, 180, 365} {
		require.Equal(t, formulas.GmMultiplier(p, formulas.GmFlockFor(p, flock(10_000), d)).String(), h[headlineKeyDays(d)])
	}

	// Launch: one fill of the raise on a fresh chain opens the pool at the headline's price.
	c, err := newChain(p, 0)
	require.NoError(t, err)
	defer c.close()
	denom, err := c.liveModel("ONE", "llm-small")
	require.NoError(t, err)
	pool, err := c.q.Pool(c.ctx(), &types.QueryPoolRequest{Denom: denom})
	require.NoError(t, err)
	require.Equal(t, h["launch_pool_price_at_graduation"], pool.SpotPrice.String())
	require.Equal(t, h["launch_end_price_flock_per_mt"], "0.750000000000000000")

	// Emission: the first year's cumulative emission is the keeper's capped schedule summed.
	supply, cum := reportStartSupply, math.ZeroInt()
	for e := uint64(1); e <= 365; e++ {
		em := formulas.CappedEmission(p, e, supply)
		supply, cum = supply.Add(em), cum.Add(em)
	}
	require.Equal(t, h["emission_cumulative_year1_uflock"], cum.String())
}

func headlineKeyDays(d uint32) string {
	return "gm_multiplier_10k_flock_" + map[uint32]string{30: "30", 90: "90", 180: "180", 365: "365"}[d] + "_days"
}

func TestDistributionsSplitExactly(t *testing.T) {
	tests := []struct {
		d    Dist
		n    int
		want []int64
	}{
		{Dist{Kind: "uniform", Total: 10}, 3, []int64{4, 3, 3}},
		{Dist{Kind: "one", Total: 7}, 3, []int64{7, 0, 0}},
		{Dist{Kind: "zipf", Total: 11}, 3, []int64{6, 3, 2}}, // 1 : 1/2 : 1/3
		{Dist{Kind: "zipf", Total: 21, S: 2}, 3, []int64{15, 4, 2}},
		{Dist{Total: 0}, 2, []int64{0, 0}},
	}
	for _, tc := range tests {
		got, err := tc.d.split(tc.n)
		require.NoError(t, err)
		require.Equal(t, tc.want, got, "%+v", tc.d)
	}
	_, err := Dist{Kind: "pareto", Total: 1}.split(2)
	require.ErrorContains(t, err, "unknown distribution")
	_, err = Dist{Total: -1}.split(2)
	require.ErrorContains(t, err, "negative")
}

func TestParamsFileOverDefaults(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(p, []byte(body), 0o644))
		return p
	}
	p, err := loadParams(write("a.json", `{"alpha": "0.7", "epoch_duration": "3600s"}`))
	require.NoError(t, err)
	require.Equal(t, "0.700000000000000000", p.Alpha.String())
	require.Equal(t, types.DefaultParams().GmK, p.GmK)
	_, err = loadParams(write("b.json", `{"alfa": "0.7"}`))
	require.ErrorContains(t, err, "unknown param")
}
