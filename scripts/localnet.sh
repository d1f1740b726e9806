#!/usr/bin/env bash
# Local single-validator flockd chain for development.
#
#   scripts/localnet.sh          build, reset ./.localnet, start, print endpoints;
#                                stays in the foreground until Ctrl-C
#   scripts/localnet.sh --bg     same, but leave the node running in the background
#   scripts/localnet.sh stop     stop a background node by its recorded PID
#
# Everything lives under ./.localnet (test keyring, node home, log, PID file);
# re-running resets it. Ports: RPC 26657, gRPC 9090, REST 1317, all on loopback.
#
# For tests (tests/e2e/examples_test.go runs every help example against it):
#   LOCALNET_DIR   where to put it (default ./.localnet)
#   LOCALNET_BIN   a built flockd to use instead of `make build`
#   LOCALNET_RPC_PORT, _P2P_PORT, _GRPC_PORT, _API_PORT, LOCALNET_PPROF (laddr, "" = off)
#   LOCALNET_DEMO=0  do not start the demo driver
#   LOCALNET_EPOCH_SECONDS  epoch length (default 120; scripts/bench-e2e uses one long epoch)
#   LOCALNET_RAISE_SECONDS  how long a launch raises (default 60; the web test's launch must outlast the browser)
#   LOCALNET_PROMETHEUS     laddr of CometBFT's Prometheus metrics (default off)
#   LOCALNET_APP           extra app.toml settings, space-separated key=value (experiments: scripts/bench-e2e)
#   LOCALNET_WEB=0          do not build and serve the web app (web/; needs Node.js >= 20.19 and npm)
#   LOCALNET_WEB_PORT       the web app's port (default 8080)
#   LOCALNET_ATTESTER_LISTEN  the attester service's /metrics and /healthz (default 127.0.0.1:9464, "" = off)
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
NET_DIR="${LOCALNET_DIR:-$ROOT/.localnet}"
HOME_DIR="$NET_DIR/home"
PID_FILE="$NET_DIR/flockd.pid"
LOG_FILE="$NET_DIR/flockd.log"
BIN="${LOCALNET_BIN:-$ROOT/build/flockd}"
RPC_PORT="${LOCALNET_RPC_PORT:-26657}"
P2P_PORT="${LOCALNET_P2P_PORT:-26656}"
GRPC_PORT="${LOCALNET_GRPC_PORT:-9090}"
API_PORT="${LOCALNET_API_PORT:-1317}"
PPROF="${LOCALNET_PPROF-localhost:6060}"
EPOCH_S="${LOCALNET_EPOCH_SECONDS:-120}"
RAISE_S="${LOCALNET_RAISE_SECONDS:-60}"
PROMETHEUS="${LOCALNET_PROMETHEUS:-}"
PROM_ON=false
[[ -n "$PROMETHEUS" ]] && PROM_ON=true
SETUP="$ROOT/build/flock-localnet"
CHAIN_ID="${CHAIN_ID:-flock-localnet-1}"
DENOM=uflock
KR=(--keyring-backend test --home "$HOME_DIR")

DEMO_PID_FILE="$NET_DIR/demo.pid"
ATTESTER_PID_FILE="$NET_DIR/attester.pid"
ATTESTER_LISTEN="${LOCALNET_ATTESTER_LISTEN-127.0.0.1:9464}"
WEB_PID_FILE="$NET_DIR/web.pid"
WEB="${LOCALNET_WEB:-1}"
WEB_PORT="${LOCALNET_WEB_PORT:-8080}"

stop_node() {
  local f
  for f in "$DEMO_PID_FILE" "$WEB_PID_FILE" "$ATTESTER_PID_FILE"; do
    if [[ -f "$f" ]]; then
      kill "$(cat "$f")" 2>/dev/null || true
      rm -f "$f"
    fi
  done
  if [[ -f "$PID_FILE" ]]; then
    local pid; pid="$(cat "$PID_FILE")"
    if kill -0 "$pid" 2>/dev/null; then
      kill "$pid"
      for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
      kill -9 "$pid" 2>/dev/null || true
      echo "localnet: stopped flockd (pid $pid)"
    fi
    rm -f "$PID_FILE"
  fi
}

