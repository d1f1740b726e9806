package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"cosmossdk.io/log/v2"
	"cosmossdk.io/math"
	dbm "github.com/cosmos/cosmos-db"

	"github.com/cosmos/cosmos-sdk/client"
	clienttx "github.com/cosmos/cosmos-sdk/client/tx"
	"github.com/cosmos/cosmos-sdk/crypto/keyring"
	simtestutil "github.com/cosmos/cosmos-sdk/testutil/sims"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/tx/signing"
	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"

	"github.com/flockchain/flockd/app"
	"github.com/flockchain/flockd/x/modeltoken/types"
)

// result is one binary's measurement.
type result struct {
	name         string
	txs          int
	bytesPerTx   int
	ingestSecs   float64
	rowsPerSec   float64
	blocks       float64 // blocks CometBFT processed during the ingest
	blockMs      float64 // their mean processing time (FinalizeBlock + commit)
	blockMaxMs   float64 // upper bound of the slowest one (histogram bucket)
	sendSecs     float64
	sendTxPerSec float64
}

type node struct {
	rpc, rest, prom, pprof string
	home                   string
	env                    []string
	script                 string
}

func freePort() int {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	check(err)
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

func startNode(root, dir, bin string) (*node, error) {
	rpc, p2p, grpc, api, prom, pprof := freePort(), freePort(), freePort(), freePort(), freePort(), freePort()
	n := &node{
		rpc: fmt.Sprintf("http://127.0.0.1:%d", rpc), rest: fmt.Sprintf("http://127.0.0.1:%d", api),
		prom: fmt.Sprintf("http://127.0.0.1:%d/metrics", prom), pprof: fmt.Sprintf("http://127.0.0.1:%d", pprof),
		home: filepath.Join(dir, ".localnet", "home"), script: filepath.Join(root, "scripts", "localnet.sh"),
	}
	n.env = append(os.Environ(),
		"LOCALNET_DIR="+filepath.Join(dir, ".localnet"), "LOCALNET_BIN="+bin, "LOCALNET_DEMO=0", "LOCALNET_WEB=0",
		"LOCALNET_RPC_PORT="+strconv.Itoa(rpc), "LOCALNET_P2P_PORT="+strconv.Itoa(p2p),
		"LOCALNET_GRPC_PORT="+strconv.Itoa(grpc), "LOCALNET_API_PORT="+strconv.Itoa(api),
		"LOCALNET_PPROF="+fmt.Sprintf("127.0.0.1:%d", pprof),
		"LOCALNET_PROMETHEUS="+fmt.Sprintf("127.0.0.1:%d", prom),
		// One long epoch: the whole ingest goes into the epoch it starts in.
		"LOCALNET_EPOCH_SECONDS=3600")
	cmd := exec.Command(n.script, "--bg")
	cmd.Env = n.env
	out, err := cmd.CombinedOutput()
	if err != nil {
		return nil, fmt.Errorf("localnet: %v\n%s", err, out)
	}
	return n, nil
}

func (n *node) stop() {
	cmd := exec.Command(n.script, "stop")
	cmd.Env = n.env
	_ = cmd.Run()
}

func getJSON(url string, v any) error {
	resp, err := http.Get(url)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("GET %s: %d %s", url, resp.StatusCode, body)
	}
	return json.Unmarshal(body, v)
}

// signer signs transactions offline from the localnet's test keyring.
type signer struct {
	txCfg   client.TxConfig
	kr      keyring.Keyring
	chainID string
}

func newSigner(home string) (*signer, error) {
	tmp, err := os.MkdirTemp("", "flockd-bench-app")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	a := app.New(log.NewNopLogger(), dbm.NewMemDB(), false, simtestutil.NewAppOptionsWithFlagHome(tmp))
	kr, err := keyring.New("flockd", keyring.BackendTest, home, nil, a.AppCodec())
	if err != nil {
		return nil, err
	}
	return &signer{txCfg: a.TxConfig(), kr: kr, chainID: "flock-localnet-1"}, nil
}

func (s *signer) address(name string) (sdk.AccAddress, error) {
	rec, err := s.kr.Key(name)
	if err != nil {
		return nil, err
	}
	return rec.GetAddress()
}

// account returns an account's number and next sequence from REST.
func (n *node) account(addr sdk.AccAddress) (uint64, uint64, error) {
	var res struct {
		Account struct {
			AccountNumber string `json:"account_number"`
			Sequence      string `json:"sequence"`
		} `json:"account"`
	}
	if err := getJSON(n.rest+"/cosmos/auth/v1beta1/accounts/"+addr.String(), &res); err != nil {
		return 0, 0, err
	}
	num, _ := strconv.ParseUint(res.Account.AccountNumber, 10, 64)
	seq, _ := strconv.ParseUint(res.Account.Sequence, 10, 64)
	return num, seq, nil
}

