#!/usr/bin/env bash
# Regenerates web/src/gen: TypeScript types, encoders and JSON codecs for
# every x/modeltoken message and query, offline. The generator is ts-proto,
# pinned in web/package.json and installed from web/package-lock.json by
# `npm ci`; protoc and the imported .proto files come from the same places
# as for the Go code (scripts/protocgen.sh, which calls this).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"

if ! command -v npm >/dev/null; then
  echo "protocgen-web: npm missing (apt-get install -y nodejs npm): web/src/gen not regenerated" >&2
  exit 1
fi
PLUGIN="$ROOT/web/node_modules/.bin/protoc-gen-ts_proto"
if [[ ! -x "$PLUGIN" ]]; then
  echo "protocgen-web: npm ci (web/package-lock.json)"
  (cd web && npm ci --no-audit --no-fund --loglevel=error)
fi

moddir() { go mod download -json "$1@$2" | sed -n 's/.*"Dir": "\(.*\)",/\1/p'; }
SDK_DIR="$(moddir github.com/cosmos/cosmos-sdk "$(go list -m -f '{{.Version}}' github.com/cosmos/cosmos-sdk)")"
GOGO_DIR="$(moddir github.com/cosmos/gogoproto "$(go list -m -f '{{.Version}}' github.com/cosmos/gogoproto)")"
CPROTO_DIR="$(moddir github.com/cosmos/cosmos-proto "$(go list -m -f '{{.Version}}' github.com/cosmos/cosmos-proto)")"
GW_DIR="$(moddir github.com/grpc-ecosystem/grpc-gateway v1.16.0)"

OUT="$(mktemp -d)"
trap 'rm -rf "$OUT"' EXIT

# forceLong=string: uint64 and int64 stay exact decimal strings, as the REST
# gateway sends them; useDate: timestamps are Date; no services (the client
# queries REST and signs through CosmJS).
protoc -I proto -I "$SDK_DIR/proto" -I "$GOGO_DIR" -I "$CPROTO_DIR/proto" \
  -I "$GW_DIR/third_party/googleapis" -I /usr/include \
  --plugin=protoc-gen-ts_proto="$PLUGIN" \
  --ts_proto_out="$OUT" \
  --ts_proto_opt=esModuleInterop=true,forceLong=string,outputServices=false,useDate=true,env=browser,importSuffix=.js \
  proto/flock/modeltoken/v1/*.proto

rm -rf web/src/gen
mkdir -p web/src/gen
cp -r "$OUT"/. web/src/gen/
# What the Amino JSON sign mode adds to the proto JSON (web/src/client/amino.ts).
go run ./scripts/aminofields web/src/gen/amino_fields.json
echo "protocgen-web: web/src/gen done"
