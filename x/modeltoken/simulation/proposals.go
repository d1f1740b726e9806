package simulation

import (
	"context"

	"cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/testutil/simsx"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/flockchain/flockd/x/modeltoken/keeper"
	"github.com/flockchain/flockd/x/modeltoken/types"
)

// Governance-only messages, submitted inside simulated gov proposals. Each
// keeps the economy runnable: params change fees and rates only, model
// types are valid templates, tiers are monotone, spends fit the treasury.

func govAddr(testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) string {
	return testData.ModuleAccountAddress(reporter, "gov")
}

// MsgUpdateParamsFactory changes the fee, revenue-split and buyback params.
func MsgUpdateParamsFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgUpdateParams] {
	return func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgUpdateParams) {
		p := params(ctx, k, reporter)
		if reporter.IsSkipped() {
			return nil, nil
		}
		r := testData.Rand()
		p.PlatformFeeBps = uint32(r.Intn(301))
		p.CreatorFeeBps = uint32(r.Intn(int(p.PlatformFeeBps) + 1))
		p.PoolFeeBps = uint32(1 + r.Intn(100))
		p.ProtocolFeeBps = uint32(r.Intn(20))
		// The buyback's premium must stay below a round trip's fees, and a
		// slice's impact within the premium (Params.validateBuyback). Derived
		// from the fees, not drawn: extra draws would shift every later
		// random choice of the run, and with it the seeds' staking.
		p.BuybackMaxPremiumBps = min(types.DefaultBuybackMaxPremiumBps, 2*(p.PoolFeeBps+p.ProtocolFeeBps)-1)
		p.BuybackMaxImpactBps = min(types.DefaultBuybackMaxImpactBps, p.BuybackMaxPremiumBps)
		p.RevenueMtBuybackBps = uint32(r.Intn(5001))
		p.RevenueFlockBurnBps = uint32(r.Intn(2001))
		p.RevenueTreasuryBps = uint32(r.Intn(2001))
		p.RevenueIssuerBps = types.BpsDenominator - p.RevenueMtBuybackBps - p.RevenueFlockBurnBps - p.RevenueTreasuryBps
		return nil, &types.MsgUpdateParams{Authority: govAddr(testData, reporter), Params: p}
	}
}

// MsgUpsertModelTypeFactory adds or replaces a launch template.
func MsgUpsertModelTypeFactory() simsx.SimMsgFactoryFn[*types.MsgUpsertModelType] {
	return func(_ context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgUpsertModelType) {
		r := testData.Rand()
		min := int64(50 + r.Intn(500))
		return nil, &types.MsgUpsertModelType{Authority: govAddr(testData, reporter), ModelType: types.ModelType{
			Id:          "gov-" + string(rune('a'+r.Intn(3))),
			Description: "simulated governance template",
			RaiseMin:    math.NewInt(min * flock),
			RaiseMax:    math.NewInt((min + int64(r.Intn(20_000))) * flock),
			Allocation: types.Allocation{
				SaleBps: 5000, LiquidityBps: 2000, IncentivesBps: 1500, IssuerBps: 1000, TreasuryBps: 500,
			},
			LiquidityFlockBps:   uint32(r.Intn(5001)),
			EndPriceMultipleBps: uint32(10_000 + r.Intn(40_000)),
		}}
	}
}

// MsgSetDiscountTiersFactory sets monotone tiers on a live model.
func MsgSetDiscountTiersFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgSetDiscountTiers] {
	return func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgSetDiscountTiers) {
		t := anyLiveToken(ctx, k, testData, reporter)
		if reporter.IsSkipped() {
			return nil, nil
		}
		r := testData.Rand()
		var tiers []types.DiscountTier
		stake, bps := int64(0), uint32(0)
		for i := 0; i < 1+r.Intn(4); i++ {
			stake += int64(1+r.Intn(10_000)) * flock
			bps += uint32(1 + r.Intn(1000))
			tiers = append(tiers, types.DiscountTier{MinStaked: math.NewInt(stake), DiscountBps: bps})
		}
		return nil, &types.MsgSetDiscountTiers{Authority: govAddr(testData, reporter), Denom: t.Denom, Tiers: tiers}
	}
}

// MsgSpendTreasuryFactory pays part of the treasury's FLOCK to an account.
func MsgSpendTreasuryFactory(k keeper.Keeper) simsx.SimMsgFactoryFn[*types.MsgSpendTreasury] {
	return func(ctx context.Context, testData *simsx.ChainDataSource, reporter simsx.SimulationReporter) ([]simsx.SimAccount, *types.MsgSpendTreasury) {
		held := k.TreasuryFlock(ctx)
		if held.LT(math.NewInt(10)) {
			reporter.Skip("empty treasury")
			return nil, nil
		}
		to := testData.AnyAccount(reporter)
		if reporter.IsSkipped() {
			return nil, nil
		}
		// Half at most: the treasury keeps receiving fees while the proposal is open.
		amount := randIntIn(testData.Rand(), math.OneInt(), held.QuoRaw(2))
		return nil, &types.MsgSpendTreasury{
			Authority: govAddr(testData, reporter), Recipient: to.AddressBech32,
			Amount: sdk.NewCoins(sdk.NewCoin(sdk.DefaultBondDenom, amount)),
		}
	}
}
