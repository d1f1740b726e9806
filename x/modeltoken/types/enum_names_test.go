package types

import (
	"net/url"
	"testing"

	"github.com/grpc-ecosystem/grpc-gateway/runtime"
	"github.com/grpc-ecosystem/grpc-gateway/utilities"
	"github.com/stretchr/testify/require"
)

// TestGatewayParsesLaunchStatusNames: the REST gateway accepts a launch
// status by name (as the README documents) and by number.
func TestGatewayParsesLaunchStatusNames(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want LaunchStatus
	}{
		{"LAUNCH_STATUS_RAISING", LAUNCH_STATUS_RAISING},
		{"LAUNCH_STATUS_GRADUATED", LAUNCH_STATUS_GRADUATED},
		{"1", LAUNCH_STATUS_RAISING},
	} {
		var req QueryLaunchesRequest
		err := runtime.PopulateQueryParameters(&req, url.Values{"status": {tc.in}}, &utilities.DoubleArray{Encoding: map[string]int{}})
		require.NoError(t, err, tc.in)
		require.Equal(t, tc.want, req.Status, tc.in)
	}
}
