#!/usr/bin/env bash
# One reproducible release binary (scripts/release.sh and tests/release):
#   scripts/release-build.sh ARCH CMD VERSION COMMIT OUT
# Run from the source tree to build. Nothing of the machine enters the
# bytes: no cgo, -trimpath (no directory), no VCS stamp, the version and
# commit given.
set -euo pipefail
arch="$1" cmd="$2" version="$3" commit="$4" out="$5"
SDK=github.com/cosmos/cosmos-sdk/version
CGO_ENABLED=0 GOOS=linux GOARCH="$arch" GOFLAGS=-buildvcs=false \
  go build -trimpath -ldflags "-s -w -X $SDK.Name=flockd -X $SDK.AppName=flockd -X $SDK.Version=$version -X $SDK.Commit=$commit" \
  -o "$out" "./cmd/$cmd"
