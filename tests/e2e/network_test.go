package e2e

import (
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// Network is the 4-validator loopback network of scripts/localnet-multi.sh,
// driven by that script (so the script is tested too).
type Network struct {
	t     *testing.T
	Dir   string
	Nodes []*Node
	env   []string
}

const networkSize = 4

// StartNetwork initialises four validators with the script, applies the
// genesis options to node0's genesis (shared by all), starts all four and
// stops them by PID when the test ends.
func StartNetwork(t *testing.T, opts ...GenesisOption) *Network {
	t.Helper()
	return startNetworkOn(t, nil, opts...)
}

// startNetworkOn is StartNetwork with node i on hosts[i] inside network
// namespace netns[i] (made by the caller); nil hosts mean loopback.
func startNetworkOn(t *testing.T, isolated *netnsSet, opts ...GenesisOption) *Network {
	t.Helper()
	base := freePorts(t, 10*networkSize) // node i uses base+10i+{0..3}
	host := func(i int) string {
		if isolated == nil {
			return "127.0.0.1"
		}
		return isolated.hosts[i]
	}
	nw := &Network{t: t, Dir: t.TempDir()}
	nw.env = append(os.Environ(),
		"LOCALNET_DIR="+nw.Dir, "BASE_PORT="+strconv.Itoa(base), "CHAIN_ID="+chainID,
		"FLOCKD_BIN="+flockdBin, "SETUP_BIN="+setupBin, "TIMEOUT_COMMIT=700ms")
	if isolated != nil {
		nw.env = append(nw.env, "NODE_HOSTS="+strings.Join(isolated.hosts, " "), "NODE_NETNS="+strings.Join(isolated.names, " "))
	}
	for i := 0; i < networkSize; i++ {
		p := func(off int) int { return base + 10*i + off }
		nw.Nodes = append(nw.Nodes, &Node{
			t:    t,
			Home: filepath.Join(nw.Dir, fmt.Sprintf("node%d", i)),
			RPC:  fmt.Sprintf("tcp://%s:%d", host(i), p(1)),
			GRPC: fmt.Sprintf("%s:%d", host(i), p(2)),
			REST: fmt.Sprintf("http://%s:%d", host(i), p(3)),
		})
	}
	t.Cleanup(func() {
		nw.Script("stop")
		for i := range nw.Nodes {
			b, err := os.ReadFile(filepath.Join(nw.Dir, fmt.Sprintf("node%d.log", i)))
			if err != nil {
				continue
			}
			log := string(b)
			if t.Failed() {
				lines := strings.Split(log, "\n")
				from := max(0, len(lines)-25)
				for j, l := range lines { // show a panic from its first line
					if strings.Contains(l, "panic") {
						from = max(0, j-5)
						break
					}
				}
				t.Logf("node%d log:\n%s", i, strings.Join(lines[from:min(len(lines), from+25)], "\n"))
			}
			require.NotContains(t, log, "panic:", "node%d must not panic", i)
			require.NotContains(t, log, "CONSENSUS FAILURE", "node%d", i)
		}
	})

	nw.Script("init")
	gen := filepath.Join(nw.Nodes[0].Home, "config", "genesis.json")
	editJSON(t, gen, func(g map[string]any) {
		for _, o := range opts {
			o(nw.Nodes[0], g)
		}
	})
	nw.Nodes[0].CLI("genesis", "validate")
	nw.shareGenesis(gen)
	nw.Script("start")
	return nw
}

// Script runs scripts/localnet-multi.sh with the network's environment.
func (nw *Network) Script(args ...string) string {
	nw.t.Helper()
	cmd := exec.Command("../../scripts/localnet-multi.sh", args...)
	cmd.Env = nw.env
	out, err := cmd.CombinedOutput()
	require.NoError(nw.t, err, "localnet-multi.sh %v:\n%s", args, out)
	return string(out)
}

func (nw *Network) shareGenesis(path string) {
	raw, err := os.ReadFile(path)
	require.NoError(nw.t, err)
	for _, n := range nw.Nodes {
		require.NoError(nw.t, os.WriteFile(filepath.Join(n.Home, "config", "genesis.json"), raw, 0o644))
	}
}

// PID is the process id the script recorded for node i.
func (nw *Network) PID(i int) int {
	raw, err := os.ReadFile(filepath.Join(nw.Dir, fmt.Sprintf("node%d.pid", i)))
	require.NoError(nw.t, err)
	pid, err := strconv.Atoi(strings.TrimSpace(string(raw)))
	require.NoError(nw.t, err)
	return pid
}

// AppHash is the app hash in the header of block h as node n serves it.
func (n *Node) AppHash(h int64) (string, error) {
	resp, err := http.Get(fmt.Sprintf("http://%s/block?height=%d", strings.TrimPrefix(n.RPC, "tcp://"), h))
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	var body struct {
		Result struct {
			Block struct {
				Header struct {
					AppHash string `json:"app_hash"`
				} `json:"header"`
			} `json:"block"`
		} `json:"result"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		return "", err
	}
	if body.Result.Block.Header.AppHash == "" {
		return "", fmt.Errorf("no block %d", h)
	}
	return body.Result.Block.Header.AppHash, nil
}

// requireSameAppHashes checks that every node reports the same app hash at
// every height from..to, and returns how many heights it compared.
func (nw *Network) requireSameAppHashes(from, to int64) int {
	nw.t.Helper()
	for h := from; h <= to; h++ {
		want, err := nw.Nodes[0].AppHash(h)
		require.NoError(nw.t, err, "node0 height %d", h)
		for i, n := range nw.Nodes[1:] {
			got, err := n.AppHash(h)
			require.NoError(nw.t, err, "node%d height %d", i+1, h)
			require.Equal(nw.t, want, got, "node%d disagrees with node0 at height %d", i+1, h)
		}
	}
	return int(to - from + 1)
}

func (nw *Network) minHeight() int64 {
	h := int64(-1)
	for _, n := range nw.Nodes {
		if nh := n.Height(); h < 0 || nh < h {
			h = nh
		}
	}
	return h
}

// TestMultiValidatorNetwork runs the model-token economy on four validators
// while one of them is killed and restarted, checks that all four agree on
// every app hash, then exports the state, restarts the network from the
// export and checks that nothing was lost.
func TestMultiValidatorNetwork(t *testing.T) {
	t.Parallel() // each test runs its own node(s) on its own ports; most of a test is waiting for blocks
	nw := StartNetwork(t, withFastLaunches)
	n := nw.Nodes[0] // keys validator (node0's), alice, bob live in node0's keyring
	alice, bob := n.Addr("alice"), n.Addr("bob")

	n.Tx("alice", "modeltoken", "create-launch", "e2e", "LLAMA", "Llama 3 8B", "llama-3-8b")
	n.Tx("bob", "modeltoken", "buy", "1", "2000000000uflock", "1")
	n.Tx("validator", "modeltoken", "buy", "1", "1000000000uflock", "1")

	// Kill validator 3 hard; 75% of the power keeps the chain going.
	killed := nw.PID(3)
	require.NoError(t, syscall.Kill(killed, syscall.SIGKILL))
	require.Eventually(t, func() bool { return syscall.Kill(killed, 0) != nil }, 10*time.Second, 100*time.Millisecond)
	downAt := n.Height()
	for i := 0; i < 3; i++ {
		node := nw.Nodes[i]
		require.Eventually(t, func() bool { return node.Height() >= downAt+3 }, 60*time.Second, 300*time.Millisecond,
			"node%d stopped making blocks after node3 died", i)
	}
	t.Logf("node3 killed at height %d; nodes 0-2 reached %d", downAt, n.Height())

	// Traffic while node3 is down: graduate, claim, stake.
	launch := dig(n.Query("modeltoken", "launch", "1"), "launch")
	end, err := time.Parse(time.RFC3339Nano, launch["end_time"].(string))
	require.NoError(t, err)
	require.Eventually(t, func() bool { return latestBlockTime(n).After(end) }, 60*time.Second, 500*time.Millisecond)
	if dig(n.Query("modeltoken", "launch", "1"), "launch")["status"] == "LAUNCH_STATUS_RAISING" {
		if _, err := n.TryTx("bob", "modeltoken", "graduate", "1"); err != nil {
			require.ErrorContains(t, err, "launch is not raising")
		}
	}
	n.Tx("bob", "modeltoken", "claim", "1")
	n.Tx("validator", "modeltoken", "claim", "1")
	n.Tx("bob", "modeltoken", "stake", "10000000000mt/llama")

	// Restart node3: it catches up with the others.
	nw.Script("start-node", "3")
	require.Eventually(t, func() bool { return nw.Nodes[3].Height() >= n.Height()-1 && nw.Nodes[3].Height() > downAt },
		90*time.Second, 500*time.Millisecond, "node3 did not catch up")
	t.Logf("node3 restarted and caught up at height %d", nw.Nodes[3].Height())

	// Usage in the epoch after the stake, settlement, claims, revenue, swap.
	n.NextEpoch()
	epoch, _ := n.PostUsage(t, "net-1", alice, bob)
	require.Eventually(t, func() bool {
		code, _ := n.GetREST("/flock/modeltoken/v1/epochs/" + epoch)
		return code == http.StatusOK
	}, 90*time.Second, time.Second, "epoch %s was never settled", epoch)
	claimed := n.Tx("alice", "modeltoken", "claim-all") // one tx with as many claims as her entries need
	require.Equal(t, `"`+alice+`"`, typedEvent(t, claimed, "flock.modeltoken.v1.EventRewardsClaimed")["claimer"])
	n.Tx("validator", "modeltoken", "deposit-revenue", "mt/llama", "10000000uflock")
	n.Tx("bob", "modeltoken", "swap", "mt/llama", "1000000000uflock", "1")
	// The buyback runs over the next blocks and the epoch after burns what it
	// bought: wait for both before the snapshot, so nothing moves after it.
	require.Eventually(t, func() bool {
		_, r := n.GetREST("/flock/modeltoken/v1/revenue?denom=mt/llama")
		tot := dig(r, "totals")
		return tot["pending_buyback"] == "0" && tot["pending_burn"] == "0" && tot["mt_bought"] != "0"
	}, 180*time.Second, time.Second, "the buyback never finished, or its MT was never burned")

	// Every node served the same app hash at every height.
	top := nw.minHeight()
	compared := nw.requireSameAppHashes(2, top)
	t.Logf("app hashes identical on all %d nodes at %d heights (2..%d)", networkSize, compared, top)

	// Export from the stopped network, validate, restart all four from it.
	before := economySnapshot(t, n, alice, bob)
	require.Contains(t, before["rewards/bob"], "uflock", "bob has unclaimed rewards to carry over")
	nw.Script("stop")
	exported := filepath.Join(t.TempDir(), "exported.json")
	n.CLI("export", "--output-document", exported)
	n.CLI("genesis", "validate", exported)
	var doc struct {
		InitialHeight json.Number `json:"initial_height"`
	}
	raw, err := os.ReadFile(exported)
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(raw, &doc))
	startAt, err := doc.InitialHeight.Int64()
	require.NoError(t, err)
	for _, node := range nw.Nodes {
		node.CLI("comet", "unsafe-reset-all")
	}
	nw.shareGenesis(exported)
	nw.Script("start")
	for i, node := range nw.Nodes {
		require.Eventually(t, func() bool { return node.Height() >= startAt+2 }, 60*time.Second, 300*time.Millisecond,
			"node%d did not make blocks from the export", i)
	}
	after := economySnapshot(t, n, alice, bob)
	require.Equal(t, before, after, "the chain restarted from the export holds the same economy")
	compared = nw.requireSameAppHashes(startAt, nw.minHeight())
	t.Logf("restarted from the export at height %d; %d more heights agree", startAt, compared)
}

// economySnapshot is what must survive an export: balances, stakes, claims
// and pending rewards, model tokens, pools and revenue totals.
func economySnapshot(t *testing.T, n *Node, alice, bob string) map[string]string {
	t.Helper()
	snap := map[string]string{}
	q := func(key string, args ...string) {
		snap[key] = n.QueryJSON(args...)
	}
	for name, addr := range map[string]string{"alice": alice, "bob": bob, "validator": n.Addr("validator")} {
		q("balances/"+name, "bank", "balances", addr)
		q("rewards/"+name, "modeltoken", "rewards", addr)
		q("gmflock/"+name, "modeltoken", "gmflock", addr)
	}
	q("positions/bob", "modeltoken", "positions", bob)
	q("launch/1", "modeltoken", "launch", "1")
	q("claim/1/bob", "modeltoken", "claim", "1", bob)
	q("model-token", "modeltoken", "model-token", "mt/llama")
	q("pool", "modeltoken", "pool", "mt/llama")
	q("revenue", "modeltoken", "revenue", "mt/llama")
	q("supply/mt", "bank", "total-supply-of", "mt/llama")
	return snap
}
