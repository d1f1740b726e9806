#!/usr/bin/env bash
# Demo driver for scripts/localnet.sh (DEV-ONLY). While the node runs it
# keeps the economy moving: at the start of every epoch the attester posts
# usage for alice and bob and the reporter deposits revenue for LLAMA; as
# soon as alice has settled rewards she claims them. It prints one line per
# action to its log and never stops the node on a failed tx.
#   env: BIN (flockd), HOME_DIR (node home), CHAIN_ID
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
BATCH="$(dirname "$HOME_DIR")/demo-batch.json"
last=""
while true; do
  epoch="$(q modeltoken epoch | tr -d ' \n' | sed -n 's/.*"number":"\([0-9]*\)".*/\1/p')"
  if [[ -n "$epoch" && "$epoch" != "$last" ]]; then
    cat > "$BATCH" <<JSON
{"epoch": "$epoch", "denom": "mt/llama", "batch_id": "demo-$epoch",
 "rows": [{"user": "$ALICE", "spend": "$(( 10000000 + epoch * 1000000 ))"}, {"user": "$BOB", "spend": "4000000"}]}
JSON
    tx attester modeltoken submit-usage "$BATCH" && \
      tx reporter modeltoken deposit-revenue mt/llama 50000000uflock && last="$epoch"
  fi
  if q modeltoken rewards "$ALICE" | tr -d ' \n' | grep -q '"denom":"uflock"'; then
    tx alice modeltoken claim-rewards
  fi
  sleep 5
done
