package keeper_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/flockchain/flockd/x/modeltoken/launch"
	"github.com/flockchain/flockd/x/modeltoken/types"
)

// TestSweepSettlesBoundedPerBlock: launches whose window ended are settled
// by BeginBlock at most MaxSettlementsPerBlock at a time.
func TestSweepSettlesBoundedPerBlock(t *testing.T) {
	f := newFixture(t)
	n := launch.MaxSettlementsPerBlock + 5
	for i := 0; i < n; i++ {
		_, err := f.msg.CreateLaunch(f.Ctx, launchMsg(f.Accounts[i%3], fmt.Sprintf("SYM%d", i)))
		require.NoError(t, err)
	}
	f.advance(2 * time.Hour)
	// Launch 1 reaches its minimum, so the sweep graduates it.
	_, err := f.msg.Buy(f.Ctx, buyMsg(f.Accounts[1], 1, flock(60_000)))
	require.NoError(t, err)

	f.advance(types.DefaultRaiseDuration)
	count := func(s types.LaunchStatus) int {
		res, err := f.query.Launches(f.Ctx, &types.QueryLaunchesRequest{Status: s})
		require.NoError(t, err)
		return len(res.Launches)
	}
	require.NoError(t, f.ModelTokenKeeper.BeginBlocker(f.Ctx))
	require.Equal(t, n-launch.MaxSettlementsPerBlock, count(types.LAUNCH_STATUS_RAISING))
	require.NoError(t, f.ModelTokenKeeper.BeginBlocker(f.Ctx))
	require.Equal(t, 0, count(types.LAUNCH_STATUS_RAISING))
	require.Equal(t, 1, count(types.LAUNCH_STATUS_GRADUATED))
	require.Equal(t, n-1, count(types.LAUNCH_STATUS_FAILED))
	f.checkInvariants(t)
}
