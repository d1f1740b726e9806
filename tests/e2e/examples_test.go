package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	modeltokentypes "github.com/flockchain/flockd/x/modeltoken/types"
)

// localnet is a chain started by scripts/localnet.sh (the one a newcomer
// gets from `make localnet`) on free ports, without the demo driver.
type localnet struct {
	t       *testing.T
	dir     string // holds .localnet, so "./.localnet/batch.json" resolves as from the repo root
	home    string
	rpcPort int
	apiPort int
	webPort int // the web app's, when LOCALNET_WEB=1
}

func startLocalnet(t *testing.T, extraEnv ...string) *localnet {
	t.Helper()
	dir := t.TempDir()
	base := freePorts(t, 5)
	ln := &localnet{t: t, dir: dir, home: filepath.Join(dir, ".localnet", "home"), rpcPort: base, apiPort: base + 3, webPort: base + 4}
	env := append(os.Environ(),
		"LOCALNET_DIR="+filepath.Join(dir, ".localnet"),
		"LOCALNET_BIN="+flockdBin,
		"LOCALNET_RPC_PORT="+strconv.Itoa(base),
		"LOCALNET_P2P_PORT="+strconv.Itoa(base+1),
		"LOCALNET_GRPC_PORT="+strconv.Itoa(base+2),
		"LOCALNET_API_PORT="+strconv.Itoa(base+3),
		"LOCALNET_PPROF=",
		"LOCALNET_ATTESTER_LISTEN=", // parallel localnets: no fixed metrics port
		"LOCALNET_DEMO=0",
		"LOCALNET_WEB=0",
		"LOCALNET_WEB_PORT="+strconv.Itoa(base+4),
	)
	env = append(env, extraEnv...) // later entries win
	script, err := filepath.Abs("../../scripts/localnet.sh")
	require.NoError(t, err)
	t.Cleanup(func() {
		stop := exec.Command(script, "stop")
		stop.Env = env
		_ = stop.Run()
		if t.Failed() {
			if b, err := os.ReadFile(filepath.Join(dir, ".localnet", "flockd.log")); err == nil {
				lines := strings.Split(string(b), "\n")
				t.Logf("last node log lines:\n%s", strings.Join(lines[max(0, len(lines)-30):], "\n"))
			}
		}
	})
	cmd := exec.Command(script, "--bg")
	cmd.Env = env
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "scripts/localnet.sh --bg:\n%s", out)
	t.Cleanup(func() { // before the stop above: read the typed events while the node answers
		rpc := fmt.Sprintf("tcp://127.0.0.1:%d", ln.rpcPort)
		recordTypedEvents(t, rpc, rpcHeight(rpc))
	})
	return ln
}

// shell runs one command line as a user would paste it: bash, in the
// directory holding .localnet, with FLOCKD_HOME pointing at the localnet
// and the flockd under test first on PATH. A transaction's confirmation
// prompt is answered yes.
func (ln *localnet) shell(line string) (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "bash", "-o", "pipefail", "-c", line)
	cmd.Dir = ln.dir
	cmd.Env = append(os.Environ(), "FLOCKD_HOME="+ln.home,
		"PATH="+filepath.Dir(flockdBin)+string(os.PathListSeparator)+os.Getenv("PATH"))
	cmd.Stdin = strings.NewReader(strings.Repeat("y\n", 4))
	var buf bytes.Buffer
	cmd.Stdout, cmd.Stderr = &buf, &buf
	err := cmd.Run()
	return buf.String(), err
}

func (ln *localnet) queryJSON(args ...string) (map[string]any, error) {
	out, err := ln.shell("flockd query " + strings.Join(args, " ") + " -o json")
	if err != nil {
		return nil, fmt.Errorf("%v: %s", err, out)
	}
	var m map[string]any
	i := strings.Index(out, "{")
	if i < 0 {
		return nil, fmt.Errorf("no JSON in %q", out)
	}
	// Query JSON is indented over many lines: decode the first value.
	return m, json.NewDecoder(strings.NewReader(out[i:])).Decode(&m)
}

