package e2e

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"google.golang.org/protobuf/encoding/protowire"
)

// badTx is one malformed message sent through the real tx path and the
// error the chain must answer with.
type badTx struct {
	name      string
	signer    string // key name in the node's keyring
	msg       map[string]any
	codespace string
	code      float64
}

func coin(amount, denom string) map[string]any {
	return map[string]any{"denom": denom, "amount": amount}
}

// TestBadInputSweep signs every x/modeltoken message with each class of bad
// input (malformed address or denom, zero, negative and overflowing amounts,
// unknown ids and model tokens, unauthorised signers, late or future epochs)
// with the CLI, broadcasts it to a real node, and checks the error code and
// codespace of each result and that no balance or module record changed.
func TestBadInputSweep(t *testing.T) {
	t.Parallel() // each test runs its own node(s) on its own ports; most of a test is waiting for blocks
	n := StartNode(t, withFastLaunches)
	alice, bob, val := n.Addr("alice"), n.Addr("bob"), n.Addr("validator")
	const mt = "mt/llama"

	// A live model token with a claim, a stake, a lock and a vesting.
	n.Tx("alice", "modeltoken", "create-launch", "e2e", "LLAMA", "Llama 3 8B", "llama-3-8b")
	n.Tx("bob", "modeltoken", "buy", "1", "2000000000uflock", "1")
	n.Tx("validator", "modeltoken", "buy", "1", "110000000000uflock", "1") // fills and graduates
	n.Tx("bob", "modeltoken", "claim", "1")
	n.Tx("bob", "modeltoken", "stake", "1000000000"+mt)
	n.Tx("bob", "modeltoken", "lock", "1000000000uflock", "30")
	epoch := n.NextEpoch() // the stake now counts in full: no time-driven change left
	if epoch == "2" {
		epoch = n.NextEpoch() // so that epoch-2 exists and is long sealed
	}
	epochNum, err := strconv.ParseUint(epoch, 10, 64)
	require.NoError(t, err)
	params := dig(n.Query("modeltoken", "params"), "params")

	const mod, sdk = "modeltoken", "sdk"
	row := func(user, spend string) map[string]any { return map[string]any{"user": user, "spend": spend} }
	usage := func(signer, e, denom, id string, rows ...map[string]any) map[string]any {
		return map[string]any{"@type": "/flock.modeltoken.v1.MsgSubmitUsage", "attester": signer, "epoch": e,
			"denom": denom, "batch_id": id, "rows": rows}
	}
	msg := func(typ string, fields map[string]any) map[string]any {
		fields["@type"] = "/flock.modeltoken.v1." + typ
		return fields
	}
	cases := []badTx{
		// Usage attestations (the validator is the attester). Malformed
		// batches are refused before any state is read, so the codes do not
		// depend on whether the epoch read above is still open.
		{"usage: unauthorised signer", "bob", usage(bob, epoch, mt, "b1", row(alice, "100")), mod, 35},
		{"usage: unknown model token", "validator", usage(val, epoch, "mt/nope", "b1", row(alice, "100")), mod, 23},
		{"usage: malformed user address", "validator", usage(val, epoch, mt, "b1", row("flock1nope", "100")), mod, 38},
		{"usage: zero spend", "validator", usage(val, epoch, mt, "b1", row(alice, "0")), mod, 38},
		{"usage: no rows", "validator", usage(val, epoch, mt, "b1"), mod, 38},
		{"usage: future epoch", "validator", usage(val, strconv.FormatUint(epochNum+1000, 10), mt, "b1", row(alice, "100")), mod, 36},
		{"usage: late (sealed) epoch", "validator", usage(val, strconv.FormatUint(epochNum-2, 10), mt, "b1", row(alice, "100")), mod, 37},
		// Launches.
		{"create-launch: unknown model type", "alice", msg("MsgCreateLaunch", map[string]any{"creator": alice, "model_type": "nope", "name": "X", "symbol": "XXX", "model_id": "x"}), mod, 7},
		{"create-launch: malformed symbol", "alice", msg("MsgCreateLaunch", map[string]any{"creator": alice, "model_type": "e2e", "name": "X", "symbol": "x y!", "model_id": "x"}), mod, 8},
		{"create-launch: symbol taken", "alice", msg("MsgCreateLaunch", map[string]any{"creator": alice, "model_type": "e2e", "name": "X", "symbol": "LLAMA", "model_id": "x"}), mod, 9},
		{"create-launch: malformed payout address", "alice", msg("MsgCreateLaunch", map[string]any{"creator": alice, "model_type": "e2e", "name": "X", "symbol": "XXX", "model_id": "x", "payout_address": "flock1notanaddress"}), sdk, 7},
		{"create-launch: negative bundle", "alice", msg("MsgCreateLaunch", map[string]any{"creator": alice, "model_type": "e2e", "name": "X", "symbol": "XXX", "model_id": "x", "bundle_flock": "-5"}), mod, 11},
		{"buy: unknown launch", "bob", msg("MsgBuy", map[string]any{"buyer": bob, "launch_id": "99", "flock_in": coin("1000", "uflock"), "min_mt_out": "0"}), mod, 10},
		{"buy: zero amount", "bob", msg("MsgBuy", map[string]any{"buyer": bob, "launch_id": "1", "flock_in": coin("0", "uflock"), "min_mt_out": "0"}), mod, 11},
		{"buy: negative amount", "bob", msg("MsgBuy", map[string]any{"buyer": bob, "launch_id": "1", "flock_in": coin("-1000", "uflock"), "min_mt_out": "0"}), mod, 11},
		{"buy: wrong denom", "bob", msg("MsgBuy", map[string]any{"buyer": bob, "launch_id": "1", "flock_in": coin("1000", mt), "min_mt_out": "0"}), mod, 12},
		{"buy: launch already graduated", "bob", msg("MsgBuy", map[string]any{"buyer": bob, "launch_id": "1", "flock_in": coin("1000", "uflock"), "min_mt_out": "0"}), mod, 13},
		{"graduate: unknown launch", "bob", msg("MsgGraduate", map[string]any{"sender": bob, "launch_id": "99"}), mod, 10},
		{"graduate: already graduated", "bob", msg("MsgGraduate", map[string]any{"sender": bob, "launch_id": "1"}), mod, 13},
		{"claim: unknown launch", "bob", msg("MsgClaimLaunch", map[string]any{"supporter": bob, "launch_id": "99"}), mod, 10},
		{"claim: no claim", "alice", msg("MsgClaimLaunch", map[string]any{"supporter": alice, "launch_id": "1"}), mod, 20},
		{"claim: already claimed", "bob", msg("MsgClaimLaunch", map[string]any{"supporter": bob, "launch_id": "1"}), mod, 21},
		{"claim-vested: unknown launch", "alice", msg("MsgClaimVested", map[string]any{"beneficiary": alice, "launch_id": "99"}), mod, 10},
		// Staking and gmFLOCK.
		{"stake: unknown model token", "bob", msg("MsgStake", map[string]any{"staker": bob, "amount": coin("1000", "mt/nope")}), mod, 23},
		{"stake: malformed denom", "bob", msg("MsgStake", map[string]any{"staker": bob, "amount": coin("1000", "MT!!")}), mod, 12},
		{"stake: FLOCK is not a model token", "bob", msg("MsgStake", map[string]any{"staker": bob, "amount": coin("1000", "uflock")}), mod, 12},
		{"stake: zero amount", "bob", msg("MsgStake", map[string]any{"staker": bob, "amount": coin("0", mt)}), mod, 11},
		{"stake: negative amount", "bob", msg("MsgStake", map[string]any{"staker": bob, "amount": coin("-5", mt)}), mod, 11},
		{"stake: more than the balance", "bob", msg("MsgStake", map[string]any{"staker": bob, "amount": coin("999999999999999", mt)}), sdk, 5},
		{"unstake: no position", "alice", msg("MsgUnstake", map[string]any{"staker": alice, "amount": coin("1", mt)}), mod, 26},
		{"unstake: more than staked", "bob", msg("MsgUnstake", map[string]any{"staker": bob, "amount": coin("1000000001", mt)}), mod, 27},
		{"unstake: zero amount", "bob", msg("MsgUnstake", map[string]any{"staker": bob, "amount": coin("0", mt)}), mod, 11},
		{"unstake: dust below min_unstake", "bob", msg("MsgUnstake", map[string]any{"staker": bob, "amount": coin("1", mt)}), mod, 11},
		{"withdraw-unbonded: nothing matured", "bob", msg("MsgWithdrawUnbonded", map[string]any{"owner": bob}), mod, 22},
		{"cancel-unbonding: unknown entry", "bob", msg("MsgCancelUnbonding", map[string]any{"owner": bob, "unbonding_id": "99", "amount": coin("1", mt)}), mod, 49},
		{"cancel-unbonding: FLOCK", "bob", msg("MsgCancelUnbonding", map[string]any{"owner": bob, "unbonding_id": "1", "amount": coin("1", "uflock")}), mod, 12},
		{"lock: zero amount", "bob", msg("MsgLock", map[string]any{"owner": bob, "amount": coin("0", "uflock"), "duration_days": 30}), mod, 11},
		{"lock: wrong denom", "bob", msg("MsgLock", map[string]any{"owner": bob, "amount": coin("1000", mt), "duration_days": 30}), mod, 12},
		{"lock: zero duration", "bob", msg("MsgLock", map[string]any{"owner": bob, "amount": coin("1000", "uflock"), "duration_days": 0}), mod, 28},
		{"lock: duration above the maximum", "bob", msg("MsgLock", map[string]any{"owner": bob, "amount": coin("1000", "uflock"), "duration_days": 100000}), mod, 28},
		{"lock: more than the balance", "bob", msg("MsgLock", map[string]any{"owner": bob, "amount": coin("999999999999999", "uflock"), "duration_days": 30}), sdk, 5},
		{"unlock: unknown lock", "bob", msg("MsgUnlock", map[string]any{"owner": bob, "lock_id": "99"}), mod, 30},
		{"unlock: not the owner", "alice", msg("MsgUnlock", map[string]any{"owner": alice, "lock_id": "1"}), mod, 31},
		// Rewards, pools and revenue.
		{"claim-rewards: nothing to claim", "alice", msg("MsgClaimRewards", map[string]any{"claimer": alice}), mod, 42},
		{"fund-incentive: unknown model token", "bob", msg("MsgFundIncentive", map[string]any{"funder": bob, "denom": "mt/nope", "amount": coin("1000", "uflock")}), mod, 23},
		{"fund-incentive: zero amount", "bob", msg("MsgFundIncentive", map[string]any{"funder": bob, "denom": mt, "amount": coin("0", "uflock")}), mod, 11},
		{"fund-incentive: wrong denom", "bob", msg("MsgFundIncentive", map[string]any{"funder": bob, "denom": mt, "amount": coin("1000", mt)}), mod, 12},
		{"fund-incentive: below min_incentive_fund", "bob", msg("MsgFundIncentive", map[string]any{"funder": bob, "denom": mt, "amount": coin("1", "uflock")}), mod, 11},
		{"buy: amount above the bound (2^256-1)", "bob", msg("MsgBuy", map[string]any{"buyer": bob, "launch_id": "1", "flock_in": coin("115792089237316195423570985008687907853269984665640564039457584007913129639935", "uflock"), "min_mt_out": "0"}), mod, 11},
		{"swap: unknown model token", "bob", msg("MsgSwap", map[string]any{"trader": bob, "denom": "mt/nope", "token_in": coin("1000", "uflock"), "min_out": "0"}), mod, 23},
		{"swap: zero amount", "bob", msg("MsgSwap", map[string]any{"trader": bob, "denom": mt, "token_in": coin("0", "uflock"), "min_out": "0"}), mod, 11},
		{"swap: negative amount", "bob", msg("MsgSwap", map[string]any{"trader": bob, "denom": mt, "token_in": coin("-7", "uflock"), "min_out": "0"}), mod, 11},
		{"swap: foreign denom", "bob", msg("MsgSwap", map[string]any{"trader": bob, "denom": mt, "token_in": coin("1000", "uatom"), "min_out": "0"}), mod, 12},
		{"swap: slippage", "bob", msg("MsgSwap", map[string]any{"trader": bob, "denom": mt, "token_in": coin("1000", "uflock"), "min_out": "999999999999"}), mod, 15},
		{"swap: deadline passed", "bob", msg("MsgSwap", map[string]any{"trader": bob, "denom": mt, "token_in": coin("1000", "uflock"), "min_out": "0", "deadline": "2020-01-01T00:00:00Z"}), mod, 44},
		{"deposit-revenue: unauthorised signer", "bob", msg("MsgDepositRevenue", map[string]any{"reporter": bob, "denom": mt, "amount": coin("1000", "uflock")}), mod, 46},
		{"deposit-revenue: unknown model token", "validator", msg("MsgDepositRevenue", map[string]any{"reporter": val, "denom": "mt/nope", "amount": coin("1000", "uflock")}), mod, 23},
		{"deposit-revenue: zero amount", "validator", msg("MsgDepositRevenue", map[string]any{"reporter": val, "denom": mt, "amount": coin("0", "uflock")}), mod, 11},
		{"deposit-revenue: wrong denom", "validator", msg("MsgDepositRevenue", map[string]any{"reporter": val, "denom": mt, "amount": coin("1000", mt)}), mod, 12},
		// Governance-only messages signed by a user.
		{"update-params: not the authority", "alice", msg("MsgUpdateParams", map[string]any{"authority": alice, "params": params}), mod, 2},
		{"upsert-model-type: not the authority", "alice", msg("MsgUpsertModelType", map[string]any{"authority": alice, "model_type": map[string]any{"id": "x"}}), mod, 2},
		{"set-discount-tiers: not the authority", "alice", msg("MsgSetDiscountTiers", map[string]any{"authority": alice, "denom": mt}), mod, 2},
		{"spend-treasury: not the authority", "alice", msg("MsgSpendTreasury", map[string]any{"authority": alice, "recipient": alice, "amount": []any{coin("1", "uflock")}}), mod, 2},
	}

	before := sweepSnapshot(t, n, epoch, alice, bob, val)
	results := n.broadcastAll(t, cases)

	// An amount past 256 bits cannot even be signed with the CLI (it decodes
	// the tx it signs); the node must refuse the raw bytes the same way,
	// before any message runs.
	cases = append(cases, badTx{name: "buy: amount overflows 256 bits (raw bytes over RPC)", codespace: "sdk", code: 2})
	results = append(results, n.broadcastRaw(t, overflowingBuyTx(bob)))
	for i, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := results[i]
			require.Equal(t, tc.codespace, r.codespace, "log: %s", r.log)
			require.Equal(t, tc.code, r.code, "log: %s", r.log)
			require.NotEmpty(t, r.log, "a clear error message")
		})
	}
	require.Equal(t, before, sweepSnapshot(t, n, epoch, alice, bob, val), "rejected txs changed no balance or module state")
	t.Logf("%d malformed messages rejected with their typed errors; state unchanged", len(cases))
}

