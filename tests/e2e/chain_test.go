package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"

	banktypes "github.com/cosmos/cosmos-sdk/x/bank/types"

	modeltokentypes "github.com/flockchain/flockd/x/modeltoken/types"
)

// TestChainBasics: blocks, a CLI bank transfer seen over REST and gRPC, and
// a governance proposal that changes x/modeltoken params.
func TestChainBasics(t *testing.T) {
	t.Parallel() // each test runs its own node(s) on its own ports; most of a test is waiting for blocks
	n := StartNode(t)

	t.Run("version prints the commit", func(t *testing.T) {
		out := n.CLI("version", "--long")
		require.Contains(t, out, "commit:")
		require.NotContains(t, out, "commit: \n")
	})

	alice, bob := n.Addr("alice"), n.Addr("bob")

	t.Run("bank transfer via CLI, checked over REST and gRPC", func(t *testing.T) {
		before := restBalance(t, n, bob)
		n.Tx("alice", "bank", "send", alice, bob, "1234567"+denom)
		require.Equal(t, before+1234567, restBalance(t, n, bob))

		conn, err := grpc.NewClient(n.GRPC, grpc.WithTransportCredentials(insecure.NewCredentials()))
		require.NoError(t, err)
		defer conn.Close()
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		res, err := banktypes.NewQueryClient(conn).Balance(ctx, &banktypes.QueryBalanceRequest{Address: bob, Denom: denom})
		require.NoError(t, err)
		require.Equal(t, before+1234567, res.Balance.Amount.Int64())

		mt, err := modeltokentypes.NewQueryClient(conn).Params(ctx, &modeltokentypes.QueryParamsRequest{})
		require.NoError(t, err)
		require.Equal(t, modeltokentypes.DefaultLaunchFee, mt.Params.LaunchFee)
	})

	t.Run("FLOCK denom metadata is in genesis", func(t *testing.T) {
		code, body := n.GetREST("/cosmos/bank/v1beta1/denoms_metadata/" + denom)
		require.Equal(t, http.StatusOK, code, body)
		require.Equal(t, "FLOCK", dig(body, "metadata")["display"])
	})

	t.Run("gov proposal updates x/modeltoken params", func(t *testing.T) {
		code, body := n.GetREST("/flock/modeltoken/v1/params")
		require.Equal(t, http.StatusOK, code)
		params := dig(body, "params")
		require.EqualValues(t, 150, params["platform_fee_bps"])

		gov := n.Query("auth", "module-account", "gov")
		govAddr := dig(gov, "account", "value")["address"].(string)

		params["platform_fee_bps"] = 175
		params["launch_fee"] = "1000000"
		passProposal(t, n, "Lower the launch fee", map[string]any{
			"@type":     "/flock.modeltoken.v1.MsgUpdateParams",
			"authority": govAddr,
			"params":    params,
		})

		code, body = n.GetREST("/flock/modeltoken/v1/params")
		require.Equal(t, http.StatusOK, code)
		require.EqualValues(t, 175, dig(body, "params")["platform_fee_bps"])
		require.Equal(t, "1000000", dig(body, "params")["launch_fee"])

		cli := n.Query("modeltoken", "params")
		require.Equal(t, "1000000", dig(cli, "params")["launch_fee"])
	})

	t.Run("gov-only MsgUpdateParams has no direct CLI command", func(t *testing.T) {
		// autocli skips the gov-only message, so it is not offered as a command.
		out, err := n.TryCLI("tx", "modeltoken", "update-params", "--help")
		require.True(t, err != nil || !strings.Contains(out, "update-params ["), out)
	})
}

func restBalance(t *testing.T, n *Node, addr string) int64 {
	t.Helper()
	code, body := n.GetREST(fmt.Sprintf("/cosmos/bank/v1beta1/balances/%s/by_denom?denom=%s", addr, denom))
	require.Equal(t, http.StatusOK, code, body)
	var v int64
	_, err := fmt.Sscan(dig(body, "balance")["amount"].(string), &v)
	require.NoError(t, err)
	return v
}

// proposalID finds the proposal_id attribute in a submit-proposal result.
func proposalID(t *testing.T, res map[string]any) string {
	t.Helper()
	events, _ := res["events"].([]any)
	for _, e := range events {
		ev := e.(map[string]any)
		if ev["type"] != "submit_proposal" {
			continue
		}
		for _, a := range ev["attributes"].([]any) {
			attr := a.(map[string]any)
			if attr["key"] == "proposal_id" {
				return attr["value"].(string)
			}
		}
	}
	t.Fatalf("no proposal_id in %v", res)
	return ""
}

// passProposal submits a gov proposal with msgs, votes yes with the
// validator (all the voting power) and waits until it has passed.
func passProposal(t *testing.T, n *Node, title string, msgs ...map[string]any) string {
	t.Helper()
	id, status := voteProposal(t, n, title, msgs...)
	require.Equal(t, "PROPOSAL_STATUS_PASSED", status, "proposal %s (%s) did not pass", id, title)
	return id
}

// voteProposal submits a proposal, votes yes with the validator and waits
// for the end of its voting period; it returns the id and the final status
// (PASSED, or FAILED if a message failed when executed).
func voteProposal(t *testing.T, n *Node, title string, msgs ...map[string]any) (string, string) {
	t.Helper()
	var messages []any
	for _, m := range msgs {
		messages = append(messages, m)
	}
	proposal := map[string]any{
		"messages": messages,
		"deposit":  "10000000" + denom,
		"title":    title,
		"summary":  "e2e: " + title,
	}
	path := filepath.Join(t.TempDir(), "proposal.json")
	raw, err := json.Marshal(proposal)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(path, raw, 0o644))
	// The voting period is short (seconds): on a loaded machine it can end
	// before the vote lands, and the proposal is rejected for want of votes.
	// That is read from the chain ("inactive proposal"), and the proposal is
	// submitted again.
	var id string
	for attempt := 1; ; attempt++ {
		id = proposalID(t, n.Tx("validator", "gov", "submit-proposal", path))
		_, err := n.TryTx("validator", "gov", "vote", id, "yes")
		if err == nil {
			break
		}
		require.ErrorContains(t, err, "inactive proposal")
		require.Less(t, attempt, 3, "proposal %s (%s): the voting period ended before the vote three times", id, title)
		t.Logf("attempt %d: proposal %s's voting period ended before the vote landed; submitting it again", attempt, id)
	}
	var status string
	require.Eventually(t, func() bool {
		status, _ = dig(n.Query("gov", "proposal", id), "proposal")["status"].(string)
		return status != "PROPOSAL_STATUS_VOTING_PERIOD" && status != "PROPOSAL_STATUS_DEPOSIT_PERIOD"
	}, 60*time.Second, 500*time.Millisecond, "proposal %s (%s) never left its voting period", id, title)
	return id, status
}
