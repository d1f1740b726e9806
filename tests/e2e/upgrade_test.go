package e2e

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	v2 "github.com/flockchain/flockd/app/upgrades/v2"
	v3 "github.com/flockchain/flockd/app/upgrades/v3"
)

// buildPreUpgradeBinary builds flockd as it was before the named upgrade:
// the same code linked without that upgrade's handler (app/upgrades.Omit;
// for v3 also without the IBC modules it adds, see app/ibc.go).
func buildPreUpgradeBinary(t *testing.T, name string) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "flockd-pre-"+name)
	build := exec.Command("go", "build", "-o", bin,
		"-ldflags", "-X github.com/flockchain/flockd/app/upgrades.Omit="+name,
		"github.com/flockchain/flockd/cmd/flockd")
	out, err := build.CombinedOutput()
	require.NoError(t, err, string(out))
	return bin
}

// TestSoftwareUpgrade: a gov software-upgrade proposal for v2 passes; the
// binary without the v2 handler halts at the plan height; the binary with
// the handler resumes from the same home, runs the handler at that height
// and keeps every balance and module record.
func TestSoftwareUpgrade(t *testing.T) {
	t.Parallel() // each test runs its own node(s) on its own ports; most of a test is waiting for blocks
	n := StartNodeWith(t, buildPreUpgradeBinary(t, v2.Name), withFastLaunches)
	alice, bob := n.Addr("alice"), n.Addr("bob")
	n.Tx("alice", "modeltoken", "create-launch", "e2e", "LLAMA", "Llama 3 8B", "llama-3-8b")
	n.Tx("bob", "modeltoken", "buy", "1", "2000000000uflock", "1")
	// The validator fills the raise: the capped buy graduates it in the same
	// tx, so no time-driven settlement changes state across the halt.
	n.Tx("validator", "modeltoken", "buy", "1", "110000000000uflock", "1")
	require.Equal(t, "LAUNCH_STATUS_GRADUATED", dig(n.Query("modeltoken", "launch", "1"), "launch")["status"])
	n.Tx("bob", "modeltoken", "claim", "1")
	n.Tx("bob", "modeltoken", "lock", "1000000000uflock", "365")
	snapshot := func() map[string]string {
		snap := map[string]string{}
		for key, args := range map[string][]string{
			"balances/alice": {"bank", "balances", alice},
			"balances/bob":   {"bank", "balances", bob},
			"claim/1/bob":    {"modeltoken", "claim", "1", bob},
			"launch/1":       {"modeltoken", "launch", "1"},
			"pool":           {"modeltoken", "pool", "mt/llama"},
			"gm-lock/1":      {"modeltoken", "gm-lock", "1"},
			"params":         {"modeltoken", "params"},
			"model-types":    {"modeltoken", "model-types"},
		} {
			snap[key] = n.QueryJSON(args...)
		}
		return snap
	}

	before := haltAndResume(t, n, v2.Name, snapshot)
	require.Equal(t, before, snapshot(), "the upgrade keeps balances and module state")
	n.Tx("bob", "modeltoken", "lock", "1000000000uflock", "30") // and the chain takes txs
}

