package keeper_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"pgregory.net/rapid"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"

	"github.com/flockchain/flockd/app"
	"github.com/flockchain/flockd/testutil"
	"github.com/flockchain/flockd/x/modeltoken/types"
)

// tb is what both *testing.T and *rapid.T offer the helpers below.
type tb interface {
	require.TestingT
	Helper()
}

// liveToken launches symbol, fills the raise from Accounts[1] (which
// graduates it), claims, and spreads the MT so every account holds some.
func (f *fixture) liveToken(t tb, symbol string) string {
	t.Helper()
	res, err := f.msg.CreateLaunch(f.Ctx, launchMsg(f.Accounts[0], symbol))
	require.NoError(t, err)
	f.advance(2 * time.Hour)
	_, err = f.msg.Buy(f.Ctx, buyMsg(f.Accounts[1], res.LaunchId, flock(300_000)))
	require.NoError(t, err)
	paid, err := f.msg.ClaimLaunch(f.Ctx, &types.MsgClaimLaunch{Supporter: f.Accounts[1].String(), LaunchId: res.LaunchId})
	require.NoError(t, err)
	share := paid.Paid.Amount.QuoRaw(int64(len(f.Accounts)))
	for _, a := range f.Accounts[:len(f.Accounts)] {
		if a.Equals(f.Accounts[1]) {
			continue
		}
		require.NoError(t, f.BankKeeper.SendCoins(f.Ctx, f.Accounts[1], a, sdk.NewCoins(sdk.NewCoin(res.Denom, share))))
	}
	return res.Denom
}

// nextEpoch moves block time past the epoch end and runs BeginBlock.
func (f *fixture) nextEpoch(t tb) {
	t.Helper()
	if _, err := f.ModelTokenKeeper.Epoch.Get(f.Ctx); err != nil { // start epoch 1 first
		require.NoError(t, f.ModelTokenKeeper.BeginBlocker(f.Ctx))
	}
	before, err := f.ModelTokenKeeper.GetEpoch(f.Ctx)
	require.NoError(t, err)
	p, err := f.ModelTokenKeeper.Params.Get(f.Ctx)
	require.NoError(t, err)
	f.Ctx = f.Ctx.WithBlockTime(before.StartTime.Add(p.EpochDuration)).WithBlockHeight(f.Ctx.BlockHeight() + 1)
	require.NoError(t, f.ModelTokenKeeper.BeginBlocker(f.Ctx))
	after, err := f.ModelTokenKeeper.GetEpoch(f.Ctx)
	require.NoError(t, err)
	require.Equal(t, before.Number+1, after.Number)
}

func mt(denom string, n int64) sdk.Coin { return sdk.NewCoin(denom, math.NewInt(n)) }

func (f *fixture) counted(t tb, owner sdk.AccAddress, denom string) math.Int {
	t.Helper()
	res, err := f.query.Position(f.Ctx, &types.QueryPositionRequest{Owner: owner.String(), Denom: denom})
	if err != nil {
		return math.ZeroInt()
	}
	return res.Counted
}

