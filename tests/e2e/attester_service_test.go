package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"
	"github.com/stretchr/testify/require"

	"github.com/cosmos/cosmos-sdk/types/bech32"

	"github.com/flockchain/flockd/attester/pg"
	"github.com/flockchain/flockd/testutil/pgtest"
)

// attesterBin is the attester service, built once by TestMain.
var attesterBin string

// attesterProc is one flock-attester process and its configuration.
type attesterProc struct {
	t       *testing.T
	config  string
	log     string
	cmd     *exec.Cmd
	metrics string
}

// newAttester writes a configuration for key on n, reading billing events
// and journaling in PostgreSQL database dsn.
func newAttester(t *testing.T, n *Node, key, dsn string) *attesterProc {
	t.Helper()
	dir := t.TempDir()
	port, dead := freePort(t), freePort(t)
	// The first endpoint has no node: every call fails over to the second.
	cfg := fmt.Sprintf(`chain_id = %q
grpc = ["127.0.0.1:%d", %q]
key = %q
keyring_backend = "test"
keyring_dir = %q
poll_interval = "300ms"
resend_after_blocks = 6
listen = "127.0.0.1:%d"
[source]
kind = "postgres"
dsn = %q
[journal]
kind = "postgres"
dsn = %q
`, chainID, dead, n.GRPC, key, n.Home, port, dsn, dsn)
	path := filepath.Join(dir, "flock-attester.toml")
	require.NoError(t, os.WriteFile(path, []byte(cfg), 0o600))
	a := &attesterProc{t: t, config: path, log: filepath.Join(dir, "attester.log"), metrics: fmt.Sprintf("http://127.0.0.1:%d/metrics", port)}
	out, err := exec.Command(attesterBin, "init-db", "--config", path).CombinedOutput()
	require.NoError(t, err, string(out))
	t.Cleanup(func() {
		a.kill()
		if t.Failed() {
			if b, err := os.ReadFile(a.log); err == nil {
				t.Logf("%s log:\n%s", key, tail(string(b), 30))
			}
		}
	})
	return a
}

func (a *attesterProc) start() {
	a.t.Helper()
	f, err := os.OpenFile(a.log, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	require.NoError(a.t, err)
	a.cmd = exec.Command(attesterBin, "run", "--config", a.config)
	a.cmd.Stdout, a.cmd.Stderr = f, f
	require.NoError(a.t, a.cmd.Start())
	go func(c *exec.Cmd, f *os.File) { _ = c.Wait(); f.Close() }(a.cmd, f)
}

// scrape reads the service's /metrics: value by name{labels}.
func (a *attesterProc) scrape() map[string]float64 {
	a.t.Helper()
	resp, err := http.Get(a.metrics)
	require.NoError(a.t, err)
	defer resp.Body.Close()
	p := expfmt.NewTextParser(model.UTF8Validation)
	families, err := p.TextToMetricFamilies(resp.Body)
	require.NoError(a.t, err)
	out := map[string]float64{}
	for name, f := range families {
		for _, m := range f.GetMetric() {
			key := name
			for _, l := range m.GetLabel() {
				key += fmt.Sprintf("{%s=%q}", l.GetName(), l.GetValue())
			}
			switch {
			case m.GetCounter() != nil:
				out[key] = m.GetCounter().GetValue()
			case m.GetGauge() != nil:
				out[key] = m.GetGauge().GetValue()
			}
		}
	}
	return out
}

// kill ends the process with SIGKILL: no chance to clean up.
func (a *attesterProc) kill() {
	if a.cmd != nil && a.cmd.Process != nil {
		_ = a.cmd.Process.Signal(syscall.SIGKILL)
		a.cmd = nil
	}
}

func tail(s string, n int) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return strings.Join(lines[max(0, len(lines)-n):], "\n")
}

// billingEvent is one row of billing_events.
type billingEvent struct {
	id, user, model string
	spend           int64
	at              time.Time
}

func insertEvents(t *testing.T, dsn string, events []billingEvent) {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, dsn)
	require.NoError(t, err)
	defer conn.Close(ctx)
	require.NoError(t, pg.Migrate(ctx, dsn))
	rows := make([][]any, len(events))
	for i, e := range events {
		rows[i] = []any{e.id, e.user, e.model, e.spend, e.at}
	}
	_, err = conn.CopyFrom(ctx, pgx.Identifier{"billing_events"},
		[]string{"event_id", "user_address", "model", "spend_micro_usd", "occurred_at"}, pgx.CopyFromRows(rows))
	require.NoError(t, err)
}

// users are n fresh account addresses (no keys: they only use models).
func users(t *testing.T, n int, salt byte) []string {
	t.Helper()
	out := make([]string, n)
	for i := range out {
		bz := make([]byte, 20)
		bz[0], bz[1], bz[19] = salt, byte(i>>8), byte(i)
		a, err := bech32.ConvertAndEncode("flock", bz)
		require.NoError(t, err)
		out[i] = a
	}
	return out
}

