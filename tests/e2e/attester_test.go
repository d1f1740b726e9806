package e2e

import (
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// TestAttesterBondsAndSlashing: on a real node with two attesters, an
// unbonded attester is inactive; both bond; one equivocates (a second,
// different content for its batch) and is slashed and jailed at once; a
// guardian voids the other's batch inside the dispute window and it is
// slashed too. Everything is observed over REST.
func TestAttesterBondsAndSlashing(t *testing.T) {
	t.Parallel() // each test runs its own node(s) on its own ports; most of a test is waiting for blocks
	n := StartNode(t, withFastLaunches, func(n *Node, g map[string]any) {
		p := dig(g, "app_state", "modeltoken", "params")
		p["attesters"] = []any{n.Addr("validator"), n.Addr("bob")}
		p["attester_min_bond"] = "1000000000" // 1,000 FLOCK
		p["guardians"] = []any{n.Addr("alice")}
		p["dispute_window"] = "60s" // room for the guardian's tx on a loaded machine
	})
	alice, bob, val := n.Addr("alice"), n.Addr("bob"), n.Addr("validator")
	n.Tx("alice", "modeltoken", "create-launch", "e2e", "LLAMA", "Llama 3 8B", "llama-3-8b")
	n.Tx("validator", "modeltoken", "buy", "1", "110000000000uflock", "1") // fills the raise: graduates at once
	require.Equal(t, "LAUNCH_STATUS_GRADUATED", dig(n.Query("modeltoken", "launch", "1"), "launch")["status"])

	status := func(addr string) map[string]any {
		code, body := n.GetREST("/flock/modeltoken/v1/attesters/" + addr)
		require.Equal(t, http.StatusOK, code, body)
		return body
	}
	require.NotEqual(t, true, status(val)["active"], "listed but not bonded: inactive")
	_, err := n.TryTx("validator", "modeltoken", "submit-usage", usageBatchFile(t, n.EpochNumber(), "early", alice, bob))
	require.ErrorContains(t, err, "not active")

	n.Tx("validator", "modeltoken", "bond-attester", "1000000000uflock")
	n.Tx("bob", "modeltoken", "bond-attester", "1000000000uflock")
	require.Equal(t, true, status(val)["active"])
	require.Equal(t, true, status(bob)["active"])
	cli := n.Query("modeltoken", "attester", bob)
	require.Equal(t, "1000000000", dig(cli, "bond")["bonded"])

	// Equivocation: the validator posts a batch, then other rows under the
	// same batch id. The second tx succeeds and slashes it at once.
	epoch, _ := n.PostUsage(t, "e2e-bonded", alice, bob)
	other := fmt.Sprintf(`{"epoch": "%s", "denom": "mt/llama", "batch_id": "e2e-bonded",
		"rows": [{"user": "%s", "spend": "99000000"}]}`, epoch, alice)
	otherPath := filepath.Join(t.TempDir(), "other.json")
	require.NoError(t, os.WriteFile(otherPath, []byte(other), 0o644))
	n.Tx("validator", "modeltoken", "submit-usage", otherPath)
	st := status(val)
	require.Equal(t, true, dig(st, "bond")["jailed"])
	require.Equal(t, "500000000", dig(st, "bond")["slashed"], "equivocation_slash_bps 50% of 1,000 FLOCK")
	require.NotEqual(t, true, st["active"])

	// A guardian voids bob's batch after its epoch has ended (a running
	// epoch cannot be voided) and inside its dispute window. If the epoch
	// settled before the void landed (a very loaded machine), bob posts in
	// a later epoch and the guardian tries again: the test waits on the
	// chain's epochs, never on a clock.
	code, disputes := n.GetREST("/flock/modeltoken/v1/disputes")
	require.Equal(t, http.StatusOK, code, disputes)
	voided := false
	for attempt := 0; attempt < 3 && !voided; attempt++ {
		e := n.EpochNumber()
		id := fmt.Sprintf("bob-%d", attempt)
		path := usageBatchFile(t, e, id, alice, bob)
		if _, err := n.TryTx("bob", "modeltoken", "submit-usage", path); err != nil {
			require.ErrorContains(t, err, "sealed")
			continue
		}
		if attempt == 0 {
			res, err := n.TryTx("alice", "modeltoken", "void-batch", path, "--reason", "e2e: too early")
			if err == nil {
				// On a loaded machine the 20 s epoch can end before the
				// void lands; then the chain at the void's height must be
				// past epoch e, or a running epoch was voided.
				h := fmt.Sprint(res["height"])
				at := dig(n.Query("modeltoken", "epoch", "--height", h), "epoch")["number"]
				require.NotEqual(t, e, at, "a running epoch cannot be voided (the void landed at height %s)", h)
				voided = true
				break
			}
			require.ErrorContains(t, err, "epoch is still running", "a running epoch cannot be voided")
		}
		n.NextEpoch()
		_, err := n.TryTx("alice", "modeltoken", "void-batch", path, "--reason", "e2e: fake spend")
		if err != nil {
			require.ErrorContains(t, err, "epoch usage is sealed")
			continue
		}
		voided = true
	}
	require.True(t, voided, "the guardian never voided a batch inside its dispute window")
	require.Equal(t, true, dig(status(bob), "bond")["jailed"])
	require.Equal(t, "200000000", dig(status(bob), "bond")["slashed"], "void_slash_bps 20% of 1,000 FLOCK")

	code, ev := n.GetREST("/flock/modeltoken/v1/evidence")
	require.Equal(t, http.StatusOK, code, ev)
	evidence := ev["evidence"].([]any)
	require.Len(t, evidence, 2)
	require.Equal(t, "equivocation", evidence[0].(map[string]any)["kind"])
	require.Equal(t, "void", evidence[1].(map[string]any)["kind"])
	require.Len(t, n.Query("modeltoken", "evidence", "--attester", bob)["evidence"], 1)

	// Governance reinstates bob through the CLI's proposal command.
	res := n.Tx("validator", "modeltoken", "reinstate-attester-proposal", bob,
		"--title", "reinstate bob", "--summary", "e2e: keys rotated", "--deposit", "10000000uflock")
	id := proposalID(t, res)
	n.Tx("validator", "gov", "vote", id, "yes")
	require.Eventually(t, func() bool {
		st, _ := dig(n.Query("gov", "proposal", id), "proposal")["status"].(string)
		return st == "PROPOSAL_STATUS_PASSED"
	}, 90*time.Second, 500*time.Millisecond, "the reinstate proposal never passed")
	require.NotEqual(t, true, dig(status(bob), "bond")["jailed"], "reinstated")
	require.NotEqual(t, true, status(bob)["active"], "80% of 1,000 FLOCK is below attester_min_bond until bob bonds again")
}
