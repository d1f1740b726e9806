package keeper_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"

	"github.com/flockchain/flockd/app"
	"github.com/flockchain/flockd/x/modeltoken/types"
)

func TestLockAndUnlock(t *testing.T) {
	f := newFixture(t)
	bob := f.Accounts[1]
	before := f.balance(bob, app.BondDenom)

	res, err := f.msg.Lock(f.Ctx, &types.MsgLock{Owner: bob.String(), Amount: uflock(flock(10_000)), DurationDays: 365})
	require.NoError(t, err)
	require.EqualValues(t, 1, res.LockId)
	require.Equal(t, flock(30_100), res.Gmflock, "365 days: 3.01x")
	require.Equal(t, before.Sub(flock(10_000)), f.balance(bob, app.BondDenom))
	f.checkInvariants(t)

	// The lock was made during epoch 1, so it counts from the next epoch start.
	gm, err := f.query.GmFlock(f.Ctx, &types.QueryGmFlockRequest{Owner: bob.String()})
	require.NoError(t, err)
	require.Equal(t, flock(30_100), gm.Gmflock)
	f.nextEpoch(t)
	gm, err = f.query.GmFlock(f.Ctx, &types.QueryGmFlockRequest{Owner: bob.String()})
	require.NoError(t, err)
	require.True(t, gm.Effective.IsPositive() && gm.Effective.LT(flock(30_100)), "effective decays with remaining time: %s", gm.Effective)
	require.True(t, gm.Multiplier.GT(math.LegacyOneDec()) && gm.Multiplier.LT(math.LegacyNewDec(2)))

	_, _, err = f.ModelTokenKeeper.Unlock(f.Ctx, bob, 1)
	require.ErrorIs(t, err, types.ErrLockNotExpired)
	_, err = f.msg.Unlock(f.Ctx, &types.MsgUnlock{Owner: f.Accounts[2].String(), LockId: 1})
	require.ErrorIs(t, err, types.ErrNotLockOwner)
	_, err = f.msg.Unlock(f.Ctx, &types.MsgUnlock{Owner: bob.String(), LockId: 9})
	require.ErrorIs(t, err, types.ErrUnknownLock)

	f.advance(366 * 24 * time.Hour)
	treasuryBefore := f.balance(f.treasury(), app.BondDenom)
	out, err := f.msg.Unlock(f.Ctx, &types.MsgUnlock{Owner: bob.String(), LockId: 1})
	require.NoError(t, err)
	fee := flock(10_000).MulRaw(513).QuoRaw(10_000) // 5.13%
	require.Equal(t, fee, out.ExitFee.Amount)
	require.Equal(t, flock(10_000).Sub(fee), out.Returned.Amount)
	require.Equal(t, before.Sub(fee), f.balance(bob, app.BondDenom))
	require.Equal(t, treasuryBefore.Add(fee), f.balance(f.treasury(), app.BondDenom))
	unlocked := typedEvents[*types.EventUnlocked](t, f.Ctx)
	require.Len(t, unlocked, 1)
	require.Equal(t, types.EventUnlocked{Owner: bob.String(), LockId: 1, Returned: out.Returned, ExitFee: out.ExitFee}, *unlocked[0])
	_, err = f.msg.Unlock(f.Ctx, &types.MsgUnlock{Owner: bob.String(), LockId: 1})
	require.ErrorIs(t, err, types.ErrUnknownLock, "no double unlock")
	f.checkInvariants(t)
}

func TestLockRejects(t *testing.T) {
	f := newFixture(t)
	bob := f.Accounts[1]
	poor := sdk.AccAddress([]byte("poor-account-with-no-flock"))
	tests := []struct {
		name string
		msg  types.MsgLock
		want error
	}{
		{"zero days", types.MsgLock{Owner: bob.String(), Amount: uflock(flock(1)), DurationDays: 0}, types.ErrInvalidLockTime},
		{"366 days", types.MsgLock{Owner: bob.String(), Amount: uflock(flock(1)), DurationDays: 366}, types.ErrInvalidLockTime},
		{"zero amount", types.MsgLock{Owner: bob.String(), Amount: uflock(math.ZeroInt()), DurationDays: 30}, types.ErrInvalidAmount},
		{"not FLOCK", types.MsgLock{Owner: bob.String(), Amount: sdk.NewInt64Coin("mt/llama", 5), DurationDays: 30}, types.ErrInvalidDenom},
		{"insufficient funds", types.MsgLock{Owner: poor.String(), Amount: uflock(flock(1)), DurationDays: 30}, sdkerrors.ErrInsufficientFunds},
		{"malformed owner", types.MsgLock{Owner: "flock1", Amount: uflock(flock(1)), DurationDays: 30}, sdkerrors.ErrInvalidAddress},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before := f.balance(bob, app.BondDenom)
			_, err := f.msg.Lock(f.Ctx, &tc.msg)
			require.ErrorIs(t, err, tc.want)
			require.Equal(t, before, f.balance(bob, app.BondDenom))
			_, err = f.ModelTokenKeeper.GmLocks.Get(f.Ctx, 1)
			require.ErrorIs(t, err, collections.ErrNotFound, "no lock stored")
		})
	}

	t.Run("too many locks", func(t *testing.T) {
		for i := 0; i < int(types.DefaultMaxLocks); i++ {
			_, err := f.msg.Lock(f.Ctx, &types.MsgLock{Owner: bob.String(), Amount: uflock(flock(1)), DurationDays: 30})
			require.NoError(t, err)
		}
		_, err := f.msg.Lock(f.Ctx, &types.MsgLock{Owner: bob.String(), Amount: uflock(flock(1)), DurationDays: 30})
		require.ErrorIs(t, err, types.ErrTooManyLocks)
	})
	f.checkInvariants(t)
}

// TestGmFlockIsNotTransferable: gmFLOCK is a record, not a bank coin, so
// there is nothing to send; locking never mints a coin.
func TestGmFlockIsNotTransferable(t *testing.T) {
	f := newFixture(t)
	total := func() sdk.Coins {
		var out sdk.Coins
		f.BankKeeper.IterateTotalSupply(f.Ctx, func(c sdk.Coin) bool { out = out.Add(c); return false })
		return out
	}
	supplyBefore := total()
	_, err := f.msg.Lock(f.Ctx, &types.MsgLock{Owner: f.Accounts[1].String(), Amount: uflock(flock(5)), DurationDays: 100})
	require.NoError(t, err)
	require.Equal(t, supplyBefore, total(), "no gmFLOCK coin exists")
}
