package e2e

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
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
)

// netnsSet is four network namespaces, one per validator, each joined by a
// veth pair to a bridge in the test's own namespace. The test reaches every
// node over the bridge; a partition is a set of nftables rules inside the
// namespaces that drop traffic between validators, never between a node
// and the test. All addresses are the test's own (10.213.x.0/24 on a bridge
// it made); nothing leaves the machine.
type netnsSet struct {
	t      *testing.T
	names  []string
	hosts  []string
	bridge string
}

// newNetnsSet makes the namespaces and the bridge and removes them when the
// test ends. It needs root, iproute2 and nftables: without them the test
// fails under CI (.ci/run installs both) and is skipped elsewhere.
func newNetnsSet(t *testing.T) *netnsSet {
	t.Helper()
	missing := ""
	for _, tool := range []string{"ip", "nft"} {
		if _, err := exec.LookPath(tool); err != nil {
			missing = tool
		}
	}
	if os.Geteuid() != 0 {
		missing = "root"
	}
	if missing != "" {
		if os.Getenv("CI") != "" {
			t.Fatalf("the partition e2e needs %s (.ci/run installs iproute2 and nftables and runs as root)", missing)
		}
		t.Skipf("the partition e2e needs %s: run as root with iproute2 and nftables", missing)
	}
	id := fmt.Sprintf("%04x", rand.IntN(0x10000))
	subnet := fmt.Sprintf("10.213.%d", 1+rand.IntN(250))
	s := &netnsSet{t: t, bridge: "flbr" + id}
	t.Cleanup(s.remove)
	s.ip("link", "add", s.bridge, "type", "bridge")
	s.ip("addr", "add", subnet+".1/24", "dev", s.bridge)
	s.ip("link", "set", s.bridge, "up")
	for i := 0; i < networkSize; i++ {
		ns, veth, host := fmt.Sprintf("flp%s-%d", id, i), fmt.Sprintf("flv%s%d", id, i), fmt.Sprintf("%s.%d", subnet, 10+i)
		s.ip("netns", "add", ns)
		s.names, s.hosts = append(s.names, ns), append(s.hosts, host)
		s.ip("link", "add", veth, "type", "veth", "peer", "name", "eth0", "netns", ns)
		s.ip("link", "set", veth, "master", s.bridge, "up")
		s.in(i, "ip", "addr", "add", host+"/24", "dev", "eth0")
		s.in(i, "ip", "link", "set", "eth0", "up")
		s.in(i, "ip", "link", "set", "lo", "up")
	}
	return s
}

func (s *netnsSet) run(name string, args ...string) {
	s.t.Helper()
	out, err := exec.Command(name, args...).CombinedOutput()
	require.NoError(s.t, err, "%s %s: %s", name, strings.Join(args, " "), out)
}

func (s *netnsSet) ip(args ...string) { s.t.Helper(); s.run("ip", args...) }

// in runs a command inside node i's namespace.
func (s *netnsSet) in(i int, args ...string) {
	s.t.Helper()
	s.run("ip", append([]string{"netns", "exec", s.names[i]}, args...)...)
}

func (s *netnsSet) remove() {
	for _, ns := range s.names {
		_ = exec.Command("ip", "netns", "del", ns).Run() // takes its veth along
	}
	_ = exec.Command("ip", "link", "del", s.bridge).Run()
}

// cut partitions the validators into groups: each node drops every packet
// from or to the nodes outside its group (the test still reaches all).
func (s *netnsSet) cut(groups ...[]int) {
	s.t.Helper()
	for _, g := range groups {
		var others []string
		for j := range s.hosts {
			if !containsInt(g, j) {
				others = append(others, s.hosts[j])
			}
		}
		set := "{ " + strings.Join(others, ", ") + " }"
		rules := fmt.Sprintf(`table inet flpart {
  chain in { type filter hook input priority 0; policy accept; ip saddr %s drop; }
  chain out { type filter hook output priority 0; policy accept; ip daddr %s drop; }
}`, set, set)
		for _, i := range g {
			cmd := exec.Command("ip", "netns", "exec", s.names[i], "nft", "-f", "-")
			cmd.Stdin = strings.NewReader(rules)
			out, err := cmd.CombinedOutput()
			require.NoError(s.t, err, "nft in node%d: %s", i, out)
		}
	}
}