type txOutcome struct {
	codespace string
	code      float64
	log       string
}

// broadcastAll signs each case's message offline with consecutive sequence
// numbers per signer, broadcasts them all, then collects every result: the
// CheckTx result for txs rejected before execution, the block result for
// the rest. A tx that fails in a block still uses its sequence number.
func (n *Node) broadcastAll(t *testing.T, cases []badTx) []txOutcome {
	t.Helper()
	dir := t.TempDir()
	type account struct{ number, seq uint64 }
	accounts := map[string]*account{}
	acct := func(name string) *account {
		if a, ok := accounts[name]; ok {
			return a
		}
		res := n.Query("auth", "account", n.Addr(name))
		base := dig(res, "account", "value")
		num, _ := strconv.ParseUint(fmt.Sprint(base["account_number"]), 10, 64)
		seq, _ := strconv.ParseUint(fmt.Sprint(base["sequence"]), 10, 64)
		accounts[name] = &account{num, seq}
		return accounts[name]
	}
	out := make([]txOutcome, len(cases))
	hashes := make([]string, len(cases))
	for i, tc := range cases {
		unsigned := map[string]any{
			"body": map[string]any{"messages": []any{tc.msg}, "memo": "", "timeout_height": "0",
				"extension_options": []any{}, "non_critical_extension_options": []any{}},
			"auth_info": map[string]any{"signer_infos": []any{},
				"fee": map[string]any{"amount": []any{}, "gas_limit": "2000000", "payer": "", "granter": ""}},
			"signatures": []any{},
		}
		raw, err := json.Marshal(unsigned)
		require.NoError(t, err)
		unsignedPath := filepath.Join(dir, fmt.Sprintf("tx-%d.json", i))
		require.NoError(t, os.WriteFile(unsignedPath, raw, 0o644))
		a := acct(tc.signer)
		signed, err := n.TryCLI("tx", "sign", unsignedPath, "--from", tc.signer, "--chain-id", chainID,
			"--keyring-backend", "test", "--offline", "--account-number", strconv.FormatUint(a.number, 10),
			"--sequence", strconv.FormatUint(a.seq, 10), "--output-document", unsignedPath+".signed")
		require.NoError(t, err, "%s: sign: %s", tc.name, signed)
		res, err := n.TryCLI("tx", "broadcast", unsignedPath+".signed", "--node", n.RPC, "-o", "json")
		require.NoError(t, err, "%s: broadcast: %s", tc.name, res)
		var sync map[string]any
		require.NoError(t, json.Unmarshal([]byte(lastJSONLine(res)), &sync), res)
		if code, _ := sync["code"].(float64); code != 0 {
			// Rejected in CheckTx: never executed, sequence not used.
			out[i] = txOutcome{fmt.Sprint(sync["codespace"]), code, fmt.Sprint(sync["raw_log"])}
			continue
		}
		a.seq++
		hashes[i] = sync["txhash"].(string)
	}
	for i, hash := range hashes {
		if hash == "" {
			continue
		}
		var res map[string]any
		require.Eventually(t, func() bool {
			raw, err := n.TryCLI("query", "tx", hash, "--node", n.RPC, "-o", "json")
			return err == nil && json.Unmarshal([]byte(raw), &res) == nil
		}, 60*time.Second, 300*time.Millisecond, "%s: tx %s never landed", cases[i].name, hash)
		code, _ := res["code"].(float64)
		out[i] = txOutcome{fmt.Sprint(res["codespace"]), code, fmt.Sprint(res["raw_log"])}
	}
	return out
}