// epochBounds reads an epoch's start and end from the chain.
func (n *Node) epochBounds(epoch string) (start, end time.Time, ended bool) {
	n.t.Helper()
	b := n.Query("modeltoken", "epoch-bounds", epoch)
	start, err := time.Parse(time.RFC3339Nano, b["start_time"].(string))
	require.NoError(n.t, err)
	if b["ended"] == true {
		end, err = time.Parse(time.RFC3339Nano, b["end_time"].(string))
		require.NoError(n.t, err)
	}
	return start, end, b["ended"] == true
}

func (n *Node) userUsage(epoch, denom, user string) uint64 {
	n.t.Helper()
	v, _ := strconv.ParseUint(fmt.Sprint(n.Query("modeltoken", "usage", epoch, denom, user)["spend"]), 10, 64)
	return v
}

// launchModels graduates LLAMA (launch 1) and MISTRAL (launch 2).
func launchModels(t *testing.T, n *Node) {
	t.Helper()
	n.Tx("alice", "modeltoken", "create-launch", "e2e", "LLAMA", "Llama 3 8B", "llama-3-8b")
	n.Tx("validator", "modeltoken", "buy", "1", "110000000000uflock", "1")
	n.Tx("alice", "modeltoken", "create-launch", "e2e", "MISTRAL", "Mistral 7B", "mistral-7b")
	n.Tx("validator", "modeltoken", "buy", "2", "110000000000uflock", "1")
}

func noEvidence(t *testing.T, n *Node) {
	t.Helper()
	var ev struct {
		Evidence []json.RawMessage `json:"evidence"`
	}
	require.NoError(t, json.Unmarshal([]byte(n.QueryJSON("modeltoken", "evidence")), &ev))
	require.Empty(t, ev.Evidence, "nobody equivocated or was slashed")
}

// journalStates reads a service's journal: state by "denom batch_id".
func journalStates(t *testing.T, dsn string, epoch string) map[string]string {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, dsn)
	require.NoError(t, err)
	defer conn.Close(ctx)
	rows, err := conn.Query(ctx, `SELECT denom, batch_id, state FROM attester_batches WHERE epoch = $1`, epoch)
	require.NoError(t, err)
	out := map[string]string{}
	for rows.Next() {
		var d, id, st string
		require.NoError(t, rows.Scan(&d, &id, &st))
		out[d+" "+id] = st
	}
	require.NoError(t, rows.Err())
	return out
}

// TestAttesterServicesReachQuorum: two attester services with their own
// PostgreSQL databases, fed the same billing events, bring one model's
// usage to a quorum of 2, so the chain holds exactly the events' totals;
// the second service saw one more event for the other model and refuses
// to confirm that model's batch (reported in its journal), so it never
// applies, and nobody is slashed. Bad events in both databases (negative
// spend, malformed or upper-case address, unknown model, a row over the
// attester's share of the cap) are quarantined by both with their reasons,
// and the rest of the batch goes on.
func TestAttesterServicesReachQuorum(t *testing.T) {
	t.Parallel()
	srv := pgtest.Start(t)
	n := StartNode(t, withFastLaunches, func(n *Node, g map[string]any) {
		p := dig(g, "app_state", "modeltoken", "params")
		p["attesters"] = []any{n.Addr("validator"), n.Addr("bob")}
		p["attestation_quorum"] = 2
		p["epoch_duration"] = "40s"
		p["attestation_grace"] = "30s"
	})
	launchModels(t, n)
	epoch := n.NextEpoch() // a whole epoch ahead: the events go in it
	start, _, _ := n.epochBounds(epoch)

	us := users(t, 6, 1)
	var events []billingEvent
	want := map[string]uint64{}
	for i, u := range us {
		spend := int64(1_000_000 + 100_000*i)
		events = append(events, billingEvent{fmt.Sprintf("gw-%d", i), u, "mt/llama", spend, start.Add(time.Duration(i) * time.Second)})
		events = append(events, billingEvent{fmt.Sprintf("gw-m%d", i), u, "mt/mistral", 500_000, start.Add(time.Second)})
		want[u] = uint64(spend)
	}
	// Bad source data, the same in both databases: each event goes to the
	// quarantine with its reason, and the rest of the batch is posted.
	bad := map[string]billingEvent{
		"non_positive_spend":    {"gw-refund", us[0], "mt/llama", -5, start.Add(2 * time.Second)},
		"malformed_address":     {"gw-typo", "flock1notanaddress", "mt/llama", 10, start.Add(2 * time.Second)},
		"non_canonical_address": {"gw-upper", strings.ToUpper(us[2]), "mt/llama", 10, start.Add(2 * time.Second)},
		"unknown_model":         {"gw-nomodel", us[3], "mt/nosuch", 10, start.Add(2 * time.Second)},
		"over_cap":              {"gw-huge", users(t, 1, 9)[0], "mt/llama", 6_000_000_000_000, start.Add(2 * time.Second)}, // over 50% of the model's cap
	}
	for _, e := range bad {
		events = append(events, e)
	}
	dsnA, dsnB := srv.CreateDB(t, "gateway_a"), srv.CreateDB(t, "gateway_b")
	insertEvents(t, dsnA, events)
	insertEvents(t, dsnB, append(slices.Clone(events), billingEvent{"gw-extra", us[1], "mt/mistral", 777, start.Add(3 * time.Second)}))

	a, b := newAttester(t, n, "validator", dsnA), newAttester(t, n, "bob", dsnB)
	a.start()
	// Once the first service's batches are on chain, the second starts
	// and finds them: it confirms the one it agrees with.
	require.Eventually(t, func() bool {
		var res struct {
			Batches []json.RawMessage `json:"batches"`
		}
		return json.Unmarshal([]byte(n.QueryJSON("modeltoken", "usage-batches", epoch)), &res) == nil && len(res.Batches) == 2
	}, 120*time.Second, 500*time.Millisecond, "the first service posts both models' batches after the epoch ends")
	b.start()
	require.Eventually(t, func() bool { return n.userUsage(epoch, "mt/llama", us[0]) > 0 }, 60*time.Second, 500*time.Millisecond,
		"the second service confirms: quorum 2 applies the rows")
	for u, spend := range want {
		require.Equal(t, spend, n.userUsage(epoch, "mt/llama", u), "on chain: exactly the events' total for %s", u)
	}
	require.Eventually(t, func() bool { return journalStates(t, dsnB, epoch)["mt/mistral v1-e"+epoch+"-p0"] == "disagreed" },
		60*time.Second, 500*time.Millisecond, "the second service reports the other content and does not confirm")
	require.Equal(t, "included", journalStates(t, dsnB, epoch)["mt/llama v1-e"+epoch+"-p0"])
	require.Zero(t, n.userUsage(epoch, "mt/mistral", us[0]), "one attester is not a quorum")
	noEvidence(t, n)
	// The first service's /metrics, parsed as Prometheus text.
	m := a.scrape()
	require.Equal(t, 1.0, m["attester_active"])
	require.GreaterOrEqual(t, m["attester_rows_posted_total"], 6.0, "the llama rows it got into a block")
	require.GreaterOrEqual(t, m[`attester_quarantined_events_total{reason="over_cap"}`], 1.0)
	for _, dsn := range []string{dsnA, dsnB} {
		ctx := context.Background()
		conn, err := pgx.Connect(ctx, dsn)
		require.NoError(t, err)
		for reason, e := range bad {
			var got string
			require.NoError(t, conn.QueryRow(ctx, `SELECT reason FROM attester_quarantine WHERE event_id = $1`, e.id).Scan(&got), e.id)
			require.Equal(t, reason, got, e.id)
		}
		conn.Close(ctx)
	}
}

