package e2e

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	"github.com/flockchain/flockd/app"
	v4 "github.com/flockchain/flockd/app/upgrades/v4"
)

// TestInPlaceTestnet: a stopped node's state becomes a one-validator
// rehearsal chain with `flockd in-place-testnet`, the way an operator
// rehearses an upgrade on a copy of mainnet: a new chain id (a tx signed
// for the old one is refused), the node's own key as the only validator
// with power, the operator funded, the named upgrade run on the first
// block, and every model-token record as it was.
func TestInPlaceTestnet(t *testing.T) {
	t.Parallel()
	const rehearsal = "flock-rehearsal-1"
	n := StartNode(t, withFastLaunches)
	alice, bob := n.Addr("alice"), n.Addr("bob")
	n.Tx("alice", "modeltoken", "create-launch", "e2e", "LLAMA", "Llama 3 8B", "llama-3-8b")
	n.Tx("validator", "modeltoken", "buy", "1", "110000000000uflock", "1") // fills the raise: graduates at once
	n.Tx("validator", "modeltoken", "claim", "1")
	snapshot := func() map[string]string {
		snap := map[string]string{}
		for key, args := range map[string][]string{
			"balances/alice": {"bank", "balances", alice},
			"launch/1":       {"modeltoken", "launch", "1"},
			"pool":           {"modeltoken", "pool", "mt/llama"},
			"params":         {"modeltoken", "params"},
		} {
			snap[key] = n.QueryJSON(args...)
		}
		return snap
	}
	before := snapshot()
	bobBefore := uflockOf(t, n, bob)
	oldHeight := n.Height()
	n.Stop()

	// A copy of a node's home has signed up to its last height; the
	// rehearsal validator signs that height again with new data, so its
	// sign state starts over (an operator does the same on a copy).
	require.NoError(t, os.WriteFile(filepath.Join(n.Home, "data", "priv_validator_state.json"),
		[]byte(`{"height": "0", "round": 0, "step": 0}`), 0o600))
	n.startArgs = []string{"in-place-testnet", rehearsal, bob, "--skip-confirmation", "--home", n.Home,
		"--trigger-testnet-upgrade", v4.Name}
	n.Start(flockdBin)
	require.Eventually(t, func() bool { return n.Height() >= oldHeight+3 }, 60*time.Second, 300*time.Millisecond,
		"the rehearsal chain makes blocks past the old height")

	header := dig(n.Query("block", "--type=height", fmt.Sprint(n.Height())), "header")
	require.Equal(t, rehearsal, header["chain_id"])
	require.Equal(t, before, snapshot(), "the rehearsal keeps the module state and other balances")
	require.Equal(t, bobBefore.Add(app.TestnetFunds).String(), uflockOf(t, n, bob).String(), "the operator is funded")
	applied := n.Query("upgrade", "applied", v4.Name)
	require.NotEqual(t, "0", fmt.Sprint(applied["height"]), "the triggered upgrade ran")

	// Power: the operator's validator signs every block from now on.
	var vals struct {
		Validators []struct {
			Operator string `json:"operator_address"`
			Tokens   string `json:"tokens"`
		} `json:"validators"`
	}
	require.NoError(t, json.Unmarshal([]byte(n.QueryJSON("staking", "validators")), &vals))
	var found bool
	for _, v := range vals.Validators {
		if v.Tokens == "900000000000000" {
			found = true
		}
	}
	require.True(t, found, "the rehearsal validator holds the stake: %+v", vals)

	// A tx signed for the new chain id lands; one for the old id is refused.
	send := func(chain string) (map[string]any, error) {
		out, err := n.TryCLI("tx", "bank", "send", "alice", bob, "1000uflock", "--chain-id", chain, "--keyring-backend", "test",
			"--node", n.RPC, "--gas", "200000", "-y", "-o", "json")
		if err != nil {
			return nil, fmt.Errorf("%v: %s", err, out)
		}
		var res map[string]any
		return res, json.Unmarshal([]byte(lastJSONLine(out)), &res)
	}
	res, err := send(chainID)
	require.NoError(t, err)
	require.Equal(t, "sdk", res["codespace"])
	require.EqualValues(t, 4, res["code"], "signed for the old chain id: unauthorized")
	require.True(t, strings.Contains(fmt.Sprint(res["raw_log"]), "chain-id ("+rehearsal+")"), "%v", res["raw_log"])
	res, err = send(rehearsal)
	require.NoError(t, err)
	require.EqualValues(t, 0, res["code"], "%v", res["raw_log"])
}

// uflockOf is addr's FLOCK balance on n.
func uflockOf(t *testing.T, n *Node, addr string) math.Int {
	t.Helper()
	amount, ok := math.NewIntFromString(fmt.Sprint(dig(n.Query("bank", "balance", addr, "uflock"), "balance")["amount"]))
	require.True(t, ok)
	return amount
}
