package keeper_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	sdkerrors "github.com/cosmos/cosmos-sdk/types/errors"

	"github.com/flockchain/flockd/app"
	"github.com/flockchain/flockd/x/modeltoken/types"
)

// tb is what both *testing.T and *rapid.T offer the helpers below.
type tb interface {
	require.TestingT
	Helper()
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
		{"stake overflowing amount", false, bob.String(), sdk.Coin{Denom: denom, Amount: math.NewInt(1).MulRaw(1 << 62).MulRaw(1 << 62).MulRaw(1 << 62)}, types.ErrInvalidAmount},
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
