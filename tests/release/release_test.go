// Package release checks that release binaries are reproducible.
package release

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestReleaseIsReproducible: the release build of flockd for linux/amd64,
// made from two copies of the source tree in different directories, gives
// the same bytes, and `flockd version --long` names the version, the commit
// and the Go that built it.
func TestReleaseIsReproducible(t *testing.T) {
	if testing.Short() {
		t.Skip("builds flockd twice")
	}
	root, err := filepath.Abs("../..")
	require.NoError(t, err)
	pinned, err := os.ReadFile(filepath.Join(root, "scripts", "release-go-version"))
	require.NoError(t, err)
	goVersion, err := exec.Command("go", "env", "GOVERSION").Output()
	require.NoError(t, err)
	if strings.TrimSpace(string(goVersion)) != strings.TrimSpace(string(pinned)) {
		t.Skipf("releases are built with %s, this machine has %s", pinned, goVersion)
	}
	tracked, err := exec.Command("git", "-C", root, "ls-files", "-z", "--cached", "--others", "--exclude-standard").Output()
	require.NoError(t, err)
	var sums []string
	for _, dir := range []string{filepath.Join(t.TempDir(), "a"), filepath.Join(t.TempDir(), "elsewhere", "b")} {
		copyTree(t, root, dir, strings.Split(strings.TrimRight(string(tracked), "\x00"), "\x00"))
		out := filepath.Join(t.TempDir(), "flockd")
		build := exec.Command("./scripts/release-build.sh", "amd64", "flockd", "v9.9.9-test", "0123456789abcdef", out)
		build.Dir = dir
		msg, err := build.CombinedOutput()
		require.NoError(t, err, string(msg))
		bz, err := os.ReadFile(out)
		require.NoError(t, err)
		sum := sha256.Sum256(bz)
		sums = append(sums, hex.EncodeToString(sum[:]))
		require.False(t, bytes.Contains(bz, []byte(dir)), "the build directory is not in the binary")

		v, err := exec.Command(out, "version", "--long").CombinedOutput()
		require.NoError(t, err, string(v))
		require.Contains(t, string(v), "version: v9.9.9-test")
		require.Contains(t, string(v), "commit: 0123456789abcdef")
		require.Contains(t, string(v), strings.TrimSpace(string(pinned)))
	}
	require.Equal(t, sums[0], sums[1], "two builds of one commit give the same bytes")
}

// copyTree copies the source files of root (tracked, or new and not
// ignored) to dir.
func copyTree(t *testing.T, root, dir string, files []string) {
	t.Helper()
	for _, f := range files {
		src := filepath.Join(root, f)
		info, err := os.Lstat(src)
		if errors.Is(err, fs.ErrNotExist) {
			continue // deleted in the working tree
		}
		require.NoError(t, err)
		dst := filepath.Join(dir, f)
		require.NoError(t, os.MkdirAll(filepath.Dir(dst), 0o755))
		if info.Mode()&fs.ModeSymlink != 0 {
			target, err := os.Readlink(src)
			require.NoError(t, err)
			require.NoError(t, os.Symlink(target, dst))
			continue
		}
		bz, err := os.ReadFile(src)
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(dst, bz, info.Mode().Perm()))
	}
}
