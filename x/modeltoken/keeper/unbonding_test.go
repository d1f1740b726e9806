package keeper_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/flockchain/flockd/x/modeltoken/types"
)

func TestUnbondingPaysOutWhenMatureAndBounded(t *testing.T) {
	f := newFixture(t)
	denom := f.liveToken(t, "LLAMA")
	bob := f.Accounts[2]
	_, err := f.msg.Stake(f.Ctx, &types.MsgStake{Staker: bob.String(), Amount: mt(denom, 1_000)})
	require.NoError(t, err)
	n := 130 // more than one block's worth
	for i := 0; i < n; i++ {
		_, err := f.msg.Unstake(f.Ctx, &types.MsgUnstake{Staker: bob.String(), Amount: mt(denom, 1)})
		require.NoError(t, err)
	}
	held := f.balance(bob, denom)
	list, err := f.query.Unbondings(f.Ctx, &types.QueryUnbondingsRequest{Owner: bob.String()})
	require.NoError(t, err)
	require.EqualValues(t, n, list.Pagination.Total)

	f.advance(types.DefaultUnbondingDuration - time.Minute)
	require.NoError(t, f.ModelTokenKeeper.BeginBlocker(f.Ctx))
	require.Equal(t, held, f.balance(bob, denom), "nothing paid before maturity")

	f.advance(time.Minute)
	require.NoError(t, f.ModelTokenKeeper.BeginBlocker(f.Ctx))
	require.Equal(t, held.AddRaw(100), f.balance(bob, denom), "at most 100 entries per block")
	f.checkInvariants(t)
	require.NoError(t, f.ModelTokenKeeper.BeginBlocker(f.Ctx))
	require.Equal(t, held.AddRaw(int64(n)), f.balance(bob, denom))
	f.checkInvariants(t)
}
