package e2e

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestIBCTransferWithRelayer runs two real flockd chains (the localnet a
// newcomer gets, twice, as flock-a and flock-b) and the Go relayer built
// from the Go module proxy (scripts/install-relayer.sh): it links them
// (clients, connection, transfer channel), relays, and moves the model token
// LLAMA from A to B and back with flockd's own CLI. Every wait is on chain
// state (balances), never a clock.
func TestIBCTransferWithRelayer(t *testing.T) {
	t.Parallel()
	// The relayer builds (minutes on 2 cores the first time, then cached in
	// .tools) while the chains start; only the test goroutine touches t.
	type built struct {
		path string
		err  error
	}
	rlyDone := make(chan built, 1)
	go func() {
		out, err := exec.Command("../../scripts/install-relayer.sh").Output()
		rlyDone <- built{strings.TrimSpace(string(out)), err}
	}()
	a := startLocalnet(t, "CHAIN_ID=flock-a")
	b := startLocalnet(t, "CHAIN_ID=flock-b")
	r := <-rlyDone
	require.NoError(t, r.err, "scripts/install-relayer.sh")
	rly := r.path
	ids := map[*localnet]string{a: "flock-a", b: "flock-b"}

	// The relayer signs with the localnet's "reporter" key (funded on both chains, unused here otherwise).
	home := t.TempDir()
	run := func(args ...string) string {
		cmd := exec.Command(rly, append(args, "--home", home)...)
		out, err := cmd.CombinedOutput()
		require.NoError(t, err, "rly %s:\n%s", strings.Join(args, " "), out)
		return string(out)
	}
	run("config", "init")
	mnemonic := devMnemonic(t, a, "reporter")
	for _, ln := range []*localnet{a, b} {
		cfg := map[string]any{"type": "cosmos", "value": map[string]any{
			"key": "relayer", "chain-id": ids[ln], "rpc-addr": fmt.Sprintf("http://127.0.0.1:%d", ln.rpcPort),
			"account-prefix": "flock", "keyring-backend": "test", "gas-adjustment": 1.5, "gas-prices": "0uflock",
			"timeout": "20s", "output-format": "json", "sign-mode": "direct", "coin-type": 118, "broadcast-mode": "batch",
		}}
		file := filepath.Join(home, ids[ln]+".json")
		b, err := json.Marshal(cfg)
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(file, b, 0o644))
		run("chains", "add", "--file", file, ids[ln])
		run("keys", "restore", ids[ln], "relayer", mnemonic)
	}
	run("paths", "new", ids[a], ids[b], "ab")
	run("tx", "link", "ab")
	relayer := exec.Command(rly, "start", "ab", "--home", home)
	logFile, err := os.Create(filepath.Join(home, "relayer.log"))
	require.NoError(t, err)
	relayer.Stdout, relayer.Stderr = logFile, logFile
	require.NoError(t, relayer.Start())
	t.Cleanup(func() {
		_ = relayer.Process.Kill()
		_, _ = relayer.Process.Wait()
		if t.Failed() {
			log, _ := os.ReadFile(logFile.Name())
			lines := strings.Split(string(log), "\n")
			t.Logf("relayer log (last lines):\n%s", strings.Join(lines[max(0, len(lines)-40):], "\n"))
		}
	})

	alice, bob := a.addr("alice"), b.addr("bob")
	aliceLlama := a.balance(alice, "mt/llama")
	// The localnet's buyback burns bought-back LLAMA at each epoch start, so
	// A's supply itself moves while the test runs; supply + burned does not.
	supplyA := a.mintedLeft("mt/llama")
	const amount = 1_000_000 // 1 LLAMA
	out, err := a.run(fmt.Sprintf("flockd tx ibc-transfer transfer transfer channel-0 %s %dmt/llama --from alice", bob, amount), nil)
	require.NoError(t, err, out)

	// B mints the voucher ibc/<hash of transfer/channel-0/mt/llama> to bob.
	var voucher string
	b.waitChain("bob holds the LLAMA voucher on flock-b", func() bool {
		voucher = b.ibcDenom(bob)
		return voucher != "" && b.balance(bob, voucher) == amount
	})
	require.Equal(t, aliceLlama-amount, a.balance(alice, "mt/llama"))
	require.Equal(t, supplyA, a.mintedLeft("mt/llama"), "A escrows, it does not burn")
	trace, err := b.queryJSON("ibc-transfer", "denom", strings.TrimPrefix(voucher, "ibc/"))
	require.NoError(t, err)
	require.Contains(t, fmt.Sprint(trace), "mt/llama", "B knows the voucher's base denom and path")
	// The same over REST, on the route docs/openapi.yml documents.
	require.Contains(t, httpGet(t, fmt.Sprintf("http://127.0.0.1:%d/ibc/apps/transfer/v1/denoms/%s", b.apiPort, strings.TrimPrefix(voucher, "ibc/"))), "mt/llama")
	md := httpGet(t, fmt.Sprintf("http://127.0.0.1:%d/cosmos/bank/v1beta1/denoms_metadata/%s", b.apiPort, voucher))
	require.Contains(t, md, `"display":"transfer/channel-0/mt/llama"`, "B's bank metadata shows the trace")

	// B does not treat the voucher as a model token.
	_, err = b.run(fmt.Sprintf("flockd tx modeltoken stake %d%s --from bob", amount, voucher), fmt.Errorf("unknown model token"))
	require.NoError(t, err)

	// And back: B burns the voucher, A releases the escrow to alice.
	out, err = b.run(fmt.Sprintf("flockd tx ibc-transfer transfer transfer channel-0 %s %d%s --from bob", alice, amount, voucher), nil)
	require.NoError(t, err, out)
	a.waitChain("alice has her LLAMA back on flock-a", func() bool { return a.balance(alice, "mt/llama") == aliceLlama })
	b.waitChain("the voucher is gone from flock-b", func() bool { return b.supply(voucher) == 0 })
	require.Equal(t, supplyA, a.mintedLeft("mt/llama"))
}

