#!/usr/bin/env bash
# Four flockd validators on loopback: separate homes, ports and processes.
#
#   scripts/localnet-multi.sh              init + start all four, print endpoints, return
#   scripts/localnet-multi.sh init         build homes, keys and a collected genesis only
#   scripts/localnet-multi.sh start        start all four (after init)
#   scripts/localnet-multi.sh start-node N start validator N (0-3) again, e.g. after a kill
#   scripts/localnet-multi.sh stop-node N  stop validator N by its PID
#   scripts/localnet-multi.sh stop         stop all four by PID
#   scripts/localnet-multi.sh status       height and app hash of each node
#
# Layout under $LOCALNET_DIR (default ./.localnet-multi): node0..node3 homes
# with node<i>.pid and node<i>.log, set up by cmd/flock-localnet from
# scripts/localnet/overrides.json (the bootstrap make localnet and the e2e
# tests share). Each home's test keyring holds its validator's key as
# "validator"; node0's also holds the overrides' accounts (alice, bob,
# attester, attester2, reporter).
# Ports: node i uses BASE_PORT+10*i + {0 p2p, 1 rpc, 2 grpc, 3 rest}.
# FLOCKD_BIN overrides the binary (default: make build, then ./build/flockd).
# NODE_HOSTS and NODE_NETNS (four space-separated entries each, optional)
# put node i on address NODE_HOSTS[i] inside network namespace NODE_NETNS[i]
# (made by the caller, e.g. the partition e2e); by default all four listen
# on 127.0.0.1 in the current namespace.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
NET_DIR="${LOCALNET_DIR:-$ROOT/.localnet-multi}"
BASE_PORT="${BASE_PORT:-27000}"
CHAIN_ID="${CHAIN_ID:-flock-multi-1}"
TIMEOUT_COMMIT="${TIMEOUT_COMMIT:-1s}"
BIN="${FLOCKD_BIN:-$ROOT/build/flockd}"
SETUP="${SETUP_BIN:-$ROOT/build/flock-localnet}"
NODES=4

read -r -a HOSTS <<<"${NODE_HOSTS:-}"
read -r -a NETNS <<<"${NODE_NETNS:-}"
home() { echo "$NET_DIR/node$1"; }
host() { echo "${HOSTS[$1]:-127.0.0.1}"; }
port() { echo $((BASE_PORT + 10 * $1 + $2)); } # port NODE OFFSET
rpc() { echo "tcp://$(host "$1"):$(port "$1" 1)"; }

height() { # height NODE: latest height, empty if the node does not answer
  "$BIN" status --node "$(rpc "$1")" 2>/dev/null | sed -n 's/.*"latest_block_height":"\([0-9]*\)".*/\1/p' || true
}

build() { # build flockd unless FLOCKD_BIN is given; "if-missing" only builds when there is no binary
  if [[ "${1:-}" == if-missing && -x "$BIN" ]]; then return; fi
  if [[ -z "${FLOCKD_BIN:-}" ]]; then
    echo "localnet-multi: building flockd"
    make -C "$ROOT" --no-print-directory build >/dev/null
  fi
  [[ -x "$SETUP" ]] || (cd "$ROOT" && go build -o "$SETUP" ./cmd/flock-localnet)
}

init_net() {
  stop_all
  # The attester is also the revenue reporter here.
  "$SETUP" init --bin "$BIN" --dir "$NET_DIR" --overrides "$ROOT/scripts/localnet/overrides.json" --chain-id "$CHAIN_ID" \
    --nodes "$NODES" --base-port "$BASE_PORT" --hosts "${NODE_HOSTS:-}" \
    --config "consensus.timeout_commit=$TIMEOUT_COMMIT" \
    --set 'app_state.modeltoken.params.revenue_reporters+=@attester'
  echo "localnet-multi: initialised $NODES validators under $NET_DIR"
}

start_node() {
  local i="$1" hi; hi="$(home "$i")"
  local pid_file="$NET_DIR/node$i.pid"
  if [[ -f "$pid_file" ]] && kill -0 "$(cat "$pid_file")" 2>/dev/null; then
    echo "localnet-multi: node$i already running (pid $(cat "$pid_file"))"; return
  fi
  if [[ -n "${NETNS[$i]:-}" ]]; then
    ip netns exec "${NETNS[$i]}" "$BIN" start --home "$hi" >>"$NET_DIR/node$i.log" 2>&1 &
  else
    "$BIN" start --home "$hi" >>"$NET_DIR/node$i.log" 2>&1 &
  fi
  echo $! >"$pid_file"
  echo "localnet-multi: node$i started (pid $!)"
}

stop_node() {
  local i="$1" pid_file="$NET_DIR/node$1.pid"
  [[ -f "$pid_file" ]] || return 0
  local pid; pid="$(cat "$pid_file")"
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    for _ in $(seq 75); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -9 "$pid" 2>/dev/null || true
    echo "localnet-multi: node$i stopped (pid $pid)"
  fi
  rm -f "$pid_file"
}

stop_all() {
  [[ -d "$NET_DIR" ]] || return 0
  for i in $(seq 0 $((NODES - 1))); do stop_node "$i"; done
}

wait_blocks() { # every node at height >= 2
  for i in $(seq 0 $((NODES - 1))); do
    local ok=0
    for _ in $(seq 240); do
      local h; h="$(height "$i")"
      if [[ -n "$h" && "$h" -ge 2 ]]; then ok=1; break; fi
      if ! kill -0 "$(cat "$NET_DIR/node$i.pid")" 2>/dev/null; then break; fi
      sleep 0.5
    done
    if [[ "$ok" != 1 ]]; then
      echo "localnet-multi: node$i is not making blocks; last log lines:" >&2
      tail -n 30 "$NET_DIR/node$i.log" >&2
      exit 1
    fi
  done
}

status() {
  for i in $(seq 0 $((NODES - 1))); do
    local h; h="$(height "$i")"
    local hash=""
    [[ -n "$h" ]] && hash="$("$BIN" query block --type=height "$h" --node "$(rpc "$i")" -o json 2>/dev/null |
      sed -n 's/.*"app_hash":"\([^"]*\)".*/\1/p' | head -1)"
    echo "node$i height=${h:-down} app_hash=${hash:-?}"
  done
}

case "${1:-}" in
  init) build; init_net ;;
  start) build if-missing; for i in $(seq 0 $((NODES - 1))); do start_node "$i"; done; wait_blocks ;;
  start-node) build if-missing; start_node "${2:?node index}" ;;
  stop-node) stop_node "${2:?node index}" ;;
  stop) stop_all ;;
  status) status ;;
  "")
    build; init_net
    for i in $(seq 0 $((NODES - 1))); do start_node "$i"; done
    wait_blocks
    cat <<INFO

flockd 4-validator localnet is running (chain-id $CHAIN_ID)
$(for i in $(seq 0 $((NODES - 1))); do echo "  node$i  RPC $(rpc "$i")  gRPC $(host "$i"):$(port "$i" 2)  REST http://$(host "$i"):$(port "$i" 3)  home $(home "$i")"; done)
  keys (test keyring in node0): validator, alice, bob, attester

Try:
  scripts/localnet-multi.sh status
  $BIN query modeltoken params --home $(home 0)
  scripts/localnet-multi.sh stop-node 3; scripts/localnet-multi.sh start-node 3
Stop everything with: make localnet-multi-stop
INFO
    ;;
  *) echo "usage: $0 [init|start|start-node N|stop-node N|stop|status]" >&2; exit 2 ;;
esac
