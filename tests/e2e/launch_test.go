package e2e

import (
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// withFastLaunches adds a small model type, a 40 s raise window and no
// anti-sniping tax, so a launch can be raised and graduated within a test.
// The window leaves room for a few CLI txs on a loaded machine; tests then
// wait on the chain's block time, never on a wall-clock deadline.
func withFastLaunches(n *Node, g map[string]any) {
	mt := dig(g, "app_state", "modeltoken")
	p := mt["params"].(map[string]any)
	p["raise_duration"] = "40s"
	p["anti_snipe_start_bps"] = 0
	p["anti_snipe_decay_bps_per_minute"] = 0
	p["launch_fee"] = "100000000" // 100 FLOCK
	p["attesters"] = []any{n.Addr("validator")}
	p["epoch_duration"] = "20s"
	p["attestation_grace"] = "4s"
	p["revenue_reporters"] = []any{n.Addr("validator")}
	p["twap_window"] = "10s"     // the buyback needs two windows of pool history
	p["attester_min_bond"] = "0" // TestAttesterBondsAndSlashing turns bonds on
	p["dispute_window"] = "2s"
	types := mt["model_types"].([]any)
	mt["model_types"] = append(types, map[string]any{
		"id":                     "e2e",
		"description":            "tiny raise for tests",
		"raise_min":              "1000000000",   // 1,000 FLOCK
		"raise_max":              "100000000000", // 100,000 FLOCK
		"allocation":             map[string]any{"sale_bps": 4000, "liquidity_bps": 2000, "incentives_bps": 2000, "issuer_bps": 1000, "treasury_bps": 1000},
		"liquidity_flock_bps":    2000,
		"end_price_multiple_bps": 30000,
	})
}

// TestLaunchLifecycle: create a launch, buy from two accounts with the CLI,
// graduate after the window, claim, and see MT balances and metadata over REST.
func TestLaunchLifecycle(t *testing.T) {
	t.Parallel() // each test runs its own node(s) on its own ports; most of a test is waiting for blocks
	n := StartNode(t, withFastLaunches)
	alice, bob, val := n.Addr("alice"), n.Addr("bob"), n.Addr("validator")

	n.Tx("alice", "modeltoken", "create-launch", "e2e", "LLAMA", "Llama 3 8B", "llama-3-8b",
		"--description", "an e2e model")
	launch := dig(n.Query("modeltoken", "launch", "1"), "launch")
	require.Equal(t, "LAUNCH_STATUS_RAISING", launch["status"])
	require.Equal(t, "mt/llama", launch["denom"])

	code, quote := n.GetREST("/flock/modeltoken/v1/launches/1/quote?amount=2000000000")
	require.Equal(t, http.StatusOK, code, quote)
	require.NotEmpty(t, dig(quote, "quote")["mt_out"])

	bought := n.Tx("bob", "modeltoken", "buy", "1", "2000000000uflock", "1")
	ev := typedEvent(t, bought, "flock.modeltoken.v1.EventLaunchBought")
	require.Equal(t, `"`+bob+`"`, ev["buyer"], "typed events name the buyer by role")
	require.Equal(t, `"1"`, ev["launch_id"])
	n.Tx("validator", "modeltoken", "buy", "1", "1000000000uflock", "1")
	owedBob := dig(n.Query("modeltoken", "claim", "1", bob), "claim")["mt_owed"].(string)
	owedVal := dig(n.Query("modeltoken", "claim", "1", val), "claim")["mt_owed"].(string)

	// Graduating before the window ends is refused. Whether the chain's
	// clock is still inside the window is read from the chain after the
	// attempt: only then is the refusal certain (a loaded machine may be
	// past it, and then the graduation may succeed).
	end, err := time.Parse(time.RFC3339Nano, launch["end_time"].(string))
	require.NoError(t, err)
	_, err = n.TryTx("bob", "modeltoken", "graduate", "1")
	if latestBlockTime(n).Before(end) {
		require.ErrorContains(t, err, "raise window has not ended")
	} else {
		t.Logf("the raise window closed before the early graduate attempt (loaded machine); refusal not checked")
	}
	require.Eventually(t, func() bool { return latestBlockTime(n).After(end) }, 60*time.Second, 500*time.Millisecond)
	// Anyone may graduate; the begin-block sweep may have done it already.
	if dig(n.Query("modeltoken", "launch", "1"), "launch")["status"] == "LAUNCH_STATUS_RAISING" {
		if _, err := n.TryTx("bob", "modeltoken", "graduate", "1"); err != nil {
			require.ErrorContains(t, err, "launch is not raising") // the sweep won the race
		}
	}
	require.Equal(t, "LAUNCH_STATUS_GRADUATED", dig(n.Query("modeltoken", "launch", "1"), "launch")["status"])

	n.Tx("bob", "modeltoken", "claim", "1")
	n.Tx("validator", "modeltoken", "claim", "1")
	_, err = n.TryTx("bob", "modeltoken", "claim", "1")
	require.ErrorContains(t, err, "already claimed")

	require.Equal(t, owedBob, restDenomBalance(t, n, bob, "mt/llama"))
	require.Equal(t, owedVal, restDenomBalance(t, n, val, "mt/llama"))

	code, md := n.GetREST("/cosmos/bank/v1beta1/denoms_metadata_by_query_string?denom=mt/llama")
	require.Equal(t, http.StatusOK, code, md)
	require.Equal(t, "LLAMA", dig(md, "metadata")["display"])

	code, tok := n.GetREST("/flock/modeltoken/v1/model_token?denom=mt/llama")
	require.Equal(t, http.StatusOK, code, tok)
	require.Equal(t, "1000000000000", dig(tok, "model_token")["minted"])

	code, supply := n.GetREST("/cosmos/bank/v1beta1/supply/by_denom?denom=mt/llama")
	require.Equal(t, http.StatusOK, code, supply)
	minted, _ := strconv.ParseInt("1000000000000", 10, 64)
	burned, err := strconv.ParseInt(dig(tok, "model_token")["burned"].(string), 10, 64)
	require.NoError(t, err)
	require.Equal(t, strconv.FormatInt(minted-burned, 10), dig(supply, "amount")["amount"])

	// The issuer (alice) vests 100,000 MT linearly over 180 days; a few
	// seconds after graduation a small, positive amount is claimable.
	code, vest := n.GetREST("/flock/modeltoken/v1/launches/1/vesting")
	require.Equal(t, http.StatusOK, code, vest)
	require.Equal(t, "100000000000", dig(vest, "vesting")["total"])
	n.Tx("alice", "modeltoken", "claim-vested", "1")
	got, err := strconv.ParseInt(restDenomBalance(t, n, alice, "mt/llama"), 10, 64)
	require.NoError(t, err)
	require.True(t, got > 0 && got < 100000000000/1000, "vested so far: %d", got)

	t.Run("stake, discount, unstake and gmFLOCK over CLI and REST", func(t *testing.T) {
		epochBefore := n.EpochNumber()
		n.Tx("bob", "modeltoken", "stake", "10000000000mt/llama") // 10,000 MT
		code, pos := n.GetREST("/flock/modeltoken/v1/positions/" + bob + "/by_denom?denom=mt/llama")
		require.Equal(t, http.StatusOK, code, pos)
		require.Equal(t, "10000000000", dig(pos, "position")["amount"])
		if n.EpochNumber() == epochBefore { // the stake and the query are in one epoch
			require.Equal(t, "0", pos["counted"], "stake added this epoch counts from the next")
		}

		code, disc := n.GetREST("/flock/modeltoken/v1/discount/" + bob + "?denom=mt/llama")
		require.Equal(t, http.StatusOK, code, disc)
		require.EqualValues(t, 2, disc["tier"])
		require.EqualValues(t, 1000, disc["discount_bps"])

		n.Tx("bob", "modeltoken", "unstake", "4000000000mt/llama")
		code, disc = n.GetREST("/flock/modeltoken/v1/discount/" + bob + "?denom=mt/llama")
		require.Equal(t, http.StatusOK, code, disc)
		require.EqualValues(t, 500, disc["discount_bps"], "6,000 MT staked: 5%")
		code, unb := n.GetREST("/flock/modeltoken/v1/unbondings/" + bob)
		require.Equal(t, http.StatusOK, code, unb)
		entries := unb["entries"].([]any)
		require.Len(t, entries, 1)
		require.Equal(t, "4000000000", entries[0].(map[string]any)["amount"])

		_, err := n.TryTx("bob", "modeltoken", "unstake", "7000000000mt/llama")
		require.ErrorContains(t, err, "unstake exceeds staked amount")

		n.Tx("bob", "modeltoken", "lock", "1000000000uflock", "365")
		code, gm := n.GetREST("/flock/modeltoken/v1/gmflock/" + bob)
		require.Equal(t, http.StatusOK, code, gm)
		require.Equal(t, "3010000000", gm["gmflock"])
	})

	t.Run("attester posts usage from a JSON file, visible over REST", func(t *testing.T) {
		// Post usage in an epoch after bob's stake, so his stake counts
		// (JIT rule) and he earns stake-gated MT incentives too.
		n.NextEpoch()
		epoch, path := n.PostUsage(t, "e2e-1", alice, bob)

		_, err := n.TryTx("bob", "modeltoken", "submit-usage", path)
		require.ErrorContains(t, err, "not an attester")
		_, err = n.TryTx("validator", "modeltoken", "submit-usage", path)
		require.ErrorContains(t, err, "already submitted", "replay of the same batch id")

		code, u := n.GetREST("/flock/modeltoken/v1/usage/" + epoch + "/users/" + alice + "?denom=mt/llama")
		require.Equal(t, http.StatusOK, code, u)
		require.Equal(t, "2500000", u["spend"])
		code, mu := n.GetREST("/flock/modeltoken/v1/usage/" + epoch + "/model?denom=mt/llama")
		require.Equal(t, http.StatusOK, code, mu)
		require.Equal(t, "3200000", dig(mu, "usage")["total_spend"])

		// The epoch ends, its usage seals after the grace, BeginBlock settles
		// it; alice and bob claim exactly what the query said.
		require.Eventually(t, func() bool {
			code, _ := n.GetREST("/flock/modeltoken/v1/epochs/" + epoch)
			return code == http.StatusOK
		}, 90*time.Second, time.Second, "epoch %s was never settled", epoch)
		for _, who := range []struct{ name, addr string }{{"alice", alice}, {"bob", bob}} {
			code, pending := n.GetREST("/flock/modeltoken/v1/rewards/" + who.addr)
			require.Equal(t, http.StatusOK, code, pending)
			want := map[string]int64{}
			for _, c := range pending["total"].([]any) {
				coin := c.(map[string]any)
				v, err := strconv.ParseInt(coin["amount"].(string), 10, 64)
				require.NoError(t, err)
				want[coin["denom"].(string)] = v
			}
			require.Positive(t, want["uflock"], "%s earns FLOCK for usage", who.name)
			if who.name == "bob" {
				require.Positive(t, want["mt/llama"], "bob staked, so he earns MT incentives")
			}
			before := map[string]int64{}
			for d := range want {
				before[d], _ = strconv.ParseInt(restDenomBalance(t, n, who.addr, d), 10, 64)
			}
			n.Tx(who.name, "modeltoken", "claim-rewards")
			for d, v := range want {
				after, _ := strconv.ParseInt(restDenomBalance(t, n, who.addr, d), 10, 64)
				require.Equal(t, before[d]+v, after, "%s %s rose by exactly the queried amount", who.name, d)
			}
		}
	})

	t.Run("revenue queues a buyback that runs over blocks; the next epoch burns what it bought", func(t *testing.T) {
		// Cumulative totals (bought, burned, spent) and the supply are
		// compared, never a pending balance at one instant, and every wait
		// is on the chain's state: an epoch may start (and burn) between any
		// two queries on a loaded machine.
		type revenue struct{ bought, burned, spent, pending, supply int64 }
		totals := func() revenue {
			code, rev := n.GetREST("/flock/modeltoken/v1/revenue?denom=mt/llama")
			require.Equal(t, http.StatusOK, code, rev)
			var r revenue
			for _, f := range []struct {
				v   *int64
				raw any
			}{{&r.bought, dig(rev, "totals")["mt_bought"]}, {&r.burned, dig(rev, "totals")["mt_burned"]},
				{&r.spent, dig(rev, "totals")["buyback_spent"]}, {&r.pending, dig(rev, "totals")["pending_buyback"]}, {&r.supply, rev["supply"]}} {
				v, err := strconv.ParseInt(f.raw.(string), 10, 64)
				require.NoError(t, err)
				*f.v = v
			}
			return r
		}
		_, err := n.TryTx("bob", "modeltoken", "deposit-revenue", "mt/llama", "1000000000uflock")
		require.ErrorContains(t, err, "not a revenue reporter")
		r0 := totals()
		require.Equal(t, r0.bought, r0.burned, "nothing waits to be burned before the deposit")

		// 10 FLOCK of revenue: 4 FLOCK queue for the buyback (about 0.7% of
		// the pool's FLOCK), bought in slices of at most 0.25% price impact.
		n.Tx("validator", "modeltoken", "deposit-revenue", "mt/llama", "10000000uflock")
		r1 := totals()
		require.Equal(t, int64(4_000_000), r1.pending+r1.spent-r0.spent, "the buyback leg is queued or already spent, nothing else")

		code, twap := n.GetREST("/flock/modeltoken/v1/pool/twap?denom=mt/llama")
		require.Equal(t, http.StatusOK, code, twap)
		require.NotEmpty(t, twap["twap"])
		require.NotEmpty(t, twap["buyback_reference"])
		cli := n.Query("modeltoken", "twap", "mt/llama", "--window-seconds", "5")
		require.NotEmpty(t, cli["spot_price"])

		var slices []int64
		require.Eventually(t, func() bool {
			r := totals()
			if len(slices) == 0 || slices[len(slices)-1] != r.spent {
				slices = append(slices, r.spent)
			}
			return r.pending == 0
		}, 180*time.Second, time.Second, "the buyback never finished")
		r2 := totals()
		require.Equal(t, r0.spent+4_000_000, r2.spent)
		require.Greater(t, r2.bought, r0.bought, "the buyback bought MT")
		t.Logf("buyback of 4 FLOCK spent in steps %v (uflock, cumulative)", slices)

		require.Eventually(t, func() bool { return totals().burned == r2.bought }, 60*time.Second, time.Second,
			"the next epoch never burned the bought-back MT")
		after := totals().supply
		_, supply := n.GetREST("/cosmos/bank/v1beta1/supply/by_denom?denom=mt/llama")
		require.Equal(t, strconv.FormatInt(after, 10), dig(supply, "amount")["amount"], "the revenue query reports the bank supply")
		require.Equal(t, r0.supply-(r2.bought-r0.bought), after, "total supply dropped by exactly the MT bought back")

		code, quote := n.GetREST("/flock/modeltoken/v1/pool/quote?denom=mt/llama&token_in=1000000000uflock")
		require.Equal(t, http.StatusOK, code, quote)
		for _, field := range []string{"spot_price", "price_after", "price_impact_bps", "effective_price", "twap"} {
			require.NotEmpty(t, quote[field], field)
		}
		n.Tx("bob", "modeltoken", "swap", "mt/llama", "1000000000uflock", "1")
	})

	// The typed events of governance and of a failed raise, read back from
	// the blocks with every other kind (typed_events_test.go).
	t.Run("governance messages and a failed raise", func(t *testing.T) {
		n.Tx("alice", "modeltoken", "create-launch", "e2e", "FAIL", "Never funded", "never-funded")
		n.Tx("bob", "modeltoken", "buy", "2", "10000000uflock", "1") // far below the 1,000 FLOCK minimum

		gov := dig(n.Query("auth", "module-account", "gov"), "account", "value")["address"].(string)
		passProposal(t, n, "Model type, discount tiers and a treasury grant",
			map[string]any{"@type": "/flock.modeltoken.v1.MsgUpsertModelType", "authority": gov, "model_type": map[string]any{
				"id": "e2e-gov", "description": "added by governance", "raise_min": "1000000000", "raise_max": "100000000000",
				"allocation":          map[string]any{"sale_bps": 4000, "liquidity_bps": 2000, "incentives_bps": 2000, "issuer_bps": 1000, "treasury_bps": 1000},
				"liquidity_flock_bps": 2000, "end_price_multiple_bps": 30000,
			}},
			map[string]any{"@type": "/flock.modeltoken.v1.MsgSetDiscountTiers", "authority": gov, "denom": "mt/llama",
				"tiers": []any{map[string]any{"min_staked": "1000000", "discount_bps": 500}}},
			map[string]any{"@type": "/flock.modeltoken.v1.MsgSpendTreasury", "authority": gov, "recipient": alice,
				"amount": []any{map[string]any{"denom": denom, "amount": "1"}}})
		modelTypes := n.Query("modeltoken", "model-types")["model_types"].([]any)
		var ids []any
		for _, mt := range modelTypes {
			ids = append(ids, mt.(map[string]any)["id"])
		}
		require.Contains(t, ids, "e2e-gov")

		require.Eventually(t, func() bool {
			return dig(n.Query("modeltoken", "launch", "2"), "launch")["status"] == "LAUNCH_STATUS_FAILED"
		}, 120*time.Second, time.Second, "the unfunded raise never failed at its deadline")
		n.Tx("bob", "modeltoken", "claim", "2") // the principal back
	})
}

func restDenomBalance(t *testing.T, n *Node, addr, denom string) string {
	t.Helper()
	code, body := n.GetREST("/cosmos/bank/v1beta1/balances/" + addr + "/by_denom?denom=" + denom)
	require.Equal(t, http.StatusOK, code, body)
	return dig(body, "balance")["amount"].(string)
}

func latestBlockTime(n *Node) time.Time {
	code, body := n.GetREST("/cosmos/base/tendermint/v1beta1/blocks/latest")
	if code != http.StatusOK {
		return time.Time{}
	}
	ts, err := time.Parse(time.RFC3339Nano, dig(body, "block", "header")["time"].(string))
	if err != nil {
		return time.Time{}
	}
	return ts
}

// EpochNumber is the chain's current reward epoch.
func (n *Node) EpochNumber() string {
	n.t.Helper()
	return dig(n.Query("modeltoken", "epoch"), "epoch")["number"].(string)
}

// NextEpoch waits until the reward epoch changes and returns the new number.
func (n *Node) NextEpoch() string {
	n.t.Helper()
	start := n.EpochNumber()
	require.Eventually(n.t, func() bool { return n.EpochNumber() != start }, 60*time.Second, 500*time.Millisecond)
	return n.EpochNumber()
}

// PostUsage has the validator (the attester) post the usage batch of
// usageBatchFile for the current epoch and returns the epoch and the file.
// If that epoch's usage sealed before the tx landed (a slow CLI on a loaded
// machine), it posts again in the next epoch: the test waits on the chain's
// epochs, never on a wall-clock deadline.
func (n *Node) PostUsage(t *testing.T, batchID, alice, bob string) (string, string) {
	t.Helper()
	for attempt := 0; attempt < 5; attempt++ {
		epoch := n.EpochNumber()
		path := usageBatchFile(t, epoch, batchID, alice, bob)
		_, err := n.TryTx("validator", "modeltoken", "submit-usage", path)
		if err == nil {
			return epoch, path
		}
		require.ErrorContains(t, err, "sealed", "only a sealed epoch is a reason to retry")
		t.Logf("epoch %s sealed before the batch landed; posting in the next epoch", epoch)
	}
	t.Fatalf("no epoch stayed open long enough to post a batch")
	return "", ""
}

// usageBatchFile writes the usage batch the e2e tests post on mt/llama:
// alice spent $2.50, bob $0.70 in the epoch.
func usageBatchFile(t *testing.T, epoch, batchID, alice, bob string) string {
	t.Helper()
	batch := fmt.Sprintf(`{"epoch": "%s", "denom": "mt/llama", "batch_id": "%s",
		"rows": [{"user": "%s", "spend": "2500000"}, {"user": "%s", "spend": "700000"}]}`, epoch, batchID, alice, bob)
	path := filepath.Join(t.TempDir(), "batch.json")
	require.NoError(t, os.WriteFile(path, []byte(batch), 0o644))
	return path
}

// typedEvent returns the attributes (JSON values) of the first event of type
// name in a tx result.
func typedEvent(t *testing.T, res map[string]any, name string) map[string]string {
	t.Helper()
	events, _ := res["events"].([]any)
	for _, e := range events {
		ev := e.(map[string]any)
		if ev["type"] != name {
			continue
		}
		out := map[string]string{}
		for _, a := range ev["attributes"].([]any) {
			attr := a.(map[string]any)
			out[attr["key"].(string)], _ = attr["value"].(string)
		}
		return out
	}
	t.Fatalf("no %s event in %v", name, events)
	return nil
}
