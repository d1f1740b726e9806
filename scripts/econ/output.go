package main

// Number formatting and the CSV/Markdown writers. Amounts stay exact
// (math.Int, LegacyDec); floats are made only for plots.

import (
	"encoding/csv"
	"fmt"
	"os"
	"strings"

	"cosmossdk.io/math"

	"github.com/flockchain/flockd/x/modeltoken/types"
)

// flockDec is base units (uflock, or MT base units: same exponent) as a decimal of whole tokens.
func flockDec(a math.Int) math.LegacyDec {
	return math.LegacyNewDecFromIntWithPrec(a, 6)
}

// display prints base units as whole tokens with up to 6 decimals, thousands separated.
func display(a math.Int) string {
	s := flockDec(a).String() // 18 decimals
	intPart, frac, _ := strings.Cut(s, ".")
	frac = strings.TrimRight(frac[:6], "0")
	neg := strings.HasPrefix(intPart, "-")
	intPart = strings.TrimPrefix(intPart, "-")
	var b strings.Builder
	for i, r := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	out := b.String()
	if frac != "" {
		out += "." + frac
	}
	if neg {
		out = "-" + out
	}
	return out
}

// pct is 100·a/b, exact to 18 decimals (0 when b is 0).
func pct(a, b math.Int) math.LegacyDec {
	if b.IsZero() {
		return math.LegacyZeroDec()
	}
	return math.LegacyNewDecFromInt(a.MulRaw(100)).QuoInt(b)
}

func toF(d math.LegacyDec) float64 {
	f, err := d.Float64()
	if err != nil {
		return 0
	}
	return f
}

func prefix(p string, xs []string) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = p + x
	}
	return out
}

func suffix(xs []uint32, s string) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = fmt.Sprint(x) + s
	}
	return out
}

func writeCSV(path string, rows [][]string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := csv.NewWriter(f)
	if err := w.WriteAll(rows); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// writeParticipants writes every participant's inputs and rewards.
func writeParticipants(path string, r Result) error {
	rows := [][]string{{"model", "group", "index", "spend_micro_usd_per_epoch", "stake_mt", "lock_flock", "lock_days", "flock_uflock", "mt_base"}}
	for _, p := range r.Participants {
		rows = append(rows, []string{p.Model, p.Group, fmt.Sprint(p.Index), fmt.Sprint(p.Spend), fmt.Sprint(p.StakeMT),
			fmt.Sprint(p.LockFlock), fmt.Sprint(p.LockDays), p.Flock.String(), p.MT.String()})
	}
	return writeCSV(path, rows)
}

// groupTable is a Markdown table of group totals.
func groupTable(gt []groupTotal) string {
	var b strings.Builder
	b.WriteString("| model | group | users | spend (USD/epoch) | staked MT | FLOCK locked | FLOCK earned | MT earned |\n|---|---|---|---|---|---|---|---|\n")
	for _, g := range gt {
		fmt.Fprintf(&b, "| %s | %s | %d | %s | %s | %s | %s | %s |\n", g.Model, g.Group, g.Users, display(math.NewInt(g.Spend)),
			display(flock(g.StakeMT)), display(flock(g.LockFlock)), display(g.Flock), display(g.MT))
	}
	return b.String()
}

// paramsDiff lists the params that differ between a and b, as JSON values.
func paramsDiff(a, b types.Params) []string {
	ja, jb := paramsJSON(a), paramsJSON(b)
	var out []string
	for _, k := range sortedKeys(ja) {
		if string(ja[k]) != string(jb[k]) {
			out = append(out, fmt.Sprintf("`%s`: %s → %s", k, ja[k], jb[k]))
		}
	}
	return out
}

// fixed prints d cut (not rounded) to n decimals, as the chain's truncating
// arithmetic would.
func fixed(d math.LegacyDec, n int) string {
	s := d.String()
	i := strings.IndexByte(s, '.')
	if i < 0 || n >= len(s)-i-1 {
		return s
	}
	if n == 0 {
		return s[:i]
	}
	return s[:i+1+n]
}
