package keeper_test

import (
	"fmt"
	"testing"
	"time"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/flockchain/flockd/x/modeltoken/market"
	"github.com/flockchain/flockd/x/modeltoken/types"
)

// pendingBuybackPools writes n live pools (40,000 FLOCK / 53,333 MT, an
// hour of price history) each with 400 FLOCK of pending buyback, with their
// coins in the module accounts, and commits them.
func pendingBuybackPools(b *testing.B, n int) *fixture {
	f := newFixture(b)
	k := f.ModelTokenKeeper
	p, err := k.Params.Get(f.Ctx)
	if err != nil {
		b.Fatal(err)
	}
	p.TwapWindow = time.Minute
	if err := k.Params.Set(f.Ctx, p); err != nil {
		b.Fatal(err)
	}
	now := f.Ctx.BlockTime()
	reserveFlock, reserveMt, pending := math.NewInt(40_000_000_000), math.NewInt(53_333_333_333), math.NewInt(400_000_000)
	z := math.ZeroInt()
	must := func(err error) {
		if err != nil {
			b.Fatal(err)
		}
	}
	for i := 0; i < n; i++ {
		denom := fmt.Sprintf("mt/bench%05d", i)
		must(k.ModelTokens.Set(f.Ctx, denom, types.ModelToken{Denom: denom, Symbol: "B", Minted: reserveMt, Burned: z,
			IncentivePool: z, LiquidityMt: reserveMt, LiquidityFlock: reserveFlock, LiveSince: now.Add(-time.Hour)}))
		must(k.Market.PoolOracles.Set(f.Ctx, denom, types.PoolOracle{Denom: denom, Cumulative: z, LastTime: now.Add(-time.Hour), Count: 1}))
		must(k.Market.PriceObservations.Set(f.Ctx, collections.Join(denom, uint32(0)), types.PriceObservation{Time: now.Add(-time.Hour), Cumulative: z}))
		must(k.Market.Revenue.Set(f.Ctx, denom, types.RevenueTotals{Denom: denom, Deposited: pending, MtBuybackFlock: pending, MtBought: z,
			FlockBurned: z, Treasury: z, Issuer: z, PendingBurn: z, MtBurned: z, PendingBuyback: pending, BuybackSpent: z, BuybackDustBurned: z}))
		must(k.Market.PendingBuybacks.Set(f.Ctx, denom))
		coins := sdk.NewCoins(sdk.NewCoin(denom, reserveMt))
		must(f.BankKeeper.MintCoins(f.Ctx, types.ModuleName, coins))
		must(f.BankKeeper.SendCoinsFromModuleToModule(f.Ctx, types.ModuleName, types.LiquidityAccount, coins))
		fl := sdk.NewCoins(sdk.NewCoin("uflock", reserveFlock.Add(pending)))
		must(f.BankKeeper.MintCoins(f.Ctx, types.ModuleName, fl))
		must(f.BankKeeper.SendCoinsFromModuleToModule(f.Ctx, types.ModuleName, types.LiquidityAccount, sdk.NewCoins(sdk.NewCoin("uflock", reserveFlock))))
		must(f.BankKeeper.SendCoinsFromModuleToModule(f.Ctx, types.ModuleName, types.RevenueAccount, sdk.NewCoins(sdk.NewCoin("uflock", pending))))
	}
	f.commitState()
	f.advance(5 * time.Second)
	return f
}

// BenchmarkBuybackStep is the begin-block buyback step with 1, 100 and
// 10,000 models waiting to buy back: each model buys one bounded slice, at
// most MaxBuybacksPerBlock models per block, so the cost stops growing at
// the cap. Each iteration runs on a throwaway cache of the same state.
func BenchmarkBuybackStep(b *testing.B) {
	for _, n := range []int{1, 100, 10_000} {
		b.Run(fmt.Sprintf("pending=%d", n), func(b *testing.B) {
			f := pendingBuybackPools(b, n)
			slices := 0
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				cc, _ := f.Ctx.WithEventManager(sdk.NewEventManager()).CacheContext()
				if err := f.ModelTokenKeeper.Market.ExecuteBuybacksStep(cc, market.MaxBuybacksPerBlock); err != nil {
					b.Fatal(err)
				}
				for _, ev := range cc.EventManager().Events() {
					if ev.Type == types.LegacyEventBuyback {
						slices++
					}
				}
			}
			b.ReportMetric(float64(slices)/float64(b.N), "slices/block")
		})
	}
}
