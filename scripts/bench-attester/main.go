// Command bench-attester measures the attester service on the issue's
// workload: 1,000,000 billing events of 100,000 users in a real PostgreSQL
// server (started here, initdb + pg_ctl), read and aggregated into
// canonical batches, then posted through a real single-validator node
// (testutil/bootstrap) until every row is on chain. It reports events/s
// read and aggregated, rows/s posted, and memory. Results:
// docs/benchmarks.md.
//
//	go run ./scripts/bench-attester [-events 1000000] [-users 100000]
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/prometheus/client_golang/prometheus"

	"cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/crypto/keyring"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/bech32"

	"github.com/flockchain/flockd/app"
	"github.com/flockchain/flockd/attester/batch"
	"github.com/flockchain/flockd/attester/chain"
	"github.com/flockchain/flockd/attester/journal"
	"github.com/flockchain/flockd/attester/pg"
	"github.com/flockchain/flockd/attester/service"
	"github.com/flockchain/flockd/testutil/bootstrap"
	"github.com/flockchain/flockd/testutil/pgtest"
	modeltokentypes "github.com/flockchain/flockd/x/modeltoken/types"
)

const chainID = "flock-bench-1"

func main() {
	nEvents := flag.Int("events", 1_000_000, "billing events")
	nUsers := flag.Int("users", 100_000, "distinct users")
	flag.Parse()
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "bench-attester")
	check(err)
	atExit(func() { os.RemoveAll(dir) })
	defer cleanup()

	fmt.Println("bench-attester: building flockd")
	bin := filepath.Join(dir, "flockd")
	run("go", "build", "-o", bin, "./cmd/flockd")

	fmt.Println("bench-attester: starting PostgreSQL")
	srv, err := pgtest.New()
	check(err)
	atExit(srv.Stop)
	billing, err := srv.Create(ctx, "billing")
	check(err)
	journalDSN, err := srv.Create(ctx, "journal")
	check(err)
	check(pg.Migrate(ctx, billing))

	fmt.Println("bench-attester: starting a node")
	o, err := bootstrap.LoadOverrides("scripts/localnet/overrides.json")
	check(err)
	ports := bootstrap.Ports{P2P: freePort(), RPC: freePort(), GRPC: freePort(), API: freePort()}
	home := filepath.Join(dir, "home")
	nodes, err := bootstrap.Init(bootstrap.Config{Bin: bin, ChainID: chainID, Homes: []string{home}, Ports: []bootstrap.Ports{ports},
		Overrides: o, Set: []string{
			"app_state.modeltoken.params.epoch_duration=150s",
			"app_state.modeltoken.params.attestation_grace=140s",
			`app_state.modeltoken.params.attester_min_bond="0"`,
			"app_state.modeltoken.params.dispute_window=60s",
			"app_state.modeltoken.params.attester_unbonding=400s",
			"app_state.modeltoken.params.raise_duration=60s",
		}})
	check(err)
	node := exec.Command(bin, "start", "--home", home)
	logf, err := os.Create(filepath.Join(dir, "node.log"))
	check(err)
	node.Stdout, node.Stderr = logf, logf
	check(node.Start())
	atExit(func() { _ = node.Process.Kill(); _ = node.Wait() })

	app.SetAddressPrefixes()
	enc := app.MakeEncodingConfig()
	modeltokentypes.RegisterInterfaces(enc.InterfaceRegistry)
	kr, err := keyring.New("flockd", keyring.BackendTest, home, nil, enc.Codec)
	check(err)
	client, err := chain.New(chain.Config{Endpoints: []string{nodes[0].GRPC}, ChainID: chainID, TxConfig: enc.TxConfig,
		Keyring: kr, KeyName: "attester", GasPrice: sdk.NewDecCoinFromDec("uflock", math.LegacyZeroDec())})
	check(err)
	waitFor("the node's first blocks", func() bool { h, err := client.Head(ctx); return err == nil && h.Height >= 2 })

	cli := func(args ...string) {
		all := append(args, "--home", home, "--node", nodes[0].RPC, "--chain-id", chainID, "--keyring-backend", "test",
			"--gas", "auto", "--gas-adjustment", "1.5", "-y", "-o", "json")
		run(bin, all...)
	}
	cli("tx", "modeltoken", "create-launch", "demo", "LLAMA", "Llama 3 8B", "llama-3-8b", "--from", "alice")
	waitBlocks(ctx, client, 2)
	cli("tx", "modeltoken", "buy", "1", "20000000000uflock", "0", "--from", "bob")
	waitFor("LLAMA graduated", func() bool { m, err := client.Models(ctx); return err == nil && m["mt/llama"] })

	// A fresh epoch: the events go in it.
	first, err := client.CurrentEpoch(ctx)
	check(err)
	waitFor("a new epoch", func() bool { e, err := client.CurrentEpoch(ctx); return err == nil && e.Number > first.Number })
	epoch, err := client.CurrentEpoch(ctx)
	check(err)

	fmt.Printf("bench-attester: writing %d events of %d users\n", *nEvents, *nUsers)
	users := make([]string, *nUsers)
	for i := range users {
		bz := make([]byte, 20)
		bz[0], bz[1], bz[2], bz[3] = 0xbe, byte(i>>16), byte(i>>8), byte(i)
		users[i], err = bech32.ConvertAndEncode("flock", bz)
		check(err)
	}
	conn, err := pgx.Connect(ctx, billing)
	check(err)
	var want uint64
	rows := make([][]any, *nEvents)
	for i := range rows {
		spend := int64(1_000 + i%997)
		want += uint64(spend)
		at := epoch.StartTime.Add(time.Duration(i%100_000) * time.Millisecond)
		rows[i] = []any{fmt.Sprintf("ev-%d", i), users[i%*nUsers], "mt/llama", spend, at}
	}
	copyStart := time.Now()
	_, err = conn.CopyFrom(ctx, pgx.Identifier{"billing_events"}, []string{"event_id", "user_address", "model", "spend_micro_usd", "occurred_at"},
		pgx.CopyFromRows(rows))
	check(err)
	rows = nil
	conn.Close(ctx)
	fmt.Printf("bench-attester: COPY took %s\n", time.Since(copyStart).Round(time.Millisecond))

	// Read and aggregate, as one tick does.
	src, err := pg.OpenSource(ctx, billing, "")
	check(err)
	p, err := client.Params(ctx)
	check(err)
	models, err := client.Models(ctx)
	check(err)
	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	peak := peakHeap()
	readStart := time.Now()
	events, err := src.Events(ctx, epoch.StartTime, epoch.StartTime.Add(p.EpochDuration))
	check(err)
	readTime := time.Since(readStart)
	aggStart := time.Now()
	plan := batch.Build(epoch.Number, events, batch.Rules{MaxRowsPerBatch: p.MaxRowsPerBatch, MaxModelEpochSpend: p.MaxModelEpochSpend,
		MaxAttesterShareBps: p.MaxAttesterShareBps, Model: func(d string) (bool, bool) { l, k := models[d]; return l, k },
		Canonical: batch.CanonicalAddress("flock")})
	aggTime := time.Since(aggStart)
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	heapPeak := peak()
	if len(events) != *nEvents || len(plan.Quarantine) != 0 {
		fail(fmt.Errorf("read %d events, %d quarantined", len(events), len(plan.Quarantine)))
	}
	rowCount := 0
	for _, b := range plan.Batches {
		rowCount += len(b.Rows)
	}
	events, plan = nil, batch.Plan{}

	// Post: the service in-process, ticking until every batch is included.
	jr, err := pg.OpenJournal(ctx, journalDSN)
	check(err)
	svc := service.New(client, src, jr, service.NewMetrics(prometheus.NewRegistry()), slog.New(slog.NewTextHandler(io.Discard, nil)),
		service.Options{ResendAfterBlocks: 20})
	waitFor("the epoch's end", func() bool { e, err := client.CurrentEpoch(ctx); return err == nil && e.Number > epoch.Number })
	postStart := time.Now()
	startHead, err := client.Head(ctx)
	check(err)
	for {
		if err := svc.Tick(ctx); err != nil {
			fmt.Println("bench-attester: tick:", err)
		}
		entries, err := jr.Entries(ctx, epoch.Number)
		check(err)
		done := len(entries) > 0
		for _, e := range entries {
			done = done && e.State == journal.Included
			if e.State.Final() && e.State != journal.Included {
				fail(fmt.Errorf("batch %s ended %s: %s", e.BatchID, e.State, e.Detail))
			}
		}
		if done {
			break
		}
		time.Sleep(200 * time.Millisecond)
	}
	postTime := time.Since(postStart)
	endHead, err := client.Head(ctx)
	check(err)
	total := modelUsage(bin, nodes[0].RPC, home, epoch.Number)
	if total != fmt.Sprint(want) {
		fail(fmt.Errorf("chain holds %s micro-USD, the events %d", total, want))
	}

	fmt.Printf(`
bench-attester: %d events, %d users, 1 model, epoch %d
  read (PostgreSQL, one window)   %8s   %10.0f events/s
  aggregate + canonical batches   %8s   %10.0f events/s
  read + aggregate                %8s   %10.0f events/s
  memory: heap peak %.0f MiB, allocated %.0f MiB during read + aggregate
  post %d rows in %d batches      %8s   %10.0f rows/s   (%d blocks, from the epoch's end to the last inclusion)
  chain total = events total      %s micro-USD
`, *nEvents, *nUsers, epoch.Number,
		readTime.Round(time.Millisecond), float64(*nEvents)/readTime.Seconds(),
		aggTime.Round(time.Millisecond), float64(*nEvents)/aggTime.Seconds(),
		(readTime + aggTime).Round(time.Millisecond), float64(*nEvents)/(readTime+aggTime).Seconds(),
		float64(heapPeak-before.HeapInuse)/(1<<20), float64(after.TotalAlloc-before.TotalAlloc)/(1<<20),
		rowCount, (rowCount+int(p.MaxRowsPerBatch)-1)/int(p.MaxRowsPerBatch), postTime.Round(time.Millisecond), float64(rowCount)/postTime.Seconds(),
		endHead.Height-startHead.Height, total)
}

