package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os/exec"
	"strconv"
	"strings"
)

// keeperRowsPerSec runs the keeper-level ingest benchmark (the msg server in
// a cache context over an IAVL store with 10,000 users) and returns its
// rows/s metric.
func keeperRowsPerSec(root string) (float64, error) {
	cmd := exec.Command("go", "test", "-run", "^$", "-bench", "BenchmarkSubmitUsage/existing=10000$",
		"-benchtime", "5x", "./x/modeltoken/keeper/")
	cmd.Dir = root
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Run(); err != nil {
		return 0, fmt.Errorf("keeper benchmark: %v\n%s", err, out.String())
	}
	sc := bufio.NewScanner(&out)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		for i, f := range fields {
			if f == "rows/s" && i > 0 {
				return strconv.ParseFloat(fields[i-1], 64)
			}
		}
	}
	return 0, fmt.Errorf("no rows/s in the keeper benchmark output:\n%s", out.String())
}

func report(w io.Writer, rs []result, keeperRows float64, users, rowsPerTx int) {
	fmt.Fprintf(w, "\n%d usage rows (distinct users) in %d-row MsgSubmitUsage txs, broadcast async; a single-validator localnet, timeout_commit 1s\n\n", users, rowsPerTx)
	fmt.Fprintln(w, "| binary | txs | bytes/tx | ingest s | rows/s | blocks | mean block ms | slowest block ms ≤ | % of keeper rows/s | bank sends tx/s |")
	fmt.Fprintln(w, "|---|---|---|---|---|---|---|---|---|---|")
	for _, r := range rs {
		pct := "–"
		if keeperRows > 0 {
			pct = fmt.Sprintf("%.0f%%", 100*r.rowsPerSec/keeperRows)
		}
		fmt.Fprintf(w, "| %s | %d | %d | %.1f | %.0f | %.0f | %.0f | %.0f | %s | %.0f |\n", r.name, r.txs, r.bytesPerTx,
			r.ingestSecs, r.rowsPerSec, r.blocks, r.blockMs, r.blockMaxMs, pct, r.sendTxPerSec)
	}
	if keeperRows > 0 {
		fmt.Fprintf(w, "\nkeeper level (BenchmarkSubmitUsage, existing=10000, this tree): %.0f rows/s\n", keeperRows)
	}
	if len(rs) == 2 && rs[0].rowsPerSec > 0 {
		fmt.Fprintf(w, "this tree / base: rows/s ×%.2f, bank sends ×%.2f\n", rs[1].rowsPerSec/rs[0].rowsPerSec, rs[1].sendTxPerSec/rs[0].sendTxPerSec)
	}
}
