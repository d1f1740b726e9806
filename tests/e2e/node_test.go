package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/flockchain/flockd/testutil/bootstrap"
)

// flockdBin is the binary built once by TestMain for every test, and
// setupBin the bootstrap's command (cmd/flock-localnet) the multi-node
// script runs.
var flockdBin, setupBin string

const (
	chainID = "flock-e2e-1"
	denom   = "uflock"
)

// Node is one real flockd process on free loopback ports.
type Node struct {
	t       *testing.T
	Home    string
	RPC     string // tcp://127.0.0.1:port
	GRPC    string // 127.0.0.1:port
	REST    string // http://127.0.0.1:port
	cmd     *exec.Cmd
	logPath string
	logFile *os.File
	// startArgs are the `flockd start` flags; starts counts (re)starts.
	startArgs []string
	starts    int
	// env is added to the node process's environment.
	env []string
}

// Ports are picked below Linux's ephemeral range (32768+), where the CLI's
// own outgoing connections would otherwise collide with them, and never
// handed out twice in one test process.
var (
	portsMu   sync.Mutex
	portsUsed = map[int]bool{}
)

func portFree(p int) bool {
	l, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", p))
	if err != nil {
		return false
	}
	l.Close()
	return true
}

// freePorts reserves n consecutive free loopback ports and returns the first.
func freePorts(t *testing.T, n int) int {
	t.Helper()
	portsMu.Lock()
	defer portsMu.Unlock()
	for try := 0; try < 200; try++ {
		base := 20000 + rand.IntN(12000-n)
		ok := true
		for p := base; p < base+n && ok; p++ {
			ok = !portsUsed[p] && portFree(p)
		}
		if ok {
			for p := base; p < base+n; p++ {
				portsUsed[p] = true
			}
			return base
		}
	}
	t.Fatal("no free loopback ports")
	return 0
}

func freePort(t *testing.T) int { return freePorts(t, 1) }

// CLI runs flockd with args and returns stdout; it fails the test on error.
func (n *Node) CLI(args ...string) string {
	n.t.Helper()
	out, err := n.TryCLI(args...)
	require.NoError(n.t, err, "flockd %s\n%s", strings.Join(args, " "), out)
	return out
}

// TryCLI runs flockd and returns combined output and the error.
func (n *Node) TryCLI(args ...string) (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, flockdBin, append(args, "--home", n.Home)...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if err != nil {
		return stdout.String() + stderr.String(), err
	}
	return stdout.String(), nil
}

// Addr returns the bech32 address of a test-keyring key.
func (n *Node) Addr(name string) string {
	return strings.TrimSpace(n.CLI("keys", "show", name, "-a", "--keyring-backend", "test"))
}

// txFlags are the flags every CLI transaction in the tests uses.
func (n *Node) txFlags(from string) []string {
	return []string{"--from", from, "--chain-id", chainID, "--keyring-backend", "test",
		"--node", n.RPC, "--gas", "auto", "--gas-adjustment", "1.5", "-y", "-o", "json"}
}

// Tx sends a transaction with the CLI and waits until it is in a block,
// requiring code 0. It returns the tx result JSON.
func (n *Node) Tx(from string, args ...string) map[string]any {
	n.t.Helper()
	res, err := n.TryTx(from, args...)
	require.NoError(n.t, err)
	return res
}