func (s *signer) sign(from string, accNum, seq, gas uint64, msgs ...sdk.Msg) ([]byte, error) {
	f := clienttx.Factory{}.WithChainID(s.chainID).WithKeybase(s.kr).WithTxConfig(s.txCfg).
		WithAccountNumber(accNum).WithSequence(seq).WithGas(gas).WithSignMode(signing.SignMode_SIGN_MODE_DIRECT)
	b, err := f.BuildUnsignedTx(msgs...)
	if err != nil {
		return nil, err
	}
	if err := clienttx.Sign(context.Background(), f, from, b, true); err != nil {
		return nil, err
	}
	return s.txCfg.TxEncoder()(b.GetTx())
}

// broadcastAsync hands a tx to CometBFT without waiting for CheckTx.
func (n *node) broadcastAsync(tx []byte) error {
	body, _ := json.Marshal(map[string]any{"jsonrpc": "2.0", "id": 1, "method": "broadcast_tx_async",
		"params": map[string]string{"tx": base64.StdEncoding.EncodeToString(tx)}})
	resp, err := http.Post(n.rpc, "application/json", bytes.NewReader(body))
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(resp.Body)
	if bytes.Contains(out, []byte(`"error"`)) {
		return fmt.Errorf("broadcast: %s", out)
	}
	return nil
}

// benchUser is the i-th generated user: distinct, deterministic.
func benchUser(i int) sdk.AccAddress {
	h := sha256.Sum256([]byte("bench-user-" + strconv.Itoa(i)))
	return sdk.AccAddress(h[:20])
}

// histogram reads a Prometheus histogram's sum, count and bucket counts.
type histogram struct {
	sum, count float64
	buckets    map[float64]float64 // le -> cumulative count
}

func (n *node) scrape(name string) (histogram, error) {
	h := histogram{buckets: map[float64]float64{}}
	resp, err := http.Get(n.prom)
	if err != nil {
		return h, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return h, err
	}
	for _, line := range strings.Split(string(body), "\n") {
		if !strings.HasPrefix(line, name) {
			continue
		}
		fields := strings.Fields(line)
		v, err := strconv.ParseFloat(fields[len(fields)-1], 64)
		if err != nil {
			continue
		}
		switch {
		case strings.HasPrefix(line, name+"_sum"):
			h.sum = v
		case strings.HasPrefix(line, name+"_count"):
			h.count = v
		case strings.HasPrefix(line, name+"_bucket"):
			_, le, _ := strings.Cut(line, `le="`)
			le, _, _ = strings.Cut(le, `"`)
			if b, err := strconv.ParseFloat(le, 64); err == nil {
				h.buckets[b] = v
			}
		}
	}
	return h, nil
}

// slowest is the smallest bucket bound that holds every observation added
// between before and after.
func slowest(before, after histogram) float64 {
	added := after.count - before.count
	best := -1.0
	for le, c := range after.buckets {
		if c-before.buckets[le] >= added && (best < 0 || le < best) {
			best = le
		}
	}
	return best
}

const blockTimeMetric = "cometbft_state_block_processing_time"

func measure(root, dir, bin string, users, rowsPerTx, sends, rounds int, profile string) (result, error) {
	var r result
	n, err := startNode(root, dir, bin)
	if err != nil {
		return r, err
	}
	defer n.stop()
	s, err := newSigner(n.home)
	if err != nil {
		return r, err
	}
	attester, err := s.address("attester")
	if err != nil {
		return r, err
	}
	num, seq, err := n.account(attester)
	if err != nil {
		return r, err
	}
	var ep struct {
		Epoch struct {
			Number string `json:"number"`
		} `json:"epoch"`
	}
	if err := getJSON(n.rest+"/flock/modeltoken/v1/epoch", &ep); err != nil {
		return r, err
	}
	epoch, _ := strconv.ParseUint(ep.Epoch.Number, 10, 64)
	// rounds of fresh users on the same node; the median is reported
	// (block batching varies from run to run).
	var rates, blockMs, blocks []float64
	for round := 0; round < rounds; round++ {
		prof := ""
		if round == rounds-1 {
			prof = profile // the last round: the node holds the most state
		}
		rr, err := n.ingestRound(s, attester, num, &seq, epoch, round, users, rowsPerTx, prof)
		if err != nil {
			return r, err
		}
		rates, blockMs, blocks = append(rates, rr.rowsPerSec), append(blockMs, rr.blockMs), append(blocks, rr.blocks)
		r.txs, r.bytesPerTx, r.blockMaxMs = rr.txs, rr.bytesPerTx, max(r.blockMaxMs, rr.blockMaxMs)
		fmt.Fprintf(os.Stderr, "bench-e2e:   round %d: %.0f rows/s, %.0f blocks, mean block %.0f ms\n", round+1, rr.rowsPerSec, rr.blocks, rr.blockMs)
	}
	r.rowsPerSec, r.blockMs, r.blocks = median(rates), median(blockMs), median(blocks)
	r.ingestSecs = float64(users) / r.rowsPerSec

	// Bank-send baseline: alice pays bob 1 uflock, sends times.
	alice, err := s.address("alice")
	if err != nil {
		return r, err
	}
	bob, err := s.address("bob")
	if err != nil {
		return r, err
	}
	num, seq, err = n.account(alice)
	if err != nil {
		return r, err
	}
	var sendTxs [][]byte
	for i := 0; i < sends; i++ {
		msg := banktypes.NewMsgSend(alice, bob, sdk.NewCoins(sdk.NewCoin("uflock", math.OneInt())))
		tx, err := s.sign("alice", num, seq+uint64(i), 200_000, msg)
		if err != nil {
			return r, err
		}
		sendTxs = append(sendTxs, tx)
	}
	t0 := time.Now()
	for _, tx := range sendTxs {
		if err := n.broadcastAsync(tx); err != nil {
			return r, err
		}
	}
	for {
		time.Sleep(50 * time.Millisecond)
		_, got, err := n.account(alice)
		if err != nil {
			return r, err
		}
		if got >= seq+uint64(sends) {
			break
		}
		if since(t0) > 300 {
			return r, fmt.Errorf("bank sends stalled at sequence %d of %d", got, seq+uint64(sends))
		}
	}
	r.sendSecs = since(t0)
	r.sendTxPerSec = float64(sends) / r.sendSecs
	return r, nil
}

