package types_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/codec/address"

	"github.com/flockchain/flockd/x/modeltoken/types"
)

var ac = address.NewBech32Codec("flock")

// validTreasury is a well-formed flock address used as the treasury.
const validTreasury = "flock10d07y265gmmuvt4z0w9aw880jnsr700jnlc35e"

func cosmosAddr(t *testing.T) string {
	bz, err := ac.StringToBytes(validTreasury)
	require.NoError(t, err)
	s, err := address.NewBech32Codec("cosmos").BytesToString(bz)
	require.NoError(t, err)
	return s
}

func TestParamsValidate(t *testing.T) {
	valid := func() types.Params {
		p := types.DefaultParams()
		p.Treasury = validTreasury
		return p
	}
	tests := []struct {
		name    string
		mutate  func(*types.Params)
		wantErr string
	}{
		{"defaults with treasury", func(*types.Params) {}, ""},
		{"empty treasury", func(p *types.Params) { p.Treasury = "" }, "treasury address is required"},
		{"wrong prefix treasury", func(p *types.Params) { p.Treasury = cosmosAddr(t) }, "treasury address"},
		{"garbage treasury", func(p *types.Params) { p.Treasury = "not-an-address" }, "treasury address"},
		{"nil launch fee", func(p *types.Params) { p.LaunchFee = math.Int{} }, "launch fee"},
		{"negative launch fee", func(p *types.Params) { p.LaunchFee = math.NewInt(-1) }, "launch fee"},
		{"zero launch fee is allowed", func(p *types.Params) { p.LaunchFee = math.ZeroInt() }, ""},
		{"platform fee 100%", func(p *types.Params) { p.PlatformFeeBps = 10_000; p.CreatorFeeBps = 0 }, "below 10000"},
		{"platform fee above 100%", func(p *types.Params) { p.PlatformFeeBps = 10_001 }, "exceeds 10000"},
		{"creator above platform", func(p *types.Params) { p.CreatorFeeBps = 151 }, "creator_fee_bps 151 exceeds"},
		{"creator equal platform", func(p *types.Params) { p.CreatorFeeBps = 150 }, ""},
		{"tax 100%", func(p *types.Params) { p.AntiSnipeStartBps = 10_000 }, "below 10000"},
		{"tax without decay", func(p *types.Params) { p.AntiSnipeDecayBpsPerMinute = 0 }, "must decay"},
		{"no tax, no decay", func(p *types.Params) { p.AntiSnipeStartBps = 0; p.AntiSnipeDecayBpsPerMinute = 0 }, ""},
		{"bundle above 100%", func(p *types.Params) { p.MaxBundleBps = 10_001 }, "max_bundle_bps"},
		{"zero raise duration", func(p *types.Params) { p.RaiseDuration = 0 }, "raise_duration must be positive"},
		{"negative raise duration", func(p *types.Params) { p.RaiseDuration = -time.Second }, "raise_duration must be positive"},
		{"raise longer than 10 years", func(p *types.Params) { p.RaiseDuration = 11 * 365 * 24 * time.Hour }, "raise_duration"},
		{"zero vesting means immediate", func(p *types.Params) { p.IssuerVesting = 0 }, ""},
		{"negative vesting", func(p *types.Params) { p.IssuerVesting = -time.Hour }, "issuer_vesting"},
		{"zero epoch", func(p *types.Params) { p.EpochDuration = 0 }, "epoch_duration"},
		{"zero unbonding is allowed", func(p *types.Params) { p.UnbondingDuration = 0 }, ""},
		{"tiers not monotone", func(p *types.Params) { p.DiscountTiers[2].DiscountBps = 100 }, "must both increase"},
		{"t0 not below t1", func(p *types.Params) { p.GmT0Days = 365 }, "gm_t0_days"},
		{"t1 zero", func(p *types.Params) { p.GmT1Days = 0; p.GmT0Days = 0 }, "gm_t0_days"},
		{"negative epsilon", func(p *types.Params) { p.GmEpsilon = math.LegacyNewDec(-1) }, "gm_epsilon"},
		{"nil lambda", func(p *types.Params) { p.GmLambda = math.LegacyDec{} }, "gm_lambda"},
		{"zero K", func(p *types.Params) { p.GmK = math.ZeroInt() }, "gm_k"},
		{"exit fee 100%", func(p *types.Params) { p.GmExitFeeBps = 10_000 }, "gm_exit_fee_bps"},
		{"no locks allowed", func(p *types.Params) { p.MaxLocksPerAccount = 0 }, "max_locks_per_account"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := valid()
			tc.mutate(&p)
			err := p.Validate(ac)
			if tc.wantErr == "" {
				require.NoError(t, err)
				return
			}
			require.ErrorIs(t, err, types.ErrInvalidParams)
			require.ErrorContains(t, err, tc.wantErr)
		})
	}
}

func TestDefaultParamsMatchSpec(t *testing.T) {
	p := types.DefaultParams()
	require.Equal(t, math.NewInt(32_768_000_000), p.LaunchFee, "32,768 FLOCK in uflock")
	require.EqualValues(t, 150, p.PlatformFeeBps)
	require.EqualValues(t, 9_900, p.AntiSnipeStartBps)
	require.EqualValues(t, 100, p.AntiSnipeDecayBpsPerMinute)
	require.EqualValues(t, 2_500, p.MaxBundleBps)
	require.Equal(t, 7*24*time.Hour, p.RaiseDuration)
	require.Equal(t, 180*24*time.Hour, p.IssuerVesting)
}

func TestGenesisValidate(t *testing.T) {
	require.NoError(t, types.DefaultGenesis(validTreasury).Validate(ac))
	err := types.DefaultGenesis("").Validate(ac)
	require.ErrorIs(t, err, types.ErrInvalidGenesis)
}