// heal removes every partition rule.
func (s *netnsSet) heal() {
	s.t.Helper()
	for i := range s.names {
		out, err := exec.Command("ip", "netns", "exec", s.names[i], "nft", "list", "tables").CombinedOutput()
		require.NoError(s.t, err, string(out))
		if strings.Contains(string(out), "flpart") {
			s.in(i, "nft", "delete", "table", "inet", "flpart")
		}
	}
}

func containsInt(xs []int, x int) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// voteSet is one of CometBFT's vote bit arrays, e.g.
// "BA{4:xxx_} 3000000/4000000 = 0.75": who voted and with what power.
type voteSet struct {
	voters       int
	power, total int64
}

func parseVoteSet(s string) (voteSet, error) {
	open, colon, end := strings.Index(s, "{"), strings.Index(s, ":"), strings.Index(s, "}")
	if open < 0 || colon < open || end < colon {
		return voteSet{}, fmt.Errorf("vote bit array %q", s)
	}
	v := voteSet{voters: strings.Count(s[colon+1:end], "x")}
	rest := strings.Fields(s[end+1:])
	if len(rest) == 0 {
		return voteSet{}, fmt.Errorf("vote bit array %q", s)
	}
	if _, err := fmt.Sscanf(rest[0], "%d/%d", &v.power, &v.total); err != nil {
		return voteSet{}, fmt.Errorf("vote bit array %q: %v", s, err)
	}
	return v, nil
}

// stalledWith reports whether the vote set holds the votes of a whole group
// of group validators and still not more than 2/3 of the power: the group
// cannot get further in this round without votes from outside it.
func (v voteSet) stalledWith(group int) bool {
	return v.voters >= group && 3*v.power <= 2*v.total
}