// TestAttesterServiceSurvivesKills: a service posting many small batches
// is killed with SIGKILL at 20+ random moments and restarted each time
// from its journal; in the end the chain holds exactly the events' totals
// for every user and no equivocation evidence.
func TestAttesterServiceSurvivesKills(t *testing.T) {
	t.Parallel()
	srv := pgtest.Start(t)
	n := StartNode(t, withFastLaunches, func(n *Node, g map[string]any) {
		p := dig(g, "app_state", "modeltoken", "params")
		p["max_rows_per_batch"] = 3
		p["epoch_duration"] = "60s"
		p["attestation_grace"] = "55s"
	})
	launchModels(t, n)
	epoch := n.NextEpoch()
	start, _, _ := n.epochBounds(epoch)
	us := users(t, 60, 2) // 20 batches of 3 rows per model
	var events []billingEvent
	want := map[string]uint64{}
	for i, u := range us {
		for j, model := range []string{"mt/llama", "mt/mistral"} {
			spend := int64(10_000 + 1_000*i + j)
			events = append(events, billingEvent{fmt.Sprintf("e-%d-%d", i, j), u, model, spend, start.Add(time.Duration(i%50) * time.Second)})
			want[model+" "+u] = uint64(spend)
		}
	}
	dsn := srv.CreateDB(t, "gateway")
	insertEvents(t, dsn, events)
	a := newAttester(t, n, "validator", dsn)
	require.Eventually(t, func() bool { _, _, ended := n.epochBounds(epoch); return ended }, 90*time.Second, 500*time.Millisecond)

	r := rand.New(rand.NewPCG(7, uint64(time.Now().UnixNano())))
	for i := range 22 {
		a.start()
		time.Sleep(time.Duration(r.IntN(1200)) * time.Millisecond) // a random point of its work, not a deadline
		a.kill()
		t.Logf("kill %d", i+1)
	}
	a.start()
	require.Eventually(t, func() bool {
		st := journalStates(t, dsn, epoch)
		if len(st) != 40 {
			return false
		}
		for _, s := range st {
			if s != "included" {
				return false
			}
		}
		return true
	}, 120*time.Second, time.Second, "every batch ends included")
	for k, spend := range want {
		var model, u string
		_, err := fmt.Sscan(k, &model, &u)
		require.NoError(t, err)
		require.Equal(t, spend, n.userUsage(epoch, model, u), "%s counted exactly once", k)
	}
	noEvidence(t, n)
}
