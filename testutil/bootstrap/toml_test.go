package bootstrap

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

const sampleTOML = `# top comment
minimum-gas-prices = "1uflock"

[grpc]
# the address
address = "localhost:9090"

[grpc-web]
enable = true

[api]
enable = false
address = "tcp://localhost:1317"
`

func TestSetTOML(t *testing.T) {
	for _, tc := range []struct {
		name string
		set  [][2]string
		want string
		err  string
	}{
		{"top-level key, section keys, comments kept", [][2]string{
			{"minimum-gas-prices", "0uflock"}, {"api.enable", "true"}, {"grpc.address", "127.0.0.1:1"},
		}, `# top comment
minimum-gas-prices = "0uflock"

[grpc]
# the address
address = "127.0.0.1:1"

[grpc-web]
enable = true

[api]
enable = true
address = "tcp://localhost:1317"
`, ""},
		// [grpc-web] is not [grpc]: grpc.enable does not exist here.
		{"section matched exactly", [][2]string{{"grpc.enable", "false"}}, "", `no key "grpc.enable"`},
		{"misspelt key", [][2]string{{"api.enabled", "true"}}, "", `no key "api.enabled"`},
		{"arrays and numbers as they are", [][2]string{{"api.address", `["*"]`}, {"api.enable", "7"}}, `# top comment
minimum-gas-prices = "1uflock"

[grpc]
# the address
address = "localhost:9090"

[grpc-web]
enable = true

[api]
enable = 7
address = ["*"]
`, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "app.toml")
			require.NoError(t, os.WriteFile(path, []byte(sampleTOML), 0o644))
			err := setTOML(path, tc.set)
			if tc.err != "" {
				require.ErrorContains(t, err, tc.err)
				return
			}
			require.NoError(t, err)
			got, err := os.ReadFile(path)
			require.NoError(t, err)
			require.Equal(t, tc.want, string(got))
		})
	}
}
