#!/usr/bin/env bash
# Demo driver for scripts/localnet.sh (DEV-ONLY). While the node runs it
# keeps the economy moving: once per epoch it records billing events for
# alice and bob on LLAMA (as a gateway would: the attester service posts
# them when the epoch ends) and the reporter deposits revenue for LLAMA; as
# soon as alice has settled rewards she claims them. It prints one line per
# action to its log and never stops the node on a failed tx.
#   env: BIN (flockd), HOME_DIR (node home), CHAIN_ID, BILLING (the events file)
set -u
KR=(--keyring-backend test --home "$HOME_DIR")
q() { "$BIN" query "$@" --home "$HOME_DIR" -o json 2>/dev/null; }
addr() { "$BIN" keys show "$1" -a "${KR[@]}"; }
tx() { # tx FROM args...
  local from="$1"; shift
  if "$BIN" tx "$@" --from "$from" --chain-id "$CHAIN_ID" "${KR[@]}" --gas auto --gas-adjustment 1.5 -y -o json >/dev/null 2>&1; then
    echo "demo: $(date -u +%T) $from: $*"
  else
    echo "demo: $(date -u +%T) $from: $* FAILED (retrying next time)"
    return 1
  fi
}
ALICE="$(addr alice)" BOB="$(addr bob)"
last=""
while true; do
  epoch="$(q modeltoken epoch | tr -d ' \n' | sed -n 's/.*"number":"\([0-9]*\)".*/\1/p')"
  if [[ -n "$epoch" && "$epoch" != "$last" ]]; then
    now="$("$BIN" status --home "$HOME_DIR" 2>/dev/null | sed -n 's/.*"latest_block_time":"\([^"]*\)".*/\1/p')"
    if [[ -n "$now" ]]; then
      cat >> "$BILLING" <<JSONL
{"event_id": "demo-$epoch-alice", "user": "$ALICE", "model": "mt/llama", "spend_micro_usd": $(( 10000000 + epoch * 1000000 )), "time": "$now"}
{"event_id": "demo-$epoch-bob", "user": "$BOB", "model": "mt/llama", "spend_micro_usd": 4000000, "time": "$now"}
JSONL
      echo "demo: $(date -u +%T) gateway: billing events for alice and bob in epoch $epoch"
      tx reporter modeltoken deposit-revenue mt/llama 50000000uflock && last="$epoch"
    fi
  fi
  if q modeltoken rewards "$ALICE" | tr -d ' \n' | grep -q '"denom":"uflock"'; then
    tx alice modeltoken claim-rewards
  fi
  sleep 5
done