// ingestRound signs and broadcasts users rows of fresh users (offset by the
// round) and waits until every row is queryable.
func (n *node) ingestRound(s *signer, attester sdk.AccAddress, num uint64, seq *uint64, epoch uint64, round, users, rowsPerTx int, profile string) (result, error) {
	var r result
	usersBefore, err := n.modelUsers(epoch)
	if err != nil {
		return r, err
	}
	// Sign every batch first: signing is the attester's work, not the chain's.
	var txs [][]byte
	for start := round * users; start < (round+1)*users; start += rowsPerTx {
		end := min(start+rowsPerTx, (round+1)*users)
		rows := make([]types.UsageRow, 0, end-start)
		for i := start; i < end; i++ {
			rows = append(rows, types.UsageRow{User: benchUser(i).String(), Spend: 1000 + uint64(i%1000)})
		}
		msg := &types.MsgSubmitUsage{Attester: attester.String(), Epoch: epoch, Denom: "mt/llama",
			BatchId: fmt.Sprintf("bench-%d", start/rowsPerTx), Rows: rows}
		tx, err := s.sign("attester", num, *seq, 400_000_000, msg)
		if err != nil {
			return r, err
		}
		*seq++
		txs = append(txs, tx)
		r.bytesPerTx = max(r.bytesPerTx, len(tx))
	}
	r.txs = len(txs)

	before, err := n.scrape(blockTimeMetric)
	if err != nil {
		return r, err
	}
	profDone := make(chan error, 1)
	if profile != "" {
		go func() { profDone <- n.cpuProfile(profile, 20) }()
	}
	t0 := time.Now()
	for _, tx := range txs {
		if err := n.broadcastAsync(tx); err != nil {
			return r, err
		}
	}
	// Every row queryable: the model's user count for the epoch.
	last, lastChange := usersBefore, time.Now()
	for last < usersBefore+users {
		time.Sleep(50 * time.Millisecond)
		got, err := n.modelUsers(epoch)
		if err != nil {
			return r, err
		}
		if got != last {
			last, lastChange = got, time.Now()
		}
		if time.Since(lastChange) > 2*time.Minute {
			return r, fmt.Errorf("ingest stalled at %d of %d rows", last-usersBefore, users)
		}
	}
	r.ingestSecs = since(t0)
	r.rowsPerSec = float64(users) / r.ingestSecs
	after, err := n.scrape(blockTimeMetric)
	if err != nil {
		return r, err
	}
	r.blocks = after.count - before.count
	if r.blocks > 0 {
		r.blockMs = (after.sum - before.sum) / r.blocks
	}
	r.blockMaxMs = slowest(before, after)
	if profile != "" {
		if err := <-profDone; err != nil {
			return r, err
		}
	}
	return r, nil
}

func median(xs []float64) float64 {
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	return s[len(s)/2]
}

func (n *node) modelUsers(epoch uint64) (int, error) {
	var res struct {
		Usage struct {
			Users string `json:"users"`
		} `json:"usage"`
	}
	if err := getJSON(fmt.Sprintf("%s/flock/modeltoken/v1/usage/%d/model?denom=mt/llama", n.rest, epoch), &res); err != nil {
		return 0, err
	}
	u, _ := strconv.Atoi(res.Usage.Users)
	return u, nil
}

func (n *node) cpuProfile(path string, seconds int) error {
	resp, err := http.Get(fmt.Sprintf("%s/debug/pprof/profile?seconds=%d", n.pprof, seconds))
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = io.Copy(f, resp.Body)
	return err
}
