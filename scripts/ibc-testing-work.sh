#!/usr/bin/env bash
# Prints the path of a Go workspace file under which ibc-go's own testing
# package (github.com/cosmos/ibc-go/v11/testing) compiles against flockd's
# Cosmos SDK v0.55. tests/ibc (build tag ibctesting) runs under it:
#   GOWORK="$(scripts/ibc-testing-work.sh)" go test -tags ibctesting ./tests/ibc/
#
# Why: ibc-go v11.2.0 targets SDK v0.54. Its modules build and run with v0.55
# unchanged (flockd links them as they are), but its testing package imports
# its testing/simapp, whose app.go passes a trailing legacy-params argument
# (nil) to SDK module constructors that v0.55 no longer take:
#   testing/simapp/app.go:506:82: too many arguments in call to auth.NewAppModule
#   (bank, gov, mint, slashing, distr, staking at 508-513; auth again at 615)
# `go build -overlay` may not replace files in the module cache, so this
# copies the ibc-go module from the cache into .tools/ (not committed), drops
# those eight arguments there, and writes a go.work that uses the copy beside
# flockd. Nothing else of ibc-go changes, and flockd's go.mod is untouched.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
VERSION="$(go list -m -f '{{.Version}}' github.com/cosmos/ibc-go/v11)"
SRC="$(go mod download -json "github.com/cosmos/ibc-go/v11@$VERSION" | sed -n 's/.*"Dir": "\(.*\)",/\1/p')"
TOOLS="$ROOT/.tools"
COPY="$TOOLS/ibc-go-$VERSION"
if [[ ! -f "$COPY/.patched" ]]; then
  rm -rf "$COPY"
  mkdir -p "$TOOLS"
  cp -r "$SRC" "$COPY"
  chmod -R u+w "$COPY"
  APP="$COPY/testing/simapp/app.go"
  sed -E -i \
    -e 's/^(\s*(authtypes\.ModuleName: )?(auth|bank|gov|mint|distr|staking)\.NewAppModule\(.*), nil\),$/\1),/' \
    -e 's/(slashing\.NewAppModule\(.*app\.StakingKeeper), nil, (app\.interfaceRegistry\),)$/\1, \2/' \
    "$APP"
  changed="$(diff "$SRC/testing/simapp/app.go" "$APP" | grep -c '^>' || true)"
  if [[ "$changed" != 8 ]]; then
    echo "ibc-testing-work: expected to patch 8 lines of testing/simapp/app.go, patched $changed (a new ibc-go? review this script)" >&2
    exit 1
  fi
  touch "$COPY/.patched"
fi
GOVERSION="$(sed -n 's/^go //p' go.mod)"
cat > "$TOOLS/ibc.work" <<WORK
go $GOVERSION

use (
	$ROOT
	$COPY
)
WORK
echo "$TOOLS/ibc.work"