// stuckAt reports the node's height and whether its consensus is stuck
// there for want of votes from outside a group of group validators: in its
// current round every vote its group can give is in, for prevotes or for
// precommits, and together they are not more than 2/3 of the power.
func (n *Node) stuckAt(group int) (int64, bool, error) {
	resp, err := http.Get(strings.Replace(n.RPC, "tcp://", "http://", 1) + "/dump_consensus_state")
	if err != nil {
		return 0, false, err
	}
	defer resp.Body.Close()
	var body struct {
		Result struct {
			RoundState struct {
				Height string `json:"height"`
				Round  int64  `json:"round"`
				Votes  []struct {
					Round      int64  `json:"round"`
					Prevotes   string `json:"prevotes_bit_array"`
					Precommits string `json:"precommits_bit_array"`
				} `json:"votes"`
			} `json:"round_state"`
		} `json:"result"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		return 0, false, err
	}
	rs := body.Result.RoundState
	h, _ := strconv.ParseInt(rs.Height, 10, 64)
	for _, v := range rs.Votes {
		if v.Round != rs.Round {
			continue
		}
		pre, err := parseVoteSet(v.Prevotes)
		if err != nil {
			return h, false, err
		}
		com, err := parseVoteSet(v.Precommits)
		if err != nil {
			return h, false, err
		}
		return h, pre.stalledWith(group) || com.stalledWith(group), nil
	}
	return h, false, nil
}

// waitStuck waits until every node of a partition group is stuck (see
// stuckAt) at one and the same height, and returns it. The evidence is the
// nodes' own consensus state, never a wall-clock pause; requiring the whole
// group to agree rules out a node that is only waiting for a vote still in
// flight from before the cut.
func waitStuck(t *testing.T, group []*Node, what string) int64 {
	t.Helper()
	var at int64
	require.Eventually(t, func() bool {
		at = -1
		for _, n := range group {
			h, stuck, err := n.stuckAt(len(group))
			if err != nil || !stuck || (at >= 0 && h != at) {
				return false
			}
			at = h
		}
		return true
	}, 3*time.Minute, 300*time.Millisecond, "%s: consensus never stalled", what)
	return at
}

// waitHeight waits until node n reaches height h.
func (n *Node) waitHeight(t *testing.T, h int64, what string) {
	t.Helper()
	require.Eventually(t, func() bool { return n.Height() >= h }, 3*time.Minute, 300*time.Millisecond, "%s: never reached height %d", what, h)
}

// loadTx is one transaction of the steady load and what became of it.
type loadTx struct {
	from, what, hash string
	accepted         bool   // CheckTx took it
	landed           bool   // found in a block
	code             uint32 // its result code (CheckTx's when refused there)
	log              string
}

// steadyLoad sends usage, swaps, stakes and claims from node0's keys, one
// transaction in flight per key, until stopped. A transaction CheckTx takes
// is followed until it is in a block, however long a partition holds it.
type steadyLoad struct {
	n    *Node
	stop chan struct{}
	wg   sync.WaitGroup
	mu   sync.Mutex
	txs  []loadTx
}

func startLoad(t *testing.T, n *Node, denom string, alice, bob string) *steadyLoad {
	l := &steadyLoad{n: n, stop: make(chan struct{})}
	dir := t.TempDir()
	batch := 0
	plans := map[string][]func() []string{
		"validator": { // the attester posts usage of the current epoch
			func() []string {
				batch++
				path := filepath.Join(dir, fmt.Sprintf("batch-%d.json", batch))
				doc := fmt.Sprintf(`{"epoch": "%s", "denom": "%s", "batch_id": "load-%d",
					"rows": [{"user": "%s", "spend": "%d"}, {"user": "%s", "spend": "%d"}]}`,
					l.epoch(), denom, batch, alice, 1_000_000+batch, bob, 500_000+batch)
				if err := os.WriteFile(path, []byte(doc), 0o644); err != nil {
					return nil
				}
				return []string{"modeltoken", "submit-usage", path}
			},
			func() []string { return []string{"modeltoken", "deposit-revenue", denom, "5000000uflock"} },
		},
		"bob": {
			func() []string { return []string{"modeltoken", "swap", denom, "20000000uflock", "1"} },
			func() []string { return []string{"modeltoken", "stake", "2000000" + denom} },
			func() []string { return []string{"modeltoken", "claim-all"} },
		},
		"alice": {
			func() []string { return []string{"modeltoken", "swap", denom, "30000000uflock", "1"} },
			func() []string { return []string{"modeltoken", "claim-all"} },
		},
	}
	for from, plan := range plans {
		l.wg.Add(1)
		go func() {
			defer l.wg.Done()
			for i := 0; ; i++ {
				select {
				case <-l.stop:
					return
				default:
				}
				args := plan[i%len(plan)]()
				if args != nil {
					l.record(l.send(from, args))
				}
			}
		}()
	}
	return l
}

func (l *steadyLoad) epoch() string {
	out, err := l.n.TryCLI("query", "modeltoken", "epoch", "--node", l.n.RPC, "-o", "json")
	if err != nil {
		return "0"
	}
	var m map[string]any
	if json.Unmarshal([]byte(out), &m) != nil {
		return "0"
	}
	e, _ := dig(m, "epoch")["number"].(string)
	return e
}

func (l *steadyLoad) record(tx loadTx) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.txs = append(l.txs, tx)
}

// send broadcasts one tx and, if CheckTx takes it, waits until it is in a
// block (it stops waiting only when the load stops; finish then follows
// it). A tx the CLI refuses before broadcasting (its gas simulation failed)
// is recorded as refused with the CLI's reason.
func (l *steadyLoad) send(from string, args []string) loadTx {
	tx := loadTx{from: from, what: strings.Join(args[:2], " ")}
	out, err := l.n.TryCLI(append(append([]string{"tx"}, args...), l.n.txFlags(from)...)...)
	if err != nil {
		tx.log = strings.TrimSpace(out)
		// Wait for a new block before the next try, so refusals do not spin.
		h := l.n.Height()
		for l.n.Height() <= h && !l.stopped() {
			time.Sleep(200 * time.Millisecond)
		}
		return tx
	}
	var res map[string]any
	if json.Unmarshal([]byte(lastJSONLine(out)), &res) != nil {
		tx.log = out
		return tx
	}
	code, _ := res["code"].(float64)
	tx.code, tx.hash = uint32(code), fmt.Sprint(res["txhash"])
	tx.accepted = code == 0
	if !tx.accepted {
		tx.log = fmt.Sprint(res["raw_log"])
		return tx
	}
	l.follow(&tx, false)
	return tx
}

func (l *steadyLoad) stopped() bool {
	select {
	case <-l.stop:
		return true
	default:
		return false
	}
}

// follow polls the node's tx index until the tx is in a block; with
// untilFound it does not give up when the load stops.
func (l *steadyLoad) follow(tx *loadTx, untilFound bool) {
	for !tx.landed && (untilFound || !l.stopped()) {
		resp, err := http.Get(strings.Replace(l.n.RPC, "tcp://", "http://", 1) + "/tx?hash=0x" + tx.hash)
		if err == nil {
			var body struct {
				Result *struct {
					TxResult struct {
						Code uint32 `json:"code"`
						Log  string `json:"log"`
					} `json:"tx_result"`
				} `json:"result"`
			}
			if json.NewDecoder(resp.Body).Decode(&body) == nil && body.Result != nil {
				tx.landed, tx.code, tx.log = true, body.Result.TxResult.Code, body.Result.TxResult.Log
			}
			resp.Body.Close()
		}
		if !tx.landed {
			time.Sleep(300 * time.Millisecond)
		}
	}
}

// finish stops the load and follows every accepted tx still in flight
// until it is in a block; the overall test timeout bounds the wait.
func (l *steadyLoad) finish(t *testing.T) []loadTx {
	close(l.stop)
	l.wg.Wait()
	for i := range l.txs {
		if l.txs[i].accepted && !l.txs[i].landed {
			l.follow(&l.txs[i], true)
		}
	}
	return l.txs
}

// TestPartitionsAndFaults runs four validators, each in its own network
// namespace, under a steady load of usage, swaps, stakes and claims, and
// partitions and faults them: a 2|2 partition halts the chain without a
// fork and it resumes when healed; a 1|3 partition keeps going and the
// cut-off validator catches up; a paused (SIGSTOP) and a killed validator
// rejoin. Every tx CheckTx accepted ends in a block; every node has the same
// app hash at every height; x/modeltoken's invariants hold on every node's
// final state.
func TestPartitionsAndFaults(t *testing.T) {
	t.Parallel()
	isolated := newNetnsSet(t)
	nw := startNetworkOn(t, isolated, withFastLaunches)
	n := nw.Nodes[0] // node0's keyring holds validator (the attester and reporter), alice and bob
	alice, bob := n.Addr("alice"), n.Addr("bob")
	const denom = "mt/llama"
	n.Tx("alice", "modeltoken", "create-launch", "e2e", "LLAMA", "Llama 3 8B", "llama-3-8b")
	n.Tx("validator", "modeltoken", "buy", "1", "110000000000uflock", "1") // fills the raise: graduates at once
	require.Equal(t, "LAUNCH_STATUS_GRADUATED", dig(n.Query("modeltoken", "launch", "1"), "launch")["status"])
	n.Tx("bob", "modeltoken", "swap", denom, "2000000000uflock", "1") // bob holds MT to stake
	load := startLoad(t, n, denom, alice, bob)

	// 2|2: neither half has more than 2/3 of the power; both stall.
	isolated.cut([]int{0, 1}, []int{2, 3})
	stuckA := waitStuck(t, nw.Nodes[:2], "2|2, nodes 0-1")
	stuckB := waitStuck(t, nw.Nodes[2:], "2|2, nodes 2-3")
	for i, node := range nw.Nodes {
		require.Less(t, node.Height(), max(stuckA, stuckB), "node%d committed past the stalled height during the 2|2 partition", i)
	}
	t.Logf("2|2: consensus stalled at heights %d and %d", stuckA, stuckB)
	isolated.heal()
	for i, node := range nw.Nodes {
		node.waitHeight(t, max(stuckA, stuckB)+3, fmt.Sprintf("node%d after the 2|2 heal", i))
	}

	// 1|3: the three keep going; the one cut off stalls, then catches up.
	isolated.cut([]int{0, 1, 2}, []int{3})
	from := n.Height()
	n.waitHeight(t, from+5, "the majority during 1|3")
	stuck3 := waitStuck(t, nw.Nodes[3:], "1|3, node3")
	require.Less(t, nw.Nodes[3].Height(), n.Height(), "node3 fell behind while cut off")
	isolated.heal()
	nw.Nodes[3].waitHeight(t, n.Height(), "node3 after the 1|3 heal")
	t.Logf("1|3: node3 stalled at %d and caught up", stuck3)

	// A paused validator: the rest keep going; it resumes and catches up.
	paused := nw.PID(2)
	require.NoError(t, syscall.Kill(paused, syscall.SIGSTOP))
	from = n.Height()
	n.waitHeight(t, from+5, "the others while node2 is paused")
	require.NoError(t, syscall.Kill(paused, syscall.SIGCONT))
	nw.Nodes[2].waitHeight(t, n.Height(), "node2 after SIGCONT")

	// A killed validator: restarted from its home, it catches up.
	killed := nw.PID(1)
	require.NoError(t, syscall.Kill(killed, syscall.SIGKILL))
	from = n.Height()
	n.waitHeight(t, from+5, "the others while node1 is down")
	nw.Script("start-node", "1")
	nw.Nodes[1].waitHeight(t, n.Height(), "node1 after its restart")

	// Every accepted tx ended in a block; the load did real work.
	txs := load.finish(t)
	kinds := map[string]int{}
	accepted := 0
	for _, tx := range txs {
		if tx.accepted {
			accepted++
			require.True(t, tx.landed, "%s %s (%s) was accepted but never landed", tx.from, tx.what, tx.hash)
			if tx.code == 0 {
				kinds[tx.what]++
			}
		}
	}
	t.Logf("load: %d txs sent, %d accepted by CheckTx, all in blocks; succeeded by kind: %v", len(txs), accepted, kinds)
	for _, what := range []string{"modeltoken submit-usage", "modeltoken swap", "modeltoken stake"} {
		require.Positive(t, kinds[what], "no %s succeeded under the load", what)
	}

	// Same app hash everywhere, at every height.
	top := nw.minHeight()
	compared := nw.requireSameAppHashes(2, top)
	t.Logf("app hashes identical on all %d nodes at %d heights (2..%d)", networkSize, compared, top)

	// The invariants hold on each node's final state.
	nw.Script("stop")
	for i, node := range nw.Nodes {
		out := node.CLI("check-invariants")
		var rep struct {
			Height int64 `json:"height"`
			Broken bool  `json:"broken"`
		}
		require.NoError(t, json.Unmarshal([]byte(lastJSONLine(out)), &rep), out)
		require.False(t, rep.Broken, "node%d: %s", i, out)
		require.GreaterOrEqual(t, rep.Height, top, "node%d", i)
	}
}