if [[ "${1:-}" == "stop" ]]; then
  stop_node
  exit 0
fi
BACKGROUND=0
[[ "${1:-}" == "--bg" ]] && BACKGROUND=1

stop_node
if [[ -z "${LOCALNET_BIN:-}" ]]; then
  echo "localnet: building flockd (a cold build of a Cosmos app takes minutes; go prints each package as it compiles)"
  GOFLAGS="${GOFLAGS:-} -v" make -C "$ROOT" --no-print-directory build 2>&1 | sed -u 's/^/  build: /' | awk '{ n++; if (n % 25 == 1) print; fflush() }'
fi
(cd "$ROOT" && go build -o "$SETUP" ./cmd/flock-localnet && go build -o "$ROOT/build/flock-attester" ./cmd/flock-attester)

# The web app (web/): npm ci from the committed lockfile (offline once the npm
# cache has it), then a production build served by scripts/webserve.
if [[ "$WEB" != 0 ]]; then
  if ! command -v npm >/dev/null || ! node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a==20&&b>=19)?0:1)' 2>/dev/null; then
    echo "localnet: web app skipped: it needs Node.js >= 20.19 and npm (Debian: apt-get install -y nodejs npm; LOCALNET_WEB=0 silences this)" >&2
    WEB=0
  else
    echo "localnet: building the web app (web/: npm ci, npm run build)"
    if [[ ! -d "$ROOT/web/node_modules" || "$ROOT/web/package-lock.json" -nt "$ROOT/web/node_modules/.package-lock.json" ]]; then
      (cd "$ROOT/web" && npm ci --no-audit --no-fund --loglevel=error) || { echo "localnet: npm ci failed" >&2; exit 1; }
    fi
    (cd "$ROOT/web" && npm run --silent build >/dev/null) || { echo "localnet: web build failed (cd web && npm run build)" >&2; exit 1; }
    (cd "$ROOT" && go build -o "$ROOT/build/webserve" ./scripts/webserve)
  fi
fi

# The chain: scripts/localnet/overrides.json (accounts with fixed DEV-ONLY
# mnemonics, dev genesis settings, config) through cmd/flock-localnet, the
# bootstrap make localnet-multi and the e2e tests share. On top of it, this
# single-node demo chain sets: 2-minute epochs with 20 s of grace and a 20 s
# dispute window, so the first epoch settles 160 s after the node starts; a
# 20 s TWAP window so the demo revenue buyback runs within a minute; raises
# of 60 s (the demo launches fill at once; one that does not fill can be
# graduated after a minute); unstaked MT paid after 60 s; a second attester
# and the attester service's own key, attester3 (quorum 1, so any one's
# batch counts and another can confirm it),
# the validator as guardian (it may void a batch) and a revenue reporter.
APP_SETTINGS=()
for kv in ${LOCALNET_APP:-}; do APP_SETTINGS+=(--app "$kv"); done
"$SETUP" init --bin "$BIN" --dir "$NET_DIR" --overrides "$ROOT/scripts/localnet/overrides.json" --chain-id "$CHAIN_ID" \
  --ports "$P2P_PORT,$RPC_PORT,$GRPC_PORT,$API_PORT" \
  --config "rpc.pprof_laddr=$PPROF" --config "instrumentation.prometheus=$PROM_ON" \
  --config "instrumentation.prometheus_listen_addr=${PROMETHEUS:-:26660}" \
  --dev-wallet "$NET_DIR/dev-wallet.json:alice,bob,validator,attester,reporter" \
  --set 'app_state.modeltoken.params.twap_window=20s' \
  --set "app_state.modeltoken.params.epoch_duration=${EPOCH_S}s" \
  --set 'app_state.modeltoken.params.attestation_grace=20s' \
  --set 'app_state.modeltoken.params.dispute_window=20s' \
  --set "app_state.modeltoken.params.raise_duration=${RAISE_S}s" \
  --set 'app_state.modeltoken.params.unbonding_duration=60s' \
  --set "app_state.modeltoken.params.attester_unbonding=$((EPOCH_S + 60))s" \
  --set 'app_state.modeltoken.params.attesters+=@attester2' \
  --set 'app_state.modeltoken.params.attesters+=@attester3' \
  --set 'app_state.modeltoken.params.guardians+=@validator' \
  --set 'app_state.modeltoken.params.revenue_reporters+=@reporter' \
  "${APP_SETTINGS[@]}"