func (ln *localnet) addr(key string) string {
	out, err := ln.shell("flockd keys show " + key + " -a")
	require.NoError(ln.t, err, out)
	return strings.TrimSpace(out)
}

func (ln *localnet) balance(addr, denom string) int64 {
	m, err := ln.queryJSON("bank", "balance", addr, denom)
	require.NoError(ln.t, err)
	n, _ := strconv.ParseInt(fmt.Sprint(dig(m, "balance")["amount"]), 10, 64)
	return n
}

func (ln *localnet) supply(denom string) int64 {
	m, err := ln.queryJSON("bank", "total-supply-of", denom)
	require.NoError(ln.t, err)
	n, _ := strconv.ParseInt(fmt.Sprint(dig(m, "amount")["amount"]), 10, 64)
	return n
}

// mintedLeft is a model token's supply plus what the revenue buyback has
// burned, read in one query (one height): it moves only if something other
// than the buyback burns or mints the token.
func (ln *localnet) mintedLeft(denom string) int64 {
	m, err := ln.queryJSON("modeltoken", "revenue", denom)
	require.NoError(ln.t, err)
	supply, err := strconv.ParseInt(fmt.Sprint(m["supply"]), 10, 64)
	require.NoError(ln.t, err, "supply in %v", m)
	burned, err := strconv.ParseInt(fmt.Sprint(dig(m, "totals")["mt_burned"]), 10, 64)
	require.NoError(ln.t, err, "totals.mt_burned in %v", m)
	return supply + burned
}

// ibcDenom is the first ibc/ denom addr holds ("" if none).
func (ln *localnet) ibcDenom(addr string) string {
	m, err := ln.queryJSON("bank", "balances", addr)
	if err != nil {
		return ""
	}
	bals, _ := m["balances"].([]any)
	for _, c := range bals {
		if d := fmt.Sprint(c.(map[string]any)["denom"]); strings.HasPrefix(d, "ibc/") {
			return d
		}
	}
	return ""
}

// devMnemonic is a localnet key's public DEV-ONLY mnemonic.
func devMnemonic(t *testing.T, ln *localnet, name string) string {
	b, err := os.ReadFile(filepath.Join(ln.dir, ".localnet", "dev-wallet.json"))
	require.NoError(t, err)
	var accs []struct{ Name, Mnemonic string }
	require.NoError(t, json.Unmarshal(b, &accs))
	for _, acc := range accs {
		if acc.Name == name {
			return acc.Mnemonic
		}
	}
	t.Fatalf("no dev mnemonic for %s", name)
	return ""
}
