#!/usr/bin/env bash
# Run every Go fuzz target of x/modeltoken for a fixed time each.
#   scripts/fuzz.sh [FUZZTIME]     default 10s per target (make test); e.g. 5m for a long run
# Seed corpora are the f.Add calls in the tests (plain `go test` runs them
# too); a failing input found here is written under testdata/fuzz/ and
# should be committed with its fix.
set -euo pipefail
cd "$(dirname "$0")/.."
FUZZTIME="${1:-10s}"
PKG=./x/modeltoken/keeper/
TARGETS="$(go test -list '^Fuzz' "$PKG" | grep '^Fuzz')"
for target in $TARGETS; do
  echo "fuzz: $target for $FUZZTIME"
  log="$(mktemp)"
  if ! go test -run '^$' -fuzz "^${target}\$" -fuzztime "$FUZZTIME" "$PKG" >"$log" 2>&1; then
    cat "$log" >&2; rm -f "$log"; echo "fuzz: $target failed" >&2; exit 1
  fi
  grep -E '^fuzz: elapsed' "$log" | tail -n 1 || true
  rm -f "$log"
done
