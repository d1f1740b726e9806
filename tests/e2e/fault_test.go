package e2e

import (
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// TestPanickingBeginBlockStepDoesNotHalt: a flockd built with the
// faultinject tag panics in the begin-block step named by
// FLOCKD_FAULT_STEP on every block. The node keeps making blocks, takes
// txs, logs the failed step and reports it in a begin_block_step_failed
// event; the other steps (here the epoch clock) keep running.
func TestPanickingBeginBlockStepDoesNotHalt(t *testing.T) {
	t.Parallel() // each test runs its own node(s) on its own ports; most of a test is waiting for blocks
	bin := filepath.Join(t.TempDir(), "flockd-faultinject")
	build := exec.Command("go", "build", "-tags", "faultinject", "-o", bin, "github.com/flockchain/flockd/cmd/flockd")
	out, err := build.CombinedOutput()
	require.NoError(t, err, string(out))

	n := StartNodeWithEnv(t, bin, []string{"FLOCKD_FAULT_STEP=unbonding payout"}, withFastLaunches)
	start := n.Height()
	epoch := n.EpochNumber()
	n.WaitBlocks(5)
	require.GreaterOrEqual(t, n.Height(), start+5, "the node keeps making blocks")
	n.Tx("bob", "modeltoken", "lock", "1000000000uflock", "30") // and takes txs
	require.Eventually(t, func() bool { return n.EpochNumber() != epoch }, 90*time.Second, 500*time.Millisecond,
		"the other steps still run: the epoch clock moves on")

	log, err := os.ReadFile(n.logPath)
	require.NoError(t, err)
	require.Contains(t, string(log), "begin-block step failed")
	require.Contains(t, string(log), "injected fault in begin-block step unbonding payout")

	// The latest block's results carry the event (every block fails the step).
	resp, err := http.Get(strings.Replace(n.RPC, "tcp://", "http://", 1) + "/block_results")
	require.NoError(t, err)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	require.Contains(t, string(body), "begin_block_step_failed", "the failed step is reported in an event")
}