// peakHeap samples HeapInuse every 10 ms until the returned func is called,
// which returns the peak.
func peakHeap() func() uint64 {
	stop := make(chan struct{})
	res := make(chan uint64)
	go func() {
		var peak uint64
		t := time.NewTicker(10 * time.Millisecond)
		defer t.Stop()
		for {
			var m runtime.MemStats
			runtime.ReadMemStats(&m)
			peak = max(peak, m.HeapInuse)
			select {
			case <-stop:
				res <- peak
				return
			case <-t.C:
			}
		}
	}()
	return func() uint64 { close(stop); return <-res }
}

func modelUsage(bin, rpc, home string, epoch uint64) string {
	out, err := exec.Command(bin, "query", "modeltoken", "model-usage", fmt.Sprint(epoch), "mt/llama", "--node", rpc, "--home", home, "-o", "json").Output()
	check(err)
	var res struct {
		Usage struct {
			TotalSpend string `json:"total_spend"`
		} `json:"usage"`
	}
	check(json.Unmarshal(out, &res))
	return res.Usage.TotalSpend
}

func waitBlocks(ctx context.Context, c *chain.Client, n int64) {
	h, err := c.Head(ctx)
	check(err)
	waitFor("blocks", func() bool { x, err := c.Head(ctx); return err == nil && x.Height >= h.Height+n })
}

// waitFor polls the chain's state; the bound only ends a hang.
func waitFor(what string, cond func() bool) {
	for range 3000 {
		if cond() {
			return
		}
		time.Sleep(200 * time.Millisecond)
	}
	fail(fmt.Errorf("timed out waiting for %s", what))
}

func run(name string, args ...string) {
	out, err := exec.Command(name, args...).CombinedOutput()
	if err != nil {
		fail(fmt.Errorf("%s %s: %w\n%s", name, strings.Join(args, " "), err, out))
	}
}

func freePort() int {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	check(err)
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

func check(err error) {
	if err != nil {
		fail(err)
	}
}

var cleanups []func()

// atExit registers f to run at the end, also on failure (last first).
func atExit(f func()) { cleanups = append(cleanups, f) }

func cleanup() {
	for i := len(cleanups) - 1; i >= 0; i-- {
		cleanups[i]()
	}
	cleanups = nil
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "bench-attester:", err)
	cleanup()
	os.Exit(1)
}