// blockTime is the latest block's time (the chain's clock, which every wait
// in this test is measured against).
func (ln *localnet) blockTime() time.Time {
	out, err := ln.shell("flockd status")
	if err != nil {
		return time.Time{}
	}
	var st struct {
		SyncInfo struct {
			LatestBlockTime time.Time `json:"latest_block_time"`
		} `json:"sync_info"`
	}
	_ = json.Unmarshal([]byte(lastJSONLine(out)), &st)
	return st.SyncInfo.LatestBlockTime
}

// waitChain polls until cond holds on the chain's state.
func (ln *localnet) waitChain(what string, cond func() bool) {
	ln.t.Helper()
	require.Eventually(ln.t, cond, 5*time.Minute, time.Second, "the localnet never reached: %s", what)
}

var txHashRe = regexp.MustCompile(`txhash"?:\s*"?([0-9A-F]{64})`)
var txCodeRe = regexp.MustCompile(`\bcode"?:\s*([1-9][0-9]*)`)

// run runs a pasted line. A query must succeed; a transaction must be
// accepted and land with code 0, unless wantErr names the registered error
// it deliberately hits (then it must fail with exactly that).
func (ln *localnet) run(line string, wantErr error) (string, error) {
	// The localnet's REST port is 1317; this one's is free-chosen.
	line = strings.ReplaceAll(line, "127.0.0.1:1317", fmt.Sprintf("127.0.0.1:%d", ln.apiPort))
	out, err := ln.shell(line)
	if err == nil && strings.Contains(line, " tx ") {
		m := txHashRe.FindStringSubmatch(out)
		if m == nil {
			return out, fmt.Errorf("no txhash in the output")
		}
		if code := txCodeRe.FindStringSubmatch(out); code != nil {
			err = fmt.Errorf("refused in CheckTx with code %s", code[1])
		} else {
			res, werr := ln.waitTx(m[1])
			out += res
			var landed struct {
				Code   int    `json:"code"`
				RawLog string `json:"raw_log"`
			}
			if werr != nil || json.Unmarshal([]byte(lastJSONLine(res)), &landed) != nil {
				return out, fmt.Errorf("tx %s never landed: %v", m[1], werr)
			}
			if landed.Code != 0 {
				err = fmt.Errorf("failed in block with code %d: %s", landed.Code, landed.RawLog)
			}
		}
	}
	if wantErr != nil {
		if err == nil {
			return out, fmt.Errorf("succeeded, but the example documents the error %q", wantErr)
		}
		if !strings.Contains(out+err.Error(), wantErr.Error()) {
			return out, fmt.Errorf("failed (%v), but not with the documented error %q", err, wantErr)
		}
		return out, nil
	}
	return out, err
}

// waitTx polls the chain's tx index until the tx is in a block (a
// websocket subscription, as wait-tx uses, can be dropped by a busy node).
// The 5-minute bound only ends a hang.
func (ln *localnet) waitTx(hash string) (string, error) {
	var out string
	var err error
	for i := 0; i < 300; i++ {
		if out, err = ln.shell("flockd query tx " + hash + " -o json"); err == nil {
			return out, nil
		}
		time.Sleep(time.Second)
	}
	return out, fmt.Errorf("tx %s not in a block after 5 minutes: %w", hash, err)
}