// TryTx is Tx that returns an error for a non-zero code instead of failing.
func (n *Node) TryTx(from string, args ...string) (map[string]any, error) {
	n.t.Helper()
	out, err := n.TryCLI(append(append([]string{"tx"}, args...), n.txFlags(from)...)...)
	if err != nil {
		return nil, fmt.Errorf("flockd tx %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	var sync map[string]any
	if err := json.Unmarshal([]byte(lastJSONLine(out)), &sync); err != nil {
		return nil, fmt.Errorf("decode broadcast result %q: %v", out, err)
	}
	if code, _ := sync["code"].(float64); code != 0 {
		return sync, fmt.Errorf("tx rejected in CheckTx: %v", sync["raw_log"])
	}
	hash, _ := sync["txhash"].(string)
	var res map[string]any
	require.Eventually(n.t, func() bool {
		out, err := n.TryCLI("query", "tx", hash, "--node", n.RPC, "-o", "json")
		if err != nil {
			return false
		}
		return json.Unmarshal([]byte(out), &res) == nil
	}, 30*time.Second, 300*time.Millisecond, "tx %s never landed", hash)
	if code, _ := res["code"].(float64); code != 0 {
		return res, fmt.Errorf("tx failed in block: %v", res["raw_log"])
	}
	return res, nil
}

// QueryJSON runs `flockd query ...` against the node and returns its JSON
// output as text (snapshots compare it verbatim).
func (n *Node) QueryJSON(args ...string) string {
	n.t.Helper()
	return strings.TrimSpace(n.CLI(append(append([]string{"query"}, args...), "--node", n.RPC, "-o", "json")...))
}

// Query runs `flockd query ...` against the node and decodes its JSON.
func (n *Node) Query(args ...string) map[string]any {
	n.t.Helper()
	out := n.QueryJSON(args...)
	var res map[string]any
	require.NoError(n.t, json.Unmarshal([]byte(out), &res), out)
	return res
}

// GetREST fetches a REST gateway path and decodes its JSON body.
func (n *Node) GetREST(path string) (int, map[string]any) {
	n.t.Helper()
	resp, err := http.Get(n.REST + path)
	require.NoError(n.t, err)
	defer resp.Body.Close()
	var body map[string]any
	require.NoError(n.t, json.NewDecoder(resp.Body).Decode(&body))
	return resp.StatusCode, body
}

// ABCIQuery asks this node's CometBFT RPC (never another node's) for an
// ABCI query path and returns the response's code, codespace and log.
func (n *Node) ABCIQuery(path string) (uint32, string, string) {
	n.t.Helper()
	u := strings.Replace(n.RPC, "tcp://", "http://", 1) + "/abci_query?path=" + url.QueryEscape(`"`+path+`"`)
	resp, err := http.Get(u)
	require.NoError(n.t, err)
	defer resp.Body.Close()
	var out struct {
		Result struct {
			Response struct {
				Code      uint32 `json:"code"`
				Codespace string `json:"codespace"`
				Log       string `json:"log"`
			} `json:"response"`
		} `json:"result"`
	}
	require.NoError(n.t, json.NewDecoder(resp.Body).Decode(&out))
	r := out.Result.Response
	return r.Code, r.Codespace, r.Log
}

// Height returns the latest block height from this node's CometBFT RPC
// (0 if it does not answer). It asks over HTTP rather than spawning the
// CLI: tests poll it often, on a machine the nodes already keep busy.
func (n *Node) Height() int64 { return rpcHeight(n.RPC) }

// rpcHeight is the latest block height of the node at rpc (tcp://host:port),
// 0 if it does not answer.
func rpcHeight(rpc string) int64 {
	resp, err := http.Get(strings.Replace(rpc, "tcp://", "http://", 1) + "/status")
	if err != nil {
		return 0
	}
	defer resp.Body.Close()
	var st struct {
		Result struct {
			SyncInfo struct {
				LatestBlockHeight string `json:"latest_block_height"`
			} `json:"sync_info"`
		} `json:"result"`
	}
	if json.NewDecoder(resp.Body).Decode(&st) != nil {
		return 0
	}
	h, _ := strconv.ParseInt(st.Result.SyncInfo.LatestBlockHeight, 10, 64)
	return h
}

// WaitBlocks waits until the chain has advanced by n blocks.
func (n *Node) WaitBlocks(blocks int64) {
	n.t.Helper()
	start := n.Height()
	require.Eventually(n.t, func() bool { return n.Height() >= start+blocks }, 60*time.Second, 200*time.Millisecond)
}

func lastJSONLine(out string) string {
	lines := strings.Split(strings.TrimSpace(out), "\n")
	for i := len(lines) - 1; i >= 0; i-- {
		if strings.HasPrefix(strings.TrimSpace(lines[i]), "{") {
			return lines[i]
		}
	}
	return out
}

// GenesisOption edits genesis.json (as a generic JSON map) before gentx;
// the node's keys already exist, so options may use n.Addr.
type GenesisOption func(n *Node, genesis map[string]any)

// StartNode initialises a fresh single-validator chain with funded keys
// "validator", "alice" and "bob", starts it and waits for the first blocks.
// The node is stopped by PID when the test ends.
func StartNode(t *testing.T, opts ...GenesisOption) *Node {
	t.Helper()
	return StartNodeWith(t, flockdBin, opts...)
}

// StartNodeWith is StartNode running the given flockd binary.
func StartNodeWith(t *testing.T, bin string, opts ...GenesisOption) *Node {
	t.Helper()
	return StartNodeWithEnv(t, bin, nil, opts...)
}

// StartNodeWithEnv is StartNodeWith with extra environment variables for
// the node process (KEY=value).
func StartNodeWithEnv(t *testing.T, bin string, env []string, opts ...GenesisOption) *Node {
	t.Helper()
	n := &Node{t: t, Home: t.TempDir(), env: env}
	ports := bootstrap.Ports{P2P: freePort(t), RPC: freePort(t), GRPC: freePort(t), API: freePort(t)}
	// The one bootstrap of make localnet and make localnet-multi
	// (testutil/bootstrap), with the e2e chain's own accounts and settings:
	// random keys, short governance periods, fast blocks, no pprof listener
	// (parallel nodes would collide on it).
	nodes, err := bootstrap.Init(bootstrap.Config{
		Bin: bin, ChainID: chainID, Denom: denom, Homes: []string{n.Home}, Ports: []bootstrap.Ports{ports},
		Overrides: bootstrap.Overrides{
			Accounts: []bootstrap.Account{
				{Name: "validator", Coins: "1000000000000" + denom},
				{Name: "alice", Coins: "100000000000" + denom},
				{Name: "bob", Coins: "100000000000" + denom},
			},
			Validator: bootstrap.Validator{SelfDelegation: "500000000000" + denom},
			Genesis: []string{
				"app_state.gov.params.voting_period=8s",
				"app_state.gov.params.expedited_voting_period=4s",
				"app_state.gov.params.max_deposit_period=8s",
			},
			Config: map[string]string{"consensus.timeout_commit": "500ms", "rpc.pprof_laddr": ""},
			App:    map[string]string{"api.enable": "true", "minimum-gas-prices": "0" + denom},
			Client: map[string]string{"keyring-backend": "test"},
		},
		EditGenesis: func(g map[string]any, _ func(string) (string, error)) error {
			for _, o := range opts {
				o(n, g)
			}
			return nil
		},
	})
	require.NoError(t, err)
	n.RPC, n.GRPC, n.REST = nodes[0].RPC, nodes[0].GRPC, nodes[0].REST
	n.startArgs = []string{"start", "--home", n.Home}
	t.Cleanup(func() {
		n.Stop()
		// Only the last run's log: a run that halted on purpose (the
		// upgrade test) checks its own log.
		if b, err := os.ReadFile(n.logPath); err == nil {
			require.NotContains(t, string(b), "panic:", "the node must shut down cleanly")
		}
		if t.Failed() {
			if b, err := os.ReadFile(n.logPath); err == nil {
				lines := strings.Split(string(b), "\n")
				t.Logf("last node log lines:\n%s", strings.Join(lines[max(0, len(lines)-40):], "\n"))
			}
		}
	})
	n.Start(bin)
	// Registered after the stop above, so it runs first: the node's blocks
	// are read for typed events while it still answers.
	t.Cleanup(func() {
		if n.cmd != nil {
			recordTypedEvents(t, n.RPC, n.Height())
		}
	})
	return n
}

// Start runs `flockd start` with bin (the node must be stopped), logging to
// a fresh file per run, and waits for blocks and the REST gateway.
func (n *Node) Start(bin string) {
	t := n.t
	t.Helper()
	n.starts++
	n.logPath = filepath.Join(n.Home, fmt.Sprintf("node-%d.log", n.starts))
	logFile, err := os.Create(n.logPath)
	require.NoError(t, err)
	n.logFile = logFile
	n.cmd = exec.Command(bin, n.startArgs...)
	n.cmd.Env = append(os.Environ(), n.env...)
	n.cmd.Stdout, n.cmd.Stderr = logFile, logFile
	n.cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	require.NoError(t, n.cmd.Start())

	require.Eventually(t, func() bool { return n.Height() >= 2 }, 60*time.Second, 200*time.Millisecond,
		"node did not produce blocks; log at %s", n.logPath)
	require.Eventually(t, func() bool {
		resp, err := http.Get(n.REST + "/cosmos/base/tendermint/v1beta1/node_info")
		if err != nil {
			return false
		}
		resp.Body.Close()
		return resp.StatusCode == http.StatusOK
	}, 30*time.Second, 200*time.Millisecond, "REST gateway did not come up")
}

// Stop terminates the node by its PID and waits for it to exit.
func (n *Node) Stop() {
	if n.cmd == nil || n.cmd.Process == nil {
		return
	}
	_ = n.cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan struct{})
	go func() { _ = n.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(15 * time.Second):
		_ = syscall.Kill(-n.cmd.Process.Pid, syscall.SIGKILL)
		<-done
	}
	n.cmd = nil
	if n.logFile != nil {
		n.logFile.Close()
		n.logFile = nil
	}
}

func editJSON(t *testing.T, path string, edit func(map[string]any)) {
	t.Helper()
	require.NoError(t, bootstrap.EditJSON(path, func(doc map[string]any) error { edit(doc); return nil }))
}

// dig walks nested JSON objects by key.
func dig(m map[string]any, keys ...string) map[string]any {
	for _, k := range keys {
		m = m[k].(map[string]any)
	}
	return m
}
