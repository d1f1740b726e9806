package keeper_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/flockchain/flockd/app"
	"github.com/flockchain/flockd/x/modeltoken/formulas"
	"github.com/flockchain/flockd/x/modeltoken/types"
)

// TestExtendLock: a lock is relocked from now for longer without leaving
// escrow or paying the exit fee; its gmFLOCK is that of the new duration and
// the totals follow. Bad extensions are typed errors that change nothing.
func TestExtendLock(t *testing.T) {
	f := newFixture(t)
	alice, bob := f.Accounts[0], f.Accounts[1]
	res, err := f.msg.Lock(f.Ctx, &types.MsgLock{Owner: bob.String(), Amount: uflock(flock(10_000)), DurationDays: 30})
	require.NoError(t, err)
	f.advance(10 * 24 * time.Hour)
	balance := f.balance(bob, app.BondDenom)

	for _, tc := range []struct {
		name  string
		owner string
		id    uint64
		days  uint32
		want  error
	}{
		{"not the owner", alice.String(), res.LockId, 365, types.ErrNotLockOwner},
		{"unknown lock", bob.String(), 99, 365, types.ErrUnknownLock},
		{"zero days", bob.String(), res.LockId, 0, types.ErrInvalidLockTime},
		{"longer than gm_t1_days", bob.String(), res.LockId, 366, types.ErrInvalidLockTime},
		{"ends before the current end", bob.String(), res.LockId, 10, types.ErrInvalidLockTime},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before, err := f.ModelTokenKeeper.ExportGenesis(f.Ctx)
			require.NoError(t, err)
			_, err = f.msg.ExtendLock(f.Ctx, &types.MsgExtendLock{Owner: tc.owner, LockId: tc.id, DurationDays: tc.days})
			require.ErrorIs(t, err, tc.want)
			after, err := f.ModelTokenKeeper.ExportGenesis(f.Ctx)
			require.NoError(t, err)
			require.Equal(t, before, after)
		})
	}

	out, err := f.msg.ExtendLock(f.Ctx, &types.MsgExtendLock{Owner: bob.String(), LockId: res.LockId, DurationDays: 365})
	require.NoError(t, err)
	p, err := f.ModelTokenKeeper.Params.Get(f.Ctx)
	require.NoError(t, err)
	require.Equal(t, formulas.GmFlockFor(p, flock(10_000), 365), out.Gmflock)
	require.True(t, out.Gmflock.GT(res.Gmflock))
	require.Equal(t, f.Ctx.BlockTime().Add(365*24*time.Hour), out.EndTime)
	require.Equal(t, balance, f.balance(bob, app.BondDenom), "nothing left escrow, no fee")
	f.checkInvariants(t)

	// Still locked at the old end; unlockable at the new one.
	f.advance(30 * 24 * time.Hour)
	_, _, err = f.ModelTokenKeeper.Unlock(f.Ctx, bob, res.LockId)
	require.ErrorIs(t, err, types.ErrLockNotExpired)
	f.Ctx = f.Ctx.WithBlockTime(out.EndTime)
	_, _, err = f.ModelTokenKeeper.Unlock(f.Ctx, bob, res.LockId)
	require.NoError(t, err)
	f.checkInvariants(t)
}
