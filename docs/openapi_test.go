package docs

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"sigs.k8s.io/yaml"
)

// TestOpenAPICoversEveryModeltokenRoute checks the shipped document against
// the routes query.proto declares (make proto-check keeps it generated from
// the same files), and that it parses with every operation id unique.
func TestOpenAPICoversEveryModeltokenRoute(t *testing.T) {
	var doc struct {
		Paths map[string]map[string]struct {
			OperationID string   `json:"operationId"`
			Tags        []string `json:"tags"`
		} `json:"paths"`
	}
	require.NoError(t, yaml.Unmarshal(OpenAPI, &doc))

	proto, err := os.ReadFile("../proto/flock/modeltoken/v1/query.proto")
	require.NoError(t, err)
	routes := regexp.MustCompile(`\(google\.api\.http\)\.get = "([^"]+)"`).FindAllStringSubmatch(string(proto), -1)
	require.Greater(t, len(routes), 30)
	for _, r := range routes {
		op, ok := doc.Paths[r[1]]["get"]
		require.True(t, ok, "GET %s is not in docs/openapi.yml: run make proto-gen", r[1])
		require.Equal(t, []string{"modeltoken"}, op.Tags, r[1])
	}

	ids := map[string]string{}
	sdkRoutes := 0
	for path, ops := range doc.Paths {
		if strings.HasPrefix(path, "/cosmos/") {
			sdkRoutes++
		}
		for method, op := range ops {
			require.NotEmpty(t, op.OperationID, "%s %s", method, path)
			prev, dup := ids[op.OperationID]
			require.False(t, dup, "operationId %s of %s also used by %s", op.OperationID, path, prev)
			ids[op.OperationID] = path
		}
	}
	require.Greater(t, sdkRoutes, 50, "the SDK modules' routes are merged in")
	for _, p := range []string{"/cosmos/bank/v1beta1/balances/{address}", "/cosmos/tx/v1beta1/txs/{hash}", "/cosmos/gov/v1/proposals"} {
		require.Contains(t, doc.Paths, p)
	}
}
