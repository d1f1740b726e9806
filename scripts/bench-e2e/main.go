// Command bench-e2e measures usage ingest through a real node, as an
// attester sees it: a single-validator localnet (scripts/localnet.sh on free
// loopback ports, without the demo driver), N distinct users in K signed
// MsgSubmitUsage transactions of up to 5,000 rows, signed offline with
// increasing sequences and broadcast async over CometBFT RPC. It reports
// rows/s from the first broadcast until every row is queryable, the block
// processing time CometBFT measures (its Prometheus histogram), bytes per
// tx, the module-store bytes added per usage row, and in the same run a
// bank-send baseline (tx/s) and the keeper-level ingest (BenchmarkSubmitUsage)
// so ratios can be compared across machines.
//
//	go run ./scripts/bench-e2e                      # this tree
//	BASE=<commit> go run ./scripts/bench-e2e        # and a baseline built from <commit>, same run
//
// Flags: -users (100000 per round), -rounds (3; the median is reported),
// -rows (5000 per tx), -sends (400), -profile FILE (a 20 s CPU profile of
// the node under the last round's ingest, this tree only).
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

func main() {
	users := flag.Int("users", 100_000, "distinct users, one usage row each")
	rows := flag.Int("rows", 5_000, "rows per MsgSubmitUsage tx (max_rows_per_batch)")
	sends := flag.Int("sends", 400, "bank sends in the baseline")
	rounds := flag.Int("rounds", 3, "ingest rounds per binary (fresh users each); the median is reported")
	profile := flag.String("profile", "", "write a CPU profile of the node (this tree) under ingest to this file")
	keeper := flag.Bool("keeper", true, "also run the keeper-level BenchmarkSubmitUsage")
	flag.Parse()

	root, err := repoRoot()
	check(err)
	work, err := os.MkdirTemp("", "flockd-bench-e2e")
	check(err)
	defer os.RemoveAll(work)

	type target struct{ name, bin string }
	targets := []target{{"this tree", filepath.Join(work, "flockd-head")}}
	fmt.Fprintln(os.Stderr, "bench-e2e: building flockd (this tree)")
	check(run(root, "go", "build", "-o", targets[0].bin, "./cmd/flockd"))
	if base := os.Getenv("BASE"); base != "" {
		bin := filepath.Join(work, "flockd-base")
		fmt.Fprintf(os.Stderr, "bench-e2e: building flockd at %s\n", base)
		check(buildAt(root, work, base, bin))
		targets = append([]target{{"base " + shortRev(root, base), bin}}, targets...)
	}

	var results []result
	for _, t := range targets {
		prof := ""
		if t.name == "this tree" {
			prof = *profile
		}
		fmt.Fprintf(os.Stderr, "bench-e2e: %s: starting a localnet\n", t.name)
		r, err := measure(root, filepath.Join(work, strings.ReplaceAll(t.name, " ", "-")), t.bin, *users, *rows, *sends, *rounds, prof)
		check(err)
		r.name = t.name
		results = append(results, r)
	}
	keeperRows := 0.0
	if *keeper {
		fmt.Fprintln(os.Stderr, "bench-e2e: keeper-level BenchmarkSubmitUsage (existing=10000)")
		keeperRows, err = keeperRowsPerSec(root)
		check(err)
	}
	report(os.Stdout, results, keeperRows, *users, *rows)
}

func repoRoot() (string, error) {
	out, err := exec.Command("git", "rev-parse", "--show-toplevel").Output()
	return strings.TrimSpace(string(out)), err
}

func shortRev(root, rev string) string {
	cmd := exec.Command("git", "rev-parse", "--short", rev)
	cmd.Dir = root
	out, err := cmd.Output()
	if err != nil {
		return rev
	}
	return strings.TrimSpace(string(out))
}

// buildAt builds cmd/flockd as it was at rev, in a temporary worktree.
func buildAt(root, work, rev, bin string) error {
	wt := filepath.Join(work, "base-src")
	if err := run(root, "git", "worktree", "add", "--detach", wt, rev); err != nil {
		return err
	}
	defer func() { _ = run(root, "git", "worktree", "remove", "--force", wt) }()
	return run(wt, "go", "build", "-o", bin, "./cmd/flockd")
}

func run(dir, name string, args ...string) error {
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	return cmd.Run()
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench-e2e:", err)
		os.Exit(1)
	}
}

// since is a small helper for elapsed seconds.
func since(t time.Time) float64 { return time.Since(t).Seconds() }
