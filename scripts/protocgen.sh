#!/usr/bin/env bash
# Regenerates the Go code for proto/ offline: plugins are pinned and installed
# with `go install` from the Go module proxy, protoc comes from Debian's
# protobuf-compiler, and every imported .proto is read from the Go module cache.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"

GOGOPROTO_VERSION="$(go list -m -f '{{.Version}}' github.com/cosmos/gogoproto)"
GRPC_GATEWAY_VERSION="v1.16.0"

TOOLS_BIN="$ROOT/.tools/bin"
mkdir -p "$TOOLS_BIN"
export PATH="$TOOLS_BIN:$PATH"

install_tool() { # $1 binary, $2 package@version
  local stamp="$TOOLS_BIN/.$1.version"
  if [[ ! -x "$TOOLS_BIN/$1" || "$(cat "$stamp" 2>/dev/null)" != "$2" ]]; then
    echo "installing $2"
    GOBIN="$TOOLS_BIN" go install "$2"
    echo "$2" > "$stamp"
  fi
}
install_tool protoc-gen-gocosmos "github.com/cosmos/gogoproto/protoc-gen-gocosmos@${GOGOPROTO_VERSION}"
install_tool protoc-gen-grpc-gateway "github.com/grpc-ecosystem/grpc-gateway/protoc-gen-grpc-gateway@${GRPC_GATEWAY_VERSION}"
install_tool protoc-gen-swagger "github.com/grpc-ecosystem/grpc-gateway/protoc-gen-swagger@${GRPC_GATEWAY_VERSION}"

command -v protoc >/dev/null || { echo "protoc missing: apt-get install -y protobuf-compiler" >&2; exit 1; }

# Include paths from the module cache (go mod download is a no-op when cached).
moddir() { go mod download -json "$1@$2" | sed -n 's/.*"Dir": "\(.*\)",/\1/p'; }
SDK_DIR="$(moddir github.com/cosmos/cosmos-sdk "$(go list -m -f '{{.Version}}' github.com/cosmos/cosmos-sdk)")"
GOGO_DIR="$(moddir github.com/cosmos/gogoproto "$GOGOPROTO_VERSION")"
CPROTO_DIR="$(moddir github.com/cosmos/cosmos-proto "$(go list -m -f '{{.Version}}' github.com/cosmos/cosmos-proto)")"
GW_DIR="$(moddir github.com/grpc-ecosystem/grpc-gateway "$GRPC_GATEWAY_VERSION")"
IBC_DIR="$(moddir github.com/cosmos/ibc-go/v11 "$(go list -m -f '{{.Version}}' github.com/cosmos/ibc-go/v11)")"

OUT="$(mktemp -d)"
trap 'rm -rf "$OUT"' EXIT

INCLUDES=(-I proto -I "$SDK_DIR/proto" -I "$GOGO_DIR" -I "$CPROTO_DIR/proto"
  -I "$GW_DIR/third_party/googleapis" -I /usr/include)
# IBC's protos, for the OpenAPI document only (flockd generates no code from
# them). The connection queries are left out: they import cosmos/ics23's
# proofs.proto, which no Go module in the cache ships.
OPENAPI_INCLUDES=("${INCLUDES[@]}" -I "$IBC_DIR/proto")

for dir in $(find proto -name '*.proto' -exec dirname {} \; | sort -u); do
  protoc "${INCLUDES[@]}" \
    --gocosmos_out=plugins=grpc,Mgoogle/protobuf/any.proto=github.com/cosmos/gogoproto/types/any:"$OUT" \
    --grpc-gateway_out=logtostderr=true,allow_colon_final_segments=true:"$OUT" \
    "$dir"/*.proto
done

# Move generated files next to the Go packages named by go_package.
MODULE="$(go list -m)"
find "$OUT/$MODULE" -name '*.go' | while read -r f; do
  rel="${f#"$OUT/$MODULE/"}"
  mkdir -p "$(dirname "$rel")"
  cp "$f" "$rel"
done

# OpenAPI: one Swagger file per gRPC query service the node's REST gateway
# serves (x/modeltoken and the SDK modules app/app.go runs, plus the tx,
# CometBFT and node services), merged into docs/openapi.yml. TAG=proto file.
SERVICES=(
  modeltoken=flock/modeltoken/v1/query.proto
  auth=cosmos/auth/v1beta1/query.proto
  bank=cosmos/bank/v1beta1/query.proto
  staking=cosmos/staking/v1beta1/query.proto
  distribution=cosmos/distribution/v1beta1/query.proto
  gov=cosmos/gov/v1/query.proto
  gov-v1beta1=cosmos/gov/v1beta1/query.proto
  mint=cosmos/mint/v1beta1/query.proto
  slashing=cosmos/slashing/v1beta1/query.proto
  upgrade=cosmos/upgrade/v1beta1/query.proto
  evidence=cosmos/evidence/v1beta1/query.proto
  consensus=cosmos/consensus/v1/query.proto
  tx=cosmos/tx/v1beta1/service.proto
  cometbft=cosmos/base/tendermint/v1beta1/query.proto
  node=cosmos/base/node/v1beta1/query.proto
  ibc-client=ibc/core/client/v1/query.proto
  ibc-channel=ibc/core/channel/v1/query.proto
  ibc-channel-v2=ibc/core/channel/v2/query.proto
  ibc-transfer=ibc/applications/transfer/v1/query.proto
  ratelimiting=ibc/applications/rate_limiting/v1/query.proto
)
SWAGGER_OUT="$OUT/swagger"
mkdir -p "$SWAGGER_OUT"
MERGE_ARGS=()
for svc in "${SERVICES[@]}"; do
  tag="${svc%%=*}" file="${svc#*=}"
  protoc "${OPENAPI_INCLUDES[@]}" \
    --swagger_out=logtostderr=true,fqn_for_swagger_name=true,simple_operation_ids=true:"$SWAGGER_OUT" "$file"
  MERGE_ARGS+=("$tag=$SWAGGER_OUT/${file%.proto}.swagger.json")
done
go run ./scripts/openapi docs/openapi.yml "${MERGE_ARGS[@]}"
./scripts/protocgen-web.sh
echo "proto-gen: done"
