package types

import golangproto "github.com/golang/protobuf/proto" //nolint:staticcheck // the REST gateway (grpc-gateway v1) reads enums from this registry

// The REST gateway parses enum query parameters through golang/protobuf's
// enum registry, which gogoproto does not fill: without this,
// ?status=LAUNCH_STATUS_RAISING answered 400 and only ?status=1 worked.
func init() {
	golangproto.RegisterEnum("flock.modeltoken.v1.LaunchStatus", LaunchStatus_name, LaunchStatus_value)
}
