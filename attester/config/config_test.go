package config

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

func TestLoadFileThenEnvironment(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.toml")
	require.NoError(t, os.WriteFile(path, []byte(`
chain_id = "flock-1"
grpc = ["127.0.0.1:9090"]
key = "attester"
poll_interval = "5s"
[source]
kind = "postgres"
dsn = "postgres://file"
[journal]
kind = "file"
dir = "/tmp/j"
`), 0o600))
	cfg, err := Load(path, []string{"FLOCK_ATTESTER_SOURCE_DSN=postgres://env", "FLOCK_ATTESTER_GRPC=a:1,b:2",
		"FLOCK_ATTESTER_BUILD_DELAY=3s", "FLOCK_ATTESTER_RESEND_AFTER_BLOCKS=4", "OTHER=x"})
	require.NoError(t, err)
	require.Equal(t, "postgres://env", cfg.Source.DSN, "the environment wins")
	require.Equal(t, []string{"a:1", "b:2"}, cfg.GRPC)
	require.Equal(t, 5*time.Second, cfg.PollInterval.Duration)
	require.Equal(t, 3*time.Second, cfg.BuildDelay.Duration)
	require.Equal(t, int64(4), cfg.ResendAfterBlocks)
	require.Equal(t, "test", cfg.KeyringBackend, "a default")
}

func TestLoadRefuses(t *testing.T) {
	for _, tc := range []struct{ name, file, err string }{
		{"unknown key", "chain_id = \"x\"\nchian = 1\n", "chian"},
		{"missing essentials", "", "chain_id is required"},
		{"bad source kind", "chain_id=\"x\"\ngrpc=[\"a\"]\nkey=\"k\"\n[source]\nkind=\"csv\"\n[journal]\ndir=\"d\"\n", `source.kind "csv"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "a.toml")
			require.NoError(t, os.WriteFile(path, []byte(tc.file), 0o600))
			_, err := Load(path, nil)
			require.ErrorContains(t, err, tc.err)
		})
	}
}
