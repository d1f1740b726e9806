#!/usr/bin/env bash
# Release binaries: flockd and flock-attester for linux/amd64 and
# linux/arm64, static (CGO_ENABLED=0), stripped, -trimpath, with the version
# and commit in `flockd version --long`, and SHA-256 checksums.
#
#   scripts/release.sh [OUT_DIR]     (default dist/)
#
# Reproducible: the same commit built with the pinned Go version gives the
# same bytes on any machine and in any directory (tests/release checks it).
# The pinned version is scripts/release-go-version; another Go refuses to
# build a release (RELEASE_ANY_GO=1 overrides, for a local try only).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
OUT="${1:-$ROOT/dist}"
PINNED="$(cat "$ROOT/scripts/release-go-version")"
HAVE="$(go env GOVERSION)"
if [[ "$HAVE" != "$PINNED" && "${RELEASE_ANY_GO:-}" != 1 ]]; then
  echo "release: Go $HAVE, but releases are built with $PINNED (scripts/release-go-version)" >&2
  exit 1
fi
VERSION="${VERSION:-$(git -C "$ROOT" describe --tags --always --dirty 2>/dev/null || echo unknown)}"
COMMIT="${COMMIT:-$(git -C "$ROOT" rev-parse HEAD 2>/dev/null || echo unknown)}"
mkdir -p "$OUT"
for arch in amd64 arm64; do
  for cmd in flockd flock-attester; do
    out="$OUT/$cmd-$VERSION-linux-$arch"
    echo "release: $out"
    (cd "$ROOT" && "$ROOT/scripts/release-build.sh" "$arch" "$cmd" "$VERSION" "$COMMIT" "$out")
  done
done
(cd "$OUT" && sha256sum -- *-"$VERSION"-linux-* > "SHA256SUMS-$VERSION")
echo "release: $OUT/SHA256SUMS-$VERSION"
cat "$OUT/SHA256SUMS-$VERSION"
