package keeper_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/flockchain/flockd/x/modeltoken/types"
)

// TestLiveModelTokenNamesTheRightError: a denom is a raising model token
// only with the model-token prefix (`zz/qwen` used to be reported as "still
// raising" because the prefix was ignored).
func TestLiveModelTokenNamesTheRightError(t *testing.T) {
	f := newFixture(t)
	_, err := f.msg.CreateLaunch(f.Ctx, launchMsg(f.Accounts[0], "QWEN"))
	require.NoError(t, err)
	bob := f.Accounts[1].String()
	for _, tc := range []struct {
		denom string
		want  error
	}{
		{"mt/qwen", types.ErrModelTokenNotLive},
		{"zz/qwen", types.ErrUnknownModelToken},
		{"qwen", types.ErrUnknownModelToken},
		{"mt/nope", types.ErrUnknownModelToken},
		{"uflock", types.ErrInvalidDenom},
	} {
		t.Run(tc.denom, func(t *testing.T) {
			_, err := f.msg.Stake(f.Ctx, &types.MsgStake{Staker: bob, Amount: mt(tc.denom, 1_000)})
			require.ErrorIs(t, err, tc.want)
		})
	}
}