func TestStakeAndJustInTimeRule(t *testing.T) {
	f := newFixture(t)
	denom := f.liveToken(t, "LLAMA")
	f.nextEpoch(t)
	bob := f.Accounts[2]
	before := f.balance(bob, denom)

	_, err := f.msg.Stake(f.Ctx, &types.MsgStake{Staker: bob.String(), Amount: mt(denom, 1_000_000)})
	require.NoError(t, err)
	require.Equal(t, before.SubRaw(1_000_000), f.balance(bob, denom))
	require.True(t, f.counted(t, bob, denom).IsZero(), "stake added in epoch e does not count in e")
	f.checkInvariants(t)

	f.nextEpoch(t)
	require.Equal(t, math.NewInt(1_000_000), f.counted(t, bob, denom), "it counts from e+1")

	_, err = f.msg.Stake(f.Ctx, &types.MsgStake{Staker: bob.String(), Amount: mt(denom, 500_000)})
	require.NoError(t, err)
	require.Equal(t, math.NewInt(1_000_000), f.counted(t, bob, denom), "a top-up waits for the next epoch")

	_, err = f.msg.Unstake(f.Ctx, &types.MsgUnstake{Staker: bob.String(), Amount: mt(denom, 800_000)})
	require.NoError(t, err)
	require.Equal(t, math.NewInt(700_000), f.counted(t, bob, denom), "removal counts at once: min(1.0M at start, 0.7M now)")
	ms, err := f.query.ModelStake(f.Ctx, &types.QueryModelStakeRequest{Denom: denom})
	require.NoError(t, err)
	require.Equal(t, math.NewInt(700_000), ms.ModelStake.TotalStaked)
	require.Equal(t, math.NewInt(700_000), ms.ModelStake.CountedTotal)
	require.EqualValues(t, 1, ms.ModelStake.Stakers)
	require.Equal(t, math.NewInt(800_000), ms.ModelStake.Unbonding)
	f.checkInvariants(t)

	// Full unstake removes the position and the staker.
	_, err = f.msg.Unstake(f.Ctx, &types.MsgUnstake{Staker: bob.String(), Amount: mt(denom, 700_000)})
	require.NoError(t, err)
	ms, err = f.query.ModelStake(f.Ctx, &types.QueryModelStakeRequest{Denom: denom})
	require.NoError(t, err)
	require.EqualValues(t, 0, ms.ModelStake.Stakers)
	require.True(t, ms.ModelStake.CountedTotal.IsZero())
	f.checkInvariants(t)
}

func TestStakeRejects(t *testing.T) {
	f := newFixture(t)
	denom := f.liveToken(t, "LLAMA")
	_, err := f.msg.CreateLaunch(f.Ctx, launchMsg(f.Accounts[0], "RAISING"))
	require.NoError(t, err)
	bob := f.Accounts[2]
	poor := sdk.AccAddress([]byte("poor-account-with-no-mt"))
	_, err = f.msg.Stake(f.Ctx, &types.MsgStake{Staker: bob.String(), Amount: mt(denom, 100)})
	require.NoError(t, err)

	tests := []struct {
		name    string
		unstake bool
		staker  string
		amount  sdk.Coin
		want    error
	}{
		{"stake zero", false, bob.String(), mt(denom, 0), types.ErrInvalidAmount},
		{"stake negative", false, bob.String(), sdk.Coin{Denom: denom, Amount: math.NewInt(-1)}, types.ErrInvalidAmount},
		{"stake FLOCK", false, bob.String(), mt(app.BondDenom, 10), types.ErrInvalidDenom},
		{"stake unknown denom", false, bob.String(), mt("mt/nope", 10), types.ErrUnknownModelToken},
		{"stake malformed denom", false, bob.String(), sdk.Coin{Denom: "1bad", Amount: math.NewInt(10)}, types.ErrInvalidDenom},
		{"stake a raising token", false, bob.String(), mt("mt/raising", 10), types.ErrModelTokenNotLive},
		{"stake more than held", false, poor.String(), mt(denom, 10), sdkerrors.ErrInsufficientFunds},
		{"stake malformed address", false, "flock1zzz", mt(denom, 10), sdkerrors.ErrInvalidAddress},
		{"stake overflowing amount", false, bob.String(), sdk.Coin{Denom: denom, Amount: math.NewInt(1).MulRaw(1 << 62).MulRaw(1 << 62).MulRaw(1 << 62)}, sdkerrors.ErrInsufficientFunds},
		{"unstake more than staked", true, bob.String(), mt(denom, 101), types.ErrInsufficientStake},
		{"unstake without a position", true, f.Accounts[0].String(), mt(denom, 1), types.ErrNoPosition},
		{"unstake zero", true, bob.String(), mt(denom, 0), types.ErrInvalidAmount},
		{"unstake FLOCK", true, bob.String(), mt(app.BondDenom, 1), types.ErrInvalidDenom},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			before := f.balance(bob, denom)
			var err error
			if tc.unstake {
				_, err = f.msg.Unstake(f.Ctx, &types.MsgUnstake{Staker: tc.staker, Amount: tc.amount})
			} else {
				_, err = f.msg.Stake(f.Ctx, &types.MsgStake{Staker: tc.staker, Amount: tc.amount})
			}
			require.ErrorIs(t, err, tc.want)
			require.Equal(t, before, f.balance(bob, denom))
			ms, err := f.query.ModelStake(f.Ctx, &types.QueryModelStakeRequest{Denom: denom})
			require.NoError(t, err)
			require.Equal(t, math.NewInt(100), ms.ModelStake.TotalStaked)
		})
	}
	f.checkInvariants(t)
}

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