// TestUpgradeAddsIBC: a chain that started without IBC (the binary before
// v3) upgrades to v3; the new binary adds the IBC stores at the plan height,
// initialises the modules, keeps every balance, and then answers IBC queries
// and takes an ICS-20 transfer message.
func TestUpgradeAddsIBC(t *testing.T) {
	t.Parallel()
	n := StartNodeWith(t, buildPreUpgradeBinary(t, v3.Name))
	alice, bob := n.Addr("alice"), n.Addr("bob")
	// The binary before v3 has no IBC: the node (asked over its own CometBFT
	// RPC, so no other node can answer) has no route for the transfer
	// module's queries.
	code, codespace, log := n.ABCIQuery("/ibc.applications.transfer.v1.Query/Params")
	require.Equal(t, uint32(6), code, "sdk ErrUnknownRequest: %s", log)
	require.Equal(t, "sdk", codespace)
	require.Contains(t, log, "unknown query path")
	snapshot := func() map[string]string {
		return map[string]string{
			"balances/alice": n.QueryJSON("bank", "balances", alice),
			"balances/bob":   n.QueryJSON("bank", "balances", bob),
			"params":         n.QueryJSON("modeltoken", "params"),
		}
	}
	before := haltAndResume(t, n, v3.Name, snapshot)
	require.Equal(t, before, snapshot(), "the upgrade keeps balances and module state")
	require.Equal(t, true, n.Query("ibc-transfer", "params")["send_enabled"], "ICS-20 initialised from its default genesis")
	require.Contains(t, n.QueryJSON("ibc", "client", "params"), "allowed_clients")
	require.Contains(t, n.QueryJSON("ratelimiting", "list-rate-limits"), "rate_limits")
	// A transfer over a channel that does not exist is refused by IBC (not
	// an unknown message): the transfer module is routed.
	_, err := n.TryTx("alice", "ibc-transfer", "transfer", "transfer", "channel-0", bob, "1000uflock")
	require.ErrorContains(t, err, "channel")
}

// haltAndResume schedules the named upgrade, waits until the running binary
// (which lacks its handler) halts at the plan height, takes the snapshot
// there, and restarts the node from the same home with the full binary,
// which must apply the upgrade at that height.
func haltAndResume(t *testing.T, n *Node, name string, snapshot func() map[string]string) map[string]string {
	t.Helper()
	upgradeHeight := scheduleUpgrade(t, n, name)

	// The old binary halts at the plan height.
	needed := fmt.Sprintf(`UPGRADE "%s" NEEDED at height: %d`, name, upgradeHeight)
	require.Eventually(t, func() bool {
		log, _ := os.ReadFile(n.logPath)
		return strings.Contains(string(log), needed)
	}, 90*time.Second, 500*time.Millisecond, "the node without the handler did not halt at %d", upgradeHeight)
	// CometBFT has stored block upgradeHeight but the app refused to apply
	// it, so the chain stays there.
	require.Equal(t, upgradeHeight, n.Height())
	time.Sleep(2 * time.Second)
	require.Equal(t, upgradeHeight, n.Height(), "no block past the halt")
	before := snapshot() // the halted node still answers queries
	n.Stop()

	// The binary with the handler resumes from the same home.
	n.Start(flockdBin)
	n.WaitBlocks(2)
	applied := n.Query("upgrade", "applied", name)
	require.Equal(t, strconv.FormatInt(upgradeHeight, 10), fmt.Sprint(applied["height"]), "%s applied at the plan height", name)
	log, err := os.ReadFile(n.logPath)
	require.NoError(t, err)
	require.Contains(t, string(log), "running upgrade handler")
	return before
}

// scheduleUpgrade passes a software-upgrade proposal for name at a height a
// little past the end of its voting period and returns that height. The
// height is fixed before the vote, so on a loaded machine the chain may
// reach it first; x/upgrade then refuses the plan and the proposal FAILS.
// That is read from the chain, and the proposal is made again.
func scheduleUpgrade(t *testing.T, n *Node, name string) int64 {
	t.Helper()
	govAddr := dig(n.Query("auth", "module-account", "gov"), "account", "value")["address"].(string)
	for attempt := 1; attempt <= 3; attempt++ {
		height := n.Height() + 25 // the 8 s voting period is ~14 blocks of 500 ms
		_, status := voteProposal(t, n, "Upgrade to "+name, map[string]any{
			"@type":     "/cosmos.upgrade.v1beta1.MsgSoftwareUpgrade",
			"authority": govAddr,
			"plan":      map[string]any{"name": name, "height": strconv.FormatInt(height, 10), "info": "e2e"},
		})
		if status == "PROPOSAL_STATUS_PASSED" {
			return height
		}
		require.Equal(t, "PROPOSAL_STATUS_FAILED", status)
		t.Logf("attempt %d: the chain passed height %d before the proposal executed; proposing again", attempt, height)
	}
	t.Fatal("no upgrade proposal passed before its height")
	return 0
}
