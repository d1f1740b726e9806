package keeper_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	minttypes "github.com/cosmos/cosmos-sdk/x/mint/types"

	"github.com/flockchain/flockd/x/modeltoken/types"
)

// An IBC voucher is never a model token, even when it is a model token of
// another flockd chain (or this one's, come back with a trace) and holders
// have it in their bank balance: every message that takes a model token
// refuses it with ErrUnknownModelToken and changes no state. Only native
// `mt/` denoms registered at graduation count.
func TestIBCVouchersAreNotModelTokens(t *testing.T) {
	f := newFixture(t)
	native := f.liveToken(t, "LLAMA")
	f.nextEpoch(t)
	f.withAttesters(t, 1, 1)
	f.withReporter(t, f.Accounts[0])
	e, err := f.ModelTokenKeeper.GetEpoch(f.Ctx)
	require.NoError(t, err)
	// ibc/<sha256("transfer/channel-0/mt/llama")>: what another chain's LLAMA, or ours sent out and back through a second hop, looks like here.
	voucher := "ibc/" + "2B3F1C9A8E6B27F2A4C90D4C0B3A21A76E5B0DDA8F8E0C0F1B3DAF9B9C2A5E11"
	holder := f.Accounts[1]
	coins := sdk.NewCoins(sdk.NewCoin(voucher, math.NewInt(1_000_000_000)))
	require.NoError(t, f.BankKeeper.MintCoins(f.Ctx, minttypes.ModuleName, coins))
	require.NoError(t, f.BankKeeper.SendCoinsFromModuleToAccount(f.Ctx, minttypes.ModuleName, holder, coins))

	one := sdk.NewCoin(voucher, math.NewInt(1_000_000))
	cases := []struct {
		name string
		msg  sdk.Msg
	}{
		{"stake", &types.MsgStake{Staker: holder.String(), Amount: one}},
		{"unstake", &types.MsgUnstake{Staker: holder.String(), Amount: one}},
		{"submit usage", &types.MsgSubmitUsage{Attester: f.Accounts[0].String(), Epoch: e.Number, Denom: voucher, BatchId: "v",
			Rows: []types.UsageRow{{User: holder.String(), Spend: 1_000_000}}}},
		{"deposit revenue (buyback and burn)", &types.MsgDepositRevenue{Reporter: f.Accounts[0].String(), Denom: voucher, Amount: uflock(flock(10))}},
		{"fund incentive", &types.MsgFundIncentive{Funder: holder.String(), Denom: voucher, Amount: uflock(flock(10))}},
		{"swap", &types.MsgSwap{Trader: holder.String(), Denom: voucher, TokenIn: one, MinOut: math.ZeroInt()}},
		{"claim rewards", &types.MsgClaimRewards{Claimer: holder.String(), Denom: voucher}},
	}
	// state is the module's exported genesis and the holder's balances in ctx.
	state := func(ctx sdk.Context) string {
		g, err := f.ModelTokenKeeper.ExportGenesis(ctx)
		require.NoError(t, err)
		return g.String() + f.BankKeeper.GetAllBalances(ctx, holder).String()
	}
	before := state(f.Ctx)
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			// Run in a cache so one case cannot disturb the next, and read the
			// state back from that cache: the handler wrote nothing before failing.
			ctx, _ := f.Ctx.CacheContext()
			_, err := deliver(ctx, f.msg, tc.msg)
			require.ErrorIs(t, err, types.ErrUnknownModelToken)
			require.Equal(t, before, state(ctx), "a refused message changes no state")
		})
	}
	// The native token still works for the same holder.
	_, err = f.msg.Stake(f.Ctx, &types.MsgStake{Staker: holder.String(), Amount: mt(native, 1_000_000)})
	require.NoError(t, err)
}

// deliver routes one module message to the msg server.
func deliver(ctx sdk.Context, s types.MsgServer, msg sdk.Msg) (any, error) {
	switch m := msg.(type) {
	case *types.MsgStake:
		return s.Stake(ctx, m)
	case *types.MsgUnstake:
		return s.Unstake(ctx, m)
	case *types.MsgSubmitUsage:
		return s.SubmitUsage(ctx, m)
	case *types.MsgDepositRevenue:
		return s.DepositRevenue(ctx, m)
	case *types.MsgFundIncentive:
		return s.FundIncentive(ctx, m)
	case *types.MsgSwap:
		return s.Swap(ctx, m)
	case *types.MsgClaimRewards:
		return s.ClaimRewards(ctx, m)
	}
	panic("no route")
}