// sweepSnapshot is every balance and module record a malformed message
// could touch: user and module account balances, launches, tokens, pools,
// stakes, locks, usage of the current epoch, params and model types.
func sweepSnapshot(t *testing.T, n *Node, epoch string, users ...string) map[string]string {
	t.Helper()
	snap := map[string]string{}
	q := func(key string, args ...string) {
		snap[key] = n.QueryJSON(args...)
	}
	for _, u := range users {
		q("balances/"+u, "bank", "balances", u)
		q("positions/"+u, "modeltoken", "positions", u)
		q("unbondings/"+u, "modeltoken", "unbondings", u)
		q("rewards/"+u, "modeltoken", "rewards", u)
	}
	for _, name := range []string{"modeltoken", "mt_launch_escrow", "mt_liquidity", "mt_incentives", "mt_vesting",
		"mt_staking_escrow", "gm_lock_escrow", "mt_rewards", "mt_revenue", "flock_treasury"} {
		acc := n.Query("auth", "module-account", name)
		addr := dig(acc, "account", "value")["address"].(string)
		q("module/"+name, "bank", "balances", addr)
	}
	// The lock record; an owner's effective gmFLOCK decays with block time.
	q("gm-lock/1", "modeltoken", "gm-lock", "1")
	q("launches", "modeltoken", "launches")
	q("model-tokens", "modeltoken", "model-tokens")
	q("pool", "modeltoken", "pool", "mt/llama")
	q("revenue", "modeltoken", "revenue", "mt/llama")
	q("usage", "modeltoken", "model-usage", epoch, "mt/llama")
	q("usage-batches", "modeltoken", "usage-batches", epoch)
	q("params", "modeltoken", "params")
	q("model-types", "modeltoken", "model-types")
	q("supply/mt", "bank", "total-supply-of", "mt/llama") // FLOCK supply grows with x/mint inflation every block
	return snap
}

