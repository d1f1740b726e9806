package keeper_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/flockchain/flockd/x/modeltoken/keeper"
	"github.com/flockchain/flockd/x/modeltoken/types"
)

// TestBeginBlockerSurvivesAPanickingStep: a step that panics is skipped
// with a begin_block_step_failed event and its writes dropped; BeginBlocker
// returns no error (which would halt the chain) and the other steps run.
func TestBeginBlockerSurvivesAPanickingStep(t *testing.T) {
	f := newFixture(t)
	f.nextEpoch(t)
	before, err := f.ModelTokenKeeper.GetEpoch(f.Ctx)
	require.NoError(t, err)
	for _, step := range []string{"launch settlement", "unbonding payout", "reward settlement"} {
		t.Run(step, func(t *testing.T) {
			keeper.SetFaultHookForTest(func(name string) {
				if name == step {
					panic("injected")
				}
			})
			defer keeper.SetFaultHookForTest(nil)
			ctx := f.Ctx.WithEventManager(sdkEventManager())
			require.NotPanics(t, func() { require.NoError(t, f.ModelTokenKeeper.BeginBlocker(ctx)) })
			var found bool
			for _, ev := range ctx.EventManager().Events() {
				if ev.Type == types.LegacyEventBeginBlockStepFailed {
					found = true
				}
			}
			require.True(t, found, "the failed step is reported in an event")
		})
	}
	// The epoch step is not among the failing ones: the clock still moves.
	f.nextEpoch(t)
	after, err := f.ModelTokenKeeper.GetEpoch(f.Ctx)
	require.NoError(t, err)
	require.Equal(t, before.Number+1, after.Number)
	f.checkInvariants(t)
}
