package bootstrap

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/stretchr/testify/require"
)

func TestApplyEdit(t *testing.T) {
	addr := func(name string) (string, error) {
		if name == "alice" {
			return "flock1alice", nil
		}
		return "", fmt.Errorf("no account named %q", name)
	}
	base := `{"a": {"s": "x", "n": 1, "list": ["k"], "big": 1}}`
	for _, tc := range []struct {
		name, edit, want, err string
	}{
		{"string", "a.s=60s", `{"a":{"big":1,"list":["k"],"n":1,"s":"60s"}}`, ""},
		{"number stays exact", "a.big=123456789012345678901234567890", `{"a":{"big":123456789012345678901234567890,"list":["k"],"n":1,"s":"x"}}`, ""},
		{"append", "a.list+=v", `{"a":{"big":1,"list":["k","v"],"n":1,"s":"x"}}`, ""},
		{"append an object", `a.list+={"id":"demo"}`, `{"a":{"big":1,"list":["k",{"id":"demo"}],"n":1,"s":"x"}}`, ""},
		{"address", "a.s=@alice", `{"a":{"big":1,"list":["k"],"n":1,"s":"flock1alice"}}`, ""},
		{"append an address", "a.list+=@alice", `{"a":{"big":1,"list":["k","flock1alice"],"n":1,"s":"x"}}`, ""},
		{"unknown account", "a.s=@mallory", "", `no account named "mallory"`},
		{"misspelt key", "a.sx=1", "", `no key "sx"`},
		{"no object", "b.c=1", "", `no object at "b"`},
		{"append to a scalar", "a.n+=2", "", `"n" is not an array`},
		{"no value", "a.s", "", "is not path=value"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc := map[string]any{}
			require.NoError(t, json.Unmarshal([]byte(base), &doc))
			err := applyEdit(doc, tc.edit, addr)
			if tc.err != "" {
				require.ErrorContains(t, err, tc.err)
				return
			}
			require.NoError(t, err)
			out, err := json.Marshal(doc)
			require.NoError(t, err)
			require.JSONEq(t, tc.want, string(out))
		})
	}
}
