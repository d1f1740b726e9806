package keeper_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	"github.com/flockchain/flockd/testutil"
	"github.com/flockchain/flockd/x/modeltoken/types"
)

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