func TestDiscountTiers(t *testing.T) {
	f := newFixture(t)
	denom := f.liveToken(t, "LLAMA")
	bob := f.Accounts[2]
	discount := func() (uint32, uint32) {
		res, err := f.query.Discount(f.Ctx, &types.QueryDiscountRequest{Owner: bob.String(), Denom: denom})
		require.NoError(t, err)
		return res.Tier, res.DiscountBps
	}
	tier, bps := discount()
	require.Zero(t, tier)
	require.Zero(t, bps)
	_, err := f.msg.Stake(f.Ctx, &types.MsgStake{Staker: bob.String(), Amount: mt(denom, 10_000_000_000)}) // 10,000 MT
	require.NoError(t, err)
	tier, bps = discount()
	require.EqualValues(t, 2, tier)
	require.EqualValues(t, 1_000, bps, "10,000 MT staked: 10%")

	custom := []types.DiscountTier{{MinStaked: math.NewInt(1), DiscountBps: 300}}
	bad := []types.DiscountTier{{MinStaked: math.NewInt(10), DiscountBps: 300}, {MinStaked: math.NewInt(5), DiscountBps: 400}}
	_, err = f.msg.SetDiscountTiers(f.Ctx, &types.MsgSetDiscountTiers{Authority: bob.String(), Denom: denom, Tiers: custom})
	require.ErrorIs(t, err, types.ErrInvalidAuthority)
	_, err = f.msg.SetDiscountTiers(f.Ctx, &types.MsgSetDiscountTiers{Authority: testutil.GovAuthority(), Denom: denom, Tiers: bad})
	require.ErrorIs(t, err, types.ErrInvalidTiers)
	_, err = f.msg.SetDiscountTiers(f.Ctx, &types.MsgSetDiscountTiers{Authority: testutil.GovAuthority(), Denom: "mt/nope", Tiers: custom})
	require.ErrorIs(t, err, types.ErrUnknownModelToken)
	tier, _ = discount()
	require.EqualValues(t, 2, tier, "rejections changed nothing")

	_, err = f.msg.SetDiscountTiers(f.Ctx, &types.MsgSetDiscountTiers{Authority: testutil.GovAuthority(), Denom: denom, Tiers: custom})
	require.NoError(t, err)
	tier, bps = discount()
	require.EqualValues(t, 1, tier)
	require.EqualValues(t, 300, bps)
	_, err = f.msg.SetDiscountTiers(f.Ctx, &types.MsgSetDiscountTiers{Authority: testutil.GovAuthority(), Denom: denom})
	require.NoError(t, err)
	_, bps = discount()
	require.EqualValues(t, 1_000, bps, "empty tiers restore the default")
}

func TestValidateDiscountTiers(t *testing.T) {
	one := math.NewInt(1)
	tests := []struct {
		name  string
		tiers []types.DiscountTier
		ok    bool
	}{
		{"none", nil, true},
		{"defaults", types.DefaultDiscountTiers(), true},
		{"zero threshold", []types.DiscountTier{{MinStaked: math.ZeroInt(), DiscountBps: 1}}, false},
		{"zero discount", []types.DiscountTier{{MinStaked: one, DiscountBps: 0}}, false},
		{"above 100%", []types.DiscountTier{{MinStaked: one, DiscountBps: 10_001}}, false},
		{"same threshold twice", []types.DiscountTier{{MinStaked: one, DiscountBps: 1}, {MinStaked: one, DiscountBps: 2}}, false},
		{"discount falls", []types.DiscountTier{{MinStaked: one, DiscountBps: 5}, {MinStaked: math.NewInt(2), DiscountBps: 4}}, false},
	}
	for _, tc := range tests {
		err := types.ValidateDiscountTiers(tc.tiers)
		if tc.ok {
			require.NoError(t, err, tc.name)
		} else {
			require.ErrorIs(t, err, types.ErrInvalidTiers, tc.name)
		}
	}
}

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