addr() { "$BIN" keys show "$1" -a "${KR[@]}"; }

echo "localnet: starting flockd (log: $LOG_FILE)"
START_MS=$(( $(date +%s%N) / 1000000 ))
"$BIN" start --home "$HOME_DIR" --log_no_color >"$LOG_FILE" 2>&1 &
NODE_PID=$!
echo "$NODE_PID" > "$PID_FILE"

for _ in $(seq 120); do
  if ! kill -0 "$NODE_PID" 2>/dev/null; then
    echo "localnet: flockd exited; last log lines:" >&2; tail -n 30 "$LOG_FILE" >&2; exit 1
  fi
  height="$(curl -s "http://127.0.0.1:$RPC_PORT/status" 2>/dev/null | sed -n 's/.*"latest_block_height":"\([0-9]*\)".*/\1/p' || true)"
  [[ -n "$height" && "$height" -ge 1 ]] && break
  sleep 0.5
done
ELAPSED_MS=$(( $(date +%s%N) / 1000000 - START_MS ))
FIRST_BLOCK_S="$((ELAPSED_MS / 1000)).$(printf %03d $((ELAPSED_MS % 1000)))"

# Demo data: two model tokens launched, filled (which graduates them) and claimed.
tx() { # tx FROM args... : send, wait for the block, fail loudly on a non-zero code
  local from="$1"; shift
  local out hash
  out="$("$BIN" tx "$@" --from "$from" --chain-id "$CHAIN_ID" "${KR[@]}" --gas auto --gas-adjustment 1.5 -y -o json 2>>"$NET_DIR/demo.log" || true)"
  hash="$(echo "$out" | sed -n 's/.*"txhash":"\([0-9A-F]*\)".*/\1/p')"
  if [[ -z "$hash" ]]; then
    echo "localnet: 'flockd tx $*' failed:" >&2; tail -n 3 "$NET_DIR/demo.log" >&2; stop_node; exit 1
  fi
  if echo "$out" | grep -q '"code":[1-9]'; then echo "localnet: tx refused in CheckTx: $out" >&2; stop_node; exit 1; fi
  # Wait for the block by polling the chain's tx index (not a websocket
  # subscription, which a busy node may drop): the loop ends when the tx is
  # in a block; its bound (5 min) only ends a hang.
  for _ in $(seq 600); do
    if out="$("$BIN" query tx "$hash" -o json --home "$HOME_DIR" 2>/dev/null)"; then
      if echo "$out" | grep -q '"code":[1-9]'; then echo "localnet: tx failed: $out" >&2; stop_node; exit 1; fi
      return 0
    fi
    kill -0 "$NODE_PID" 2>/dev/null || { echo "localnet: flockd exited; last log lines:" >&2; tail -n 30 "$LOG_FILE" >&2; exit 1; }
    sleep 0.5
  done
  echo "localnet: tx $hash was not in a block after 5 minutes" >&2; stop_node; exit 1
}
echo "localnet: creating demo model tokens LLAMA and MISTRAL"
tx alice modeltoken create-launch demo LLAMA "Llama 3 8B" llama-3-8b --description "Demo chat model" --bundle-flock 1000000000
tx bob modeltoken buy 1 20000000000$DENOM 0
tx bob modeltoken create-launch demo MISTRAL "Mistral 7B" mistral-7b --description "Demo instruct model"
tx alice modeltoken buy 2 20000000000$DENOM 0
tx alice modeltoken claim 1
tx bob modeltoken claim 1
tx alice modeltoken claim 2
echo "localnet: demo stake (bob: 10,000 LLAMA) and gmFLOCK lock (alice: 10,000 FLOCK for 365 days)"
tx bob modeltoken stake 10000000000mt/llama
tx alice modeltoken lock 10000000000$DENOM 365
echo "localnet: the attesters bond 10,000 FLOCK each (attester_min_bond) behind their attestations (attester3 is the attester service's key)"
tx attester modeltoken bond-attester 10000000000$DENOM
tx attester2 modeltoken bond-attester 10000000000$DENOM
tx attester3 modeltoken bond-attester 10000000000$DENOM
# Usage goes on chain the production way: the gateway's billing records
# (here a JSON-lines file, the attester service's embedded source) are read
# by flock-attester, which posts each ended epoch's canonical batches.
BILLING="$NET_DIR/billing.jsonl"
cat > "$NET_DIR/flock-attester.toml" <<TOML
chain_id = "$CHAIN_ID"
grpc = ["127.0.0.1:$GRPC_PORT"]
key = "attester3"
keyring_backend = "test"
keyring_dir = "$HOME_DIR"
poll_interval = "2s"
listen = "$ATTESTER_LISTEN"
[source]
kind = "jsonl"
path = "$BILLING"
[journal]
kind = "file"
dir = "$NET_DIR/attester-journal"
TOML
"$ROOT/build/flock-attester" run --config "$NET_DIR/flock-attester.toml" >>"$NET_DIR/attester.log" 2>&1 &
echo $! > "$ATTESTER_PID_FILE"
echo "localnet: attester service started (log: $NET_DIR/attester.log); the gateway records usage for alice and bob on LLAMA"
NOW="$("$BIN" status --home "$HOME_DIR" 2>/dev/null | sed -n 's/.*"latest_block_time":"\([^"]*\)".*/\1/p')"
cat >> "$BILLING" <<JSONL
{"event_id": "localnet-1-alice", "user": "$(addr alice)", "model": "mt/llama", "spend_micro_usd": 12500000, "time": "$NOW"}
{"event_id": "localnet-1-bob", "user": "$(addr bob)", "model": "mt/llama", "spend_micro_usd": 3400000, "time": "$NOW"}
JSONL
echo "localnet: demo revenue deposit for LLAMA (20 FLOCK queued for the buyback: bought in bounded slices once the pool has 40 s of price history, burned at the next epoch)"
tx reporter modeltoken deposit-revenue mt/llama 50000000$DENOM
# A batch file for the submit-usage / confirm-usage / void-batch examples. No
# "epoch": the CLI posts it into the current epoch.
cat > "$NET_DIR/batch.json" <<JSON
{"denom": "mt/llama", "batch_id": "example-1",
 "rows": [{"user": "$(addr alice)", "spend": "2000000"}, {"user": "$(addr bob)", "spend": "1000000"}]}
JSON

# The demo driver keeps the economy moving while the node runs: each epoch
# it posts usage, deposits revenue and claims alice's rewards.
if [[ "${LOCALNET_DEMO:-1}" != 0 ]]; then
  BIN="$BIN" HOME_DIR="$HOME_DIR" CHAIN_ID="$CHAIN_ID" LOG="$NET_DIR/demo.log" BILLING="$BILLING" \
    nohup "$ROOT/scripts/localnet-demo.sh" >>"$NET_DIR/demo.log" 2>&1 &
  echo $! > "$DEMO_PID_FILE"
fi

if [[ "$WEB" != 0 ]]; then
  "$ROOT/build/webserve" -dir "$ROOT/web/dist" -listen "127.0.0.1:$WEB_PORT" -chain-id "$CHAIN_ID" \
    -rest "http://127.0.0.1:$API_PORT" -rpc "http://127.0.0.1:$RPC_PORT" \
    -dev-wallet "$NET_DIR/dev-wallet.json" >>"$NET_DIR/web.log" 2>&1 &
  echo $! > "$WEB_PID_FILE"
fi

# Epoch 1 started with the first block; it settles an epoch + 20 s grace + 20 s
# dispute window later (block time).
EPOCH_JSON="$("$BIN" query modeltoken epoch -o json --home "$HOME_DIR" | tr -d ' \n')"
EPOCH_NOW="$(echo "$EPOCH_JSON" | sed -n 's/.*"number":"\([0-9]*\)".*/\1/p')"
EPOCH_START="$(echo "$EPOCH_JSON" | sed -n 's/.*"start_time":"\([^"]*\)".*/\1/p')"
SETTLE_AT="$(date -u -d "@$(( $(date -u -d "$EPOCH_START" +%s) - (EPOCH_NOW - 1) * EPOCH_S + EPOCH_S + 40 ))" +%H:%M:%S 2>/dev/null || echo "160 s after the first block,")"
cat <<INFO

flockd localnet is running (chain-id $CHAIN_ID, pid $NODE_PID, first block after ${FIRST_BLOCK_S}s)
  RPC      http://127.0.0.1:$RPC_PORT
  gRPC     127.0.0.1:$GRPC_PORT
  REST     http://127.0.0.1:$API_PORT   (CORS enabled)
  OpenAPI  http://127.0.0.1:$API_PORT/swagger/   (Swagger UI; the document: docs/openapi.yml)
$( [[ "$WEB" != 0 ]] && echo "  Web app  http://127.0.0.1:$WEB_PORT/   (pick alice or bob in the DEV-ONLY wallet, top right)" )
  home     $HOME_DIR
  keys     validator (also guardian), alice, bob, attester, attester2, attester3 (the attester service), reporter
           (test keyring, DEV-ONLY fixed mnemonics: same addresses every reset)

What happens next (block time):
  - epochs last ${EPOCH_S} s; epoch 1's usage is sealed 20 s after it ends and it settles 20 s later
    (dispute window): the first rewards are claimable at about $SETTLE_AT UTC;
  - the demo driver (log: $NET_DIR/demo.log) records billing events for alice and bob in
    $NET_DIR/billing.jsonl, deposits revenue and claims alice's rewards every epoch; the
    attester service (flock-attester, log: $NET_DIR/attester.log) posts each ended epoch's
    usage from those events; the revenue buyback runs over the next blocks and the MT it
    bought is burned at the start of the next epoch.

Use the chain (every command and help example works as pasted once FLOCKD_HOME is set):
  export FLOCKD_HOME=$HOME_DIR PATH=$ROOT/build:\$PATH
  flockd query modeltoken launches
  flockd query modeltoken epoch
  flockd query modeltoken rewards \$(flockd keys show alice -a)     # after the first settlement
  flockd query modeltoken revenue mt/llama                          # mt_bought, mt_burned grow each epoch
  flockd query modeltoken twap mt/llama
  flockd query modeltoken attester \$(flockd keys show attester -a)
  flockd tx modeltoken claim-rewards --from bob
  flockd tx modeltoken swap mt/llama 1000000000uflock 1 --from bob  # gas is simulated by default
  curl -s http://127.0.0.1:$API_PORT/flock/modeltoken/v1/launches?status=LAUNCH_STATUS_GRADUATED

INFO

if [[ "$BACKGROUND" == 1 ]]; then
  echo "Running in the background; stop it with: make localnet-stop"
  exit 0
fi
echo "Press Ctrl-C to stop."
trap 'stop_node; exit 0' INT TERM
wait "$NODE_PID" || true
rm -f "$PID_FILE"
