package launch

import (
	"cosmossdk.io/collections"
	"cosmossdk.io/collections/indexes"

	"github.com/flockchain/flockd/x/modeltoken/types"
)

// LaunchIndexes lists launches by status: (status, id).
type LaunchIndexes struct {
	ByStatus *indexes.Multi[int32, uint64, types.Launch]
}

func (i LaunchIndexes) IndexesList() []collections.Index[uint64, types.Launch] {
	return []collections.Index[uint64, types.Launch]{i.ByStatus}
}

func newLaunchIndexes(sb *collections.SchemaBuilder) LaunchIndexes {
	return LaunchIndexes{ByStatus: indexes.NewMulti(sb, types.LaunchesByStatus, "launches_by_status",
		collections.Int32Key, collections.Uint64Key,
		func(_ uint64, l types.Launch) (int32, error) { return int32(l.Status), nil })}
}
