package keeper_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/collections"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/flockchain/flockd/x/modeltoken/keeper"
	"github.com/flockchain/flockd/x/modeltoken/types"
)

// TestIndexesKeepTheHandKeptLayout: the collections indexes write exactly
// the keys the hand-kept key sets wrote before them ((denom, owner),
// (owner, id), (status, id) under the same prefixes), so state written by
// the previous binary needs no migration, and removing the record removes
// its index key.
func TestIndexesKeepTheHandKeptLayout(t *testing.T) {
	f := newFixture(t)
	denom := f.liveToken(t, "IDX")
	bob := f.Accounts[1]
	k := f.ModelTokenKeeper
	_, err := f.msg.Stake(f.Ctx, &types.MsgStake{Staker: bob.String(), Amount: mt(denom, 1_000)})
	require.NoError(t, err)
	_, err = f.msg.Unstake(f.Ctx, &types.MsgUnstake{Staker: bob.String(), Amount: mt(denom, 400)})
	require.NoError(t, err)
	_, err = f.msg.Lock(f.Ctx, &types.MsgLock{Owner: bob.String(), Amount: uflock(flock(1)), DurationDays: 30})
	require.NoError(t, err)

	byDenom, err := keeper.RawKeySetForTest(f.Ctx, k, types.PositionsByDenom, collections.StringKey, sdk.AccAddressKey)
	require.NoError(t, err)
	require.Contains(t, byDenom, collections.Join(denom, bob))
	unb, err := keeper.RawKeySetForTest(f.Ctx, k, types.UnbondingsByOwner, sdk.AccAddressKey, collections.Uint64Key)
	require.NoError(t, err)
	require.Equal(t, []collections.Pair[sdk.AccAddress, uint64]{collections.Join(bob, uint64(1))}, unb)
	locks, err := keeper.RawKeySetForTest(f.Ctx, k, types.GmLocksByOwner, sdk.AccAddressKey, collections.Uint64Key)
	require.NoError(t, err)
	require.Equal(t, []collections.Pair[sdk.AccAddress, uint64]{collections.Join(bob, uint64(1))}, locks)
	byStatus, err := keeper.RawKeySetForTest(f.Ctx, k, types.LaunchesByStatus, collections.Int32Key, collections.Uint64Key)
	require.NoError(t, err)
	require.Contains(t, byStatus, collections.Join(int32(types.LAUNCH_STATUS_GRADUATED), uint64(1)))
	for _, key := range byStatus {
		require.NotEqual(t, int32(types.LAUNCH_STATUS_RAISING), key.K1(), "a graduated launch left its raising index key behind")
	}

	// A position staked and fully unstaked in one epoch counted nothing:
	// the record goes, and its index key with it.
	alice := f.Accounts[0]
	_, err = f.msg.Stake(f.Ctx, &types.MsgStake{Staker: alice.String(), Amount: mt(denom, 500)})
	require.NoError(t, err)
	_, err = f.msg.Unstake(f.Ctx, &types.MsgUnstake{Staker: alice.String(), Amount: mt(denom, 500)})
	require.NoError(t, err)
	byDenom, err = keeper.RawKeySetForTest(f.Ctx, k, types.PositionsByDenom, collections.StringKey, sdk.AccAddressKey)
	require.NoError(t, err)
	require.NotContains(t, byDenom, collections.Join(denom, alice))
	require.Contains(t, byDenom, collections.Join(denom, bob))
	require.NoError(t, k.CheckInvariants(f.Ctx))
}