// helpExamples reads the Examples section of every `flockd tx|query
// modeltoken` subcommand's --help, as a user sees it.
func (ln *localnet) helpExamples(t *testing.T) map[string][]string {
	examples := map[string][]string{}
	for _, group := range []string{"tx", "query"} {
		list, err := ln.shell("flockd " + group + " modeltoken --help")
		require.NoError(t, err, list)
		for _, sub := range helpSection(list, "Available Commands:") {
			name := strings.Fields(sub)[0]
			help, err := ln.shell("flockd " + group + " modeltoken " + name + " --help")
			require.NoError(t, err, help)
			var lines []string
			for _, l := range helpSection(help, "Examples:") {
				if len(lines) > 0 && strings.HasSuffix(lines[len(lines)-1], `\`) {
					lines[len(lines)-1] = strings.TrimSuffix(lines[len(lines)-1], `\`) + " " + strings.TrimSpace(l)
					continue
				}
				lines = append(lines, strings.TrimSpace(l))
			}
			require.NotEmpty(t, lines, "flockd %s modeltoken %s has no example", group, name)
			examples[group+" "+name] = lines
		}
	}
	return examples
}

// helpSection returns the non-empty lines after header up to the next blank line.
func helpSection(help, header string) []string {
	_, rest, ok := strings.Cut(help, header+"\n")
	if !ok {
		return nil
	}
	var out []string
	for _, l := range strings.Split(rest, "\n") {
		if strings.TrimSpace(l) == "" {
			break
		}
		out = append(out, l)
	}
	return out
}

// TestHelpExamplesRunAsPasted is the newcomer's first hour as a test: the
// localnet from scripts/localnet.sh, then every `flockd tx|query modeltoken`
// help example and the README's localnet block, run verbatim in an order a
// user would follow. Each succeeds (a transaction lands with code 0), or
// hits the one error its example deliberately documents. A command without
// a place in the plan fails the test, so a new command needs a working
// example. Waits are on the chain's state (block time, settlement).
func TestHelpExamplesRunAsPasted(t *testing.T) {
	t.Parallel()
	// Four-minute epochs instead of the localnet's two: the examples read
	// epoch 1's rewards, so the demo billing events scripts/localnet.sh
	// records at startup (stamped with the latest block time) must fall in
	// epoch 1, and a startup beside the other e2e chains on a loaded 2-core
	// machine has taken over two minutes. The attester service posts them
	// when epoch 1 ends.
	ln := startLocalnet(t, "LOCALNET_EPOCH_SECONDS=240")
	e, err := ln.queryJSON("modeltoken", "epoch")
	require.NoError(t, err)
	require.Equal(t, "1", fmt.Sprint(dig(e, "epoch")["number"]),
		"the localnet's startup outlasted epoch 1, so its demo usage (which the epoch-1 examples read) is in a later epoch")
	examples := ln.helpExamples(t)

	type step struct {
		cmd     string   // "tx buy", "query launch"
		wantErr error    // the documented error, if the example shows one
		before  func()   // a wait on chain state
		retry   []string // on a sealed/settled epoch, re-run these steps first
	}
	launchGraduated := func() {
		ln.waitChain("the begin-block sweep graduated launch 3 after its raise window", func() bool {
			l, err := ln.queryJSON("modeltoken", "launch", "3")
			return err == nil && dig(l, "launch")["status"] == "LAUNCH_STATUS_GRADUATED"
		})
	}
	unbondingPaid := func() {
		ln.waitChain("the begin-block payout paid bob's matured unbonding", func() bool {
			u, err := ln.queryJSON("modeltoken", "unbondings", "$(flockd keys show bob -a)")
			entries, _ := u["entries"].([]any)
			return err == nil && len(entries) == 0
		})
	}
	epochSettled := func() {
		ln.waitChain("epoch 1 settled", func() bool {
			s, err := ln.queryJSON("modeltoken", "epoch-summary", "1")
			if err != nil {
				return false
			}
			next, _ := strconv.Atoi(fmt.Sprint(s["next_epoch_to_settle"]))
			return next > 1
		})
	}
	// A batch is voided after its epoch has ended (a running epoch cannot
	// be): wait until the epoch the example batch went into is over. The
	// void-batch CLI then finds the batch in the previous epoch.
	batchEpochEnded := func() {
		e, err := ln.queryJSON("modeltoken", "epoch")
		require.NoError(t, err)
		posted := fmt.Sprint(dig(e, "epoch")["number"])
		ln.waitChain("the example batch's epoch "+posted+" ended", func() bool {
			e, err := ln.queryJSON("modeltoken", "epoch")
			return err == nil && fmt.Sprint(dig(e, "epoch")["number"]) != posted
		})
	}
	plan := []step{
		// What the localnet holds: read-only, any time.
		{cmd: "query params"}, {cmd: "query model-types"}, {cmd: "query launch"}, {cmd: "query launches"},
		{cmd: "query claim"}, {cmd: "query vesting"}, {cmd: "query model-token"},
		{cmd: "query model-token-by-launch"}, {cmd: "query model-tokens"}, {cmd: "query epoch"}, {cmd: "query epoch-bounds"},
		{cmd: "query position"}, {cmd: "query positions"}, {cmd: "query stakers"}, {cmd: "query model-stake"},
		{cmd: "query discount"}, {cmd: "query gm-lock"}, {cmd: "query gmflock"}, {cmd: "query usage"},
		{cmd: "query model-usage"}, {cmd: "query usage-batches"}, {cmd: "query economy"}, {cmd: "query pool"},
		{cmd: "query swap-quote"}, {cmd: "query twap"}, {cmd: "query revenue"}, {cmd: "query attesters"},
		{cmd: "query attester"}, {cmd: "query disputes"}, {cmd: "query evidence"}, {cmd: "query rewards-estimate"},
		// A launch of one's own (launch 3), a quote, a buy below the cap.
		{cmd: "tx create-launch"}, {cmd: "query quote"}, {cmd: "tx buy"},
		// Staking and unbonding (entry 1), gmFLOCK (lock 2).
		{cmd: "tx stake"}, {cmd: "tx unstake"}, {cmd: "tx cancel-unbonding"}, {cmd: "query unbondings"},
		{cmd: "tx lock"}, {cmd: "tx extend-lock"},
		// A 30-day lock extended to 365 days cannot be unlocked on a fresh chain.
		{cmd: "tx unlock", wantErr: modeltokentypes.ErrLockNotExpired},
		// Markets and revenue.
		{cmd: "tx fund-incentive"}, {cmd: "tx swap"}, {cmd: "tx deposit-revenue"},
		// Attesters: bond, unbond a little, post the example batch, the second
		// attester confirms it, the guardian voids it (both are jailed).
		{cmd: "tx bond-attester"}, {cmd: "tx unbond-attester"},
		{cmd: "tx submit-usage"},
		{cmd: "tx confirm-usage", retry: []string{"tx submit-usage"}},
		{cmd: "tx void-batch", before: batchEpochEnded, retry: []string{"tx submit-usage", "tx confirm-usage"}},
		// Governance-only messages as proposals.
		{cmd: "tx reinstate-attester-proposal"}, {cmd: "tx update-params-proposal"},
		{cmd: "tx upsert-model-type-proposal"}, {cmd: "tx spend-treasury-proposal"},
		{cmd: "tx claim-vested"},
		// The begin-block sweep graduates a launch in the first block after its
		// window, so on a one-launch localnet graduate finds it done already.
		{cmd: "tx graduate", before: launchGraduated, wantErr: modeltokentypes.ErrLaunchNotRaising},
		{cmd: "tx claim"},
		// Likewise the begin-block payout pays matured entries at once.
		{cmd: "tx withdraw-unbonded", before: unbondingPaid, wantErr: modeltokentypes.ErrNothingToClaim},
		// Rewards, once epoch 1 settled.
		{cmd: "query epoch-summary", before: epochSettled}, {cmd: "query epoch-reward"}, {cmd: "query rewards"},
		{cmd: "tx claim-rewards"}, {cmd: "tx claim-all"},
	}

	planned := map[string]bool{}
	for _, s := range plan {
		planned[s.cmd] = true
	}
	for cmd := range examples {
		require.True(t, planned[cmd], "flockd %s modeltoken has no place in this test's plan: add its example", cmd)
	}
	runStep := func(s step) error {
		lines, ok := examples[s.cmd]
		require.True(t, ok, "the plan names %q, which has no help example", s.cmd)
		for _, line := range lines {
			out, err := ln.run(line, s.wantErr)
			if err != nil {
				return fmt.Errorf("%s\n  %v\n%s", line, err, out)
			}
		}
		return nil
	}
	for _, s := range plan {
		if s.before != nil {
			s.before()
		}
		err := runStep(s)
		// The batch example goes into the current epoch; if that epoch sealed
		// between posting and confirming (a very loaded machine), post again.
		for attempt := 0; err != nil && len(s.retry) > 0 && attempt < 3 &&
			(strings.Contains(err.Error(), "sealed") || strings.Contains(err.Error(), "settled") ||
				strings.Contains(err.Error(), "no batch")); attempt++ {
			for _, r := range s.retry {
				for _, ps := range plan {
					if ps.cmd == r {
						require.NoError(t, runStep(ps))
					}
				}
			}
			if s.before != nil {
				s.before()
			}
			err = runStep(s)
		}
		require.NoError(t, err, s.cmd)
	}

	t.Run("README localnet block", func(t *testing.T) {
		for _, line := range readmeBlock(t, "../../README.md", "export FLOCKD_HOME") {
			if strings.HasPrefix(line, "export ") {
				continue // the test sets the same environment itself
			}
			out, err := ln.run(line, nil)
			require.NoError(t, err, "%s\n%s", line, out)
			if strings.HasPrefix(line, "curl") {
				require.Contains(t, out, `"launches"`, line)
			}
		}
	})

	t.Run("module README walkthrough lines are help examples", func(t *testing.T) {
		tested := map[string]bool{}
		for _, lines := range examples {
			for _, l := range lines {
				tested[l] = true
			}
		}
		for _, line := range readmeBlock(t, "../../x/modeltoken/README.md", "flockd query modeltoken model-types") {
			code, _, _ := strings.Cut(line, " #")
			require.True(t, tested[strings.TrimSpace(code)], "x/modeltoken/README.md runs %q, which no help example (and so no test) runs", line)
		}
	})

	t.Run("swagger", func(t *testing.T) {
		base := fmt.Sprintf("http://127.0.0.1:%d", ln.apiPort)
		ui := httpGet(t, base+"/swagger/")
		require.Contains(t, ui, "swagger-ui", "the Swagger UI page")
		doc := httpGet(t, base+"/swagger/swagger.yaml")
		shipped, err := os.ReadFile("../../docs/openapi.yml")
		require.NoError(t, err)
		require.Equal(t, string(shipped), doc, "the node serves docs/openapi.yml")
		for _, route := range modeltokenRoutes(t) {
			require.Contains(t, doc, "\n  "+route+":\n", "route %s missing from the served document", route)
		}
	})
}

// readmeBlock returns the command lines of the ```sh block containing marker.
func readmeBlock(t *testing.T, path, marker string) []string {
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	for _, block := range strings.Split(string(b), "```sh\n")[1:] {
		body, _, _ := strings.Cut(block, "```")
		if !strings.Contains(body, marker) {
			continue
		}
		var lines []string
		for _, l := range strings.Split(body, "\n") {
			l = strings.TrimSpace(l)
			switch {
			case l == "" || strings.HasPrefix(l, "#"):
			case len(lines) > 0 && strings.HasSuffix(lines[len(lines)-1], `\`):
				lines[len(lines)-1] = strings.TrimSuffix(lines[len(lines)-1], `\`) + " " + l
			default:
				lines = append(lines, l)
			}
		}
		return lines
	}
	t.Fatalf("%s: no ```sh block with %q", path, marker)
	return nil
}

func httpGet(t *testing.T, url string) string {
	resp, err := http.Get(url)
	require.NoError(t, err)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, resp.StatusCode, "%s: %s", url, body)
	return string(body)
}

// modeltokenRoutes lists the REST routes query.proto declares.
func modeltokenRoutes(t *testing.T) []string {
	b, err := os.ReadFile("../../proto/flock/modeltoken/v1/query.proto")
	require.NoError(t, err)
	var routes []string
	for _, m := range regexp.MustCompile(`\(google\.api\.http\)\.get = "([^"]+)"`).FindAllStringSubmatch(string(b), -1) {
		routes = append(routes, m[1])
	}
	require.Greater(t, len(routes), 30, "query.proto's routes")
	return routes
}
