#!/usr/bin/env bash
# Builds the Go relayer (github.com/cosmos/relayer/v2, pinned) from the Go
# module proxy into .tools/bin/rly and prints its path. The relayer is its
# own Go module (SDK v0.50, ibc-go v8), so it is built from its module
# source with its own go.mod, never linked into flockd. `go install
# module@version` is refused here (the proxy does not list the module's
# versions, which go install asks for), so the source is fetched with
# `go mod download` and built in a copy.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
VERSION="${RELAYER_VERSION:-v2.6.0}"
BIN="$ROOT/.tools/bin/rly"
STAMP="$ROOT/.tools/bin/.rly.version"
if [[ -x "$BIN" && "$(cat "$STAMP" 2>/dev/null)" == "$VERSION" ]]; then
  echo "$BIN"
  exit 0
fi
SRC="$(cd "$ROOT" && go mod download -json "github.com/cosmos/relayer/v2@$VERSION" | sed -n 's/.*"Dir": "\(.*\)",/\1/p')"
[[ -n "$SRC" ]] || { echo "install-relayer: could not download github.com/cosmos/relayer/v2@$VERSION" >&2; exit 1; }
WORK="$ROOT/.tools/relayer-$VERSION"
rm -rf "$WORK"
mkdir -p "$ROOT/.tools/bin"
cp -r "$SRC" "$WORK"
chmod -R u+w "$WORK"
(cd "$WORK" && GOWORK=off GOFLAGS=-mod=mod go build -trimpath -o "$BIN" .) >&2
echo "$VERSION" > "$STAMP"
rm -rf "$WORK"
echo "$BIN"
