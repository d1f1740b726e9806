#!/usr/bin/env bash
# Random fuzzing of every Go fuzz target of x/modeltoken for a fixed time each.
#   scripts/fuzz.sh [FUZZTIME]     default 30s per target; e.g. 5m for a long run
# `make test` does not fuzz: it runs every target's seed corpus (the f.Add
# calls and testdata/fuzz/), which plain `go test` does. Progress lines
# (execs, new inputs) stream as go test prints them; the first build of the
# instrumented test binary takes a few minutes on 2 cores. A failing input is
# written under testdata/fuzz/ and should be committed with its fix.
set -euo pipefail
cd "$(dirname "$0")/.."
FUZZTIME="${1:-30s}"
PKG=./x/modeltoken/keeper/
TARGETS="$(go test -list '^Fuzz' "$PKG" | grep '^Fuzz')"
n=$(echo "$TARGETS" | wc -w)
i=0
for target in $TARGETS; do
  i=$((i + 1))
  echo "fuzz [$i/$n]: $target for $FUZZTIME"
  if ! go test -run '^$' -fuzz "^${target}\$" -fuzztime "$FUZZTIME" "$PKG"; then
    echo "fuzz: $target failed (the failing input is under x/modeltoken/keeper/testdata/fuzz/$target)" >&2
    exit 1
  fi
done
echo "fuzz: $n targets passed"
