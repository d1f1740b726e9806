package keeper_test

import (
	"testing"

	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"cosmossdk.io/math"

	"github.com/flockchain/flockd/x/modeltoken/types"
)

// TestJustInTimeRuleProperty drives random stakes, unstakes and epoch
// changes for three stakers and checks, after every step, that each
// position counts min(stake at the epoch's start, stake now) and that the
// model's incremental counted total equals the sum (CheckInvariants).
func TestJustInTimeRuleProperty(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		f := newFixture(t)
		denom := f.liveToken(rt, "JIT")
		f.nextEpoch(rt)
		users := f.Accounts
		now := map[int]int64{}
		atStart := map[int]int64{}
		steps := rapid.IntRange(1, 25).Draw(rt, "steps")
		for s := 0; s < steps; s++ {
			u := rapid.IntRange(0, len(users)-1).Draw(rt, "user")
			switch rapid.IntRange(0, 2).Draw(rt, "op") {
			case 0:
				amt := rapid.Int64Range(1, 1_000_000).Draw(rt, "stake")
				_, err := f.msg.Stake(f.Ctx, &types.MsgStake{Staker: users[u].String(), Amount: mt(denom, amt)})
				require.NoError(rt, err)
				now[u] += amt
			case 1:
				if now[u] == 0 {
					continue
				}
				amt := rapid.Int64Range(1, now[u]).Draw(rt, "unstake")
				_, err := f.msg.Unstake(f.Ctx, &types.MsgUnstake{Staker: users[u].String(), Amount: mt(denom, amt)})
				require.NoError(rt, err)
				now[u] -= amt
			case 2:
				f.nextEpoch(rt)
				for i := range users {
					atStart[i] = now[i]
				}
			}
			for i, a := range users {
				want := min(atStart[i], now[i])
				require.Equal(rt, math.NewInt(want), f.counted(rt, a, denom), "user %d", i)
			}
			require.NoError(rt, f.ModelTokenKeeper.CheckInvariants(f.Ctx))
		}
	})
}