// overflowingBuyTx encodes, by hand, a tx whose MsgBuy pays 2^256 uflock:
// no SDK type can hold the amount, so the bytes are written field by field.
func overflowingBuyTx(buyer string) []byte {
	str := func(b []byte, field protowire.Number, v string) []byte {
		b = protowire.AppendTag(b, field, protowire.BytesType)
		return protowire.AppendString(b, v)
	}
	msgBytes := func(b []byte, field protowire.Number, v []byte) []byte {
		b = protowire.AppendTag(b, field, protowire.BytesType)
		return protowire.AppendBytes(b, v)
	}
	coin := str(str(nil, 1, "uflock"), 2, "115792089237316195423570985008687907853269984665640564039457584007913129639936")
	buy := str(nil, 1, buyer)
	buy = protowire.AppendTag(buy, 2, protowire.VarintType)
	buy = protowire.AppendVarint(buy, 1)
	buy = msgBytes(buy, 3, coin)
	buy = str(buy, 4, "0")
	anyMsg := msgBytes(str(nil, 1, "/flock.modeltoken.v1.MsgBuy"), 2, buy)
	body := msgBytes(nil, 1, anyMsg)
	return msgBytes(msgBytes(msgBytes(nil, 1, body), 2, nil), 3, []byte("not a signature"))
}

// broadcastRaw sends tx bytes with CometBFT's broadcast_tx_sync and returns
// the CheckTx result.
func (n *Node) broadcastRaw(t *testing.T, tx []byte) txOutcome {
	t.Helper()
	req, err := json.Marshal(map[string]any{"jsonrpc": "2.0", "id": 1, "method": "broadcast_tx_sync",
		"params": map[string]any{"tx": base64.StdEncoding.EncodeToString(tx)}})
	require.NoError(t, err)
	resp, err := http.Post("http://"+strings.TrimPrefix(n.RPC, "tcp://"), "application/json", bytes.NewReader(req))
	require.NoError(t, err)
	defer resp.Body.Close()
	var body struct {
		Result struct {
			Code      float64 `json:"code"`
			Codespace string  `json:"codespace"`
			Log       string  `json:"log"`
		} `json:"result"`
	}
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&body))
	return txOutcome{body.Result.Codespace, body.Result.Code, body.Result.Log}
}
