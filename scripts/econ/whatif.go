package main

// What-if: one scenario under two parameter files, side by side, so a
// governance proposal can carry its evidence.

import (
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"cosmossdk.io/math"

	"github.com/flockchain/flockd/x/modeltoken/types"
)

// whatIf runs s under a and b and returns a Markdown section; plots and CSV go to dir/<name>-*.
// imgPrefix is how the Markdown refers to dir.
func whatIf(s Scenario, a, b types.Params, nameA, nameB, dir, name, imgPrefix string) (string, Result, Result, error) {
	ra, err := runScenario(a, s)
	if err != nil {
		return "", ra, Result{}, fmt.Errorf("%s: %w", nameA, err)
	}
	rb, err := runScenario(b, s)
	if err != nil {
		return "", ra, rb, fmt.Errorf("%s: %w", nameB, err)
	}
	var md strings.Builder
	fmt.Fprintf(&md, "Scenario **%s** (%d epochs), params **%s** vs **%s**. Changed: %s.\n\n", s.Name, s.Epochs, nameA, nameB, strings.Join(paramsDiff(a, b), "; "))
	ga, gb := groupTotals(ra), groupTotals(rb)
	fmt.Fprintf(&md, "| model | group | users | FLOCK (%s) | FLOCK (%s) | change | MT (%s) | MT (%s) |\n|---|---|---|---|---|---|---|---|\n", nameA, nameB, nameA, nameB)
	for i := range ga {
		fmt.Fprintf(&md, "| %s | %s | %d | %s | %s | %s%% | %s | %s |\n", ga[i].Model, ga[i].Group, ga[i].Users,
			display(ga[i].Flock), display(gb[i].Flock), change(ga[i].Flock, gb[i].Flock), display(ga[i].MT), display(gb[i].MT))
	}
	// Reward per user, users ranked by spend (largest first), both param sets overlaid.
	plt := plot{Title: "FLOCK earned per user, ranked by spend", XLabel: "user rank by spend", YLabel: "FLOCK earned", YFrom0: true}
	for i, r := range []Result{ra, rb} {
		ps := append([]Participant(nil), r.Participants...)
		sort.SliceStable(ps, func(x, y int) bool { return ps[x].Spend > ps[y].Spend })
		sr := series{Name: []string{nameA, nameB}[i], Dashed: i == 1}
		for k, p := range ps {
			sr.X, sr.Y = append(sr.X, float64(k+1)), append(sr.Y, toF(flockDec(p.Flock)))
		}
		plt.Series = append(plt.Series, sr)
	}
	if err := plt.write(filepath.Join(dir, name+"-rewards.svg")); err != nil {
		return "", ra, rb, err
	}
	fmt.Fprintf(&md, "\n![rewards per user](%s%s-rewards.svg)\n\n", imgPrefix, name)
	if err := writeParticipants(filepath.Join(dir, name+"-a.csv"), ra); err != nil {
		return "", ra, rb, err
	}
	return md.String(), ra, rb, writeParticipants(filepath.Join(dir, name+"-b.csv"), rb)
}

// change is (b − a)/a in percent, 2 decimals.
func change(a, b math.Int) string {
	if a.IsZero() {
		return "—"
	}
	d := math.LegacyNewDecFromInt(b.Sub(a).MulRaw(100)).QuoInt(a)
	s := fixed(d, 2)
	if !d.IsNegative() {
		s = "+" + s
	}
	return s
}
