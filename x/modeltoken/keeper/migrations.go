package keeper

import (
	"context"

	"cosmossdk.io/math"

	"github.com/flockchain/flockd/x/modeltoken/types"
)

// Migrator holds the module's store migrations, registered by the module
// for each ConsensusVersion bump.
type Migrator struct{ k Keeper }

// NewMigrator returns the module's migrator.
func NewMigrator(k Keeper) Migrator { return Migrator{k: k} }

// Migrate1to2 brings state written before the markets upgrade (#14) to the
// new layout: the buyback and TWAP params get their defaults, amounts that
// did not exist yet are zero instead of unset (launches' issuer_raised and
// liquidity_burned, vestings' FLOCK, revenue's buyback ledger), and every
// live pool gets a price oracle starting now. Nothing is moved: a vesting
// created before had paid its FLOCK out at once, so its FLOCK total is 0.
func (m Migrator) Migrate1to2(ctx context.Context) error {
	k := m.k
	p, err := k.Params.Get(ctx)
	if err != nil {
		return err
	}
	if p.TwapWindow == 0 {
		d := types.DefaultParams()
		p.BuybackMaxImpactBps, p.BuybackMaxPremiumBps, p.TwapWindow = d.BuybackMaxImpactBps, d.BuybackMaxPremiumBps, d.TwapWindow
		if err := k.Params.Set(ctx, p); err != nil {
			return err
		}
	}
	zero := func(xs ...*math.Int) bool {
		changed := false
		for _, x := range xs {
			if x.IsNil() {
				*x, changed = math.ZeroInt(), true
			}
		}
		return changed
	}
	var launches []types.Launch
	if err := k.Launches.Walk(ctx, nil, func(_ uint64, l types.Launch) (bool, error) {
		if zero(&l.IssuerRaised, &l.LiquidityBurned) {
			launches = append(launches, l)
		}
		return false, nil
	}); err != nil {
		return err
	}
	for _, l := range launches {
		if err := k.Launches.Set(ctx, l.Id, l); err != nil {
			return err
		}
	}
	var vestings []types.IssuerVesting
	if err := k.Vestings.Walk(ctx, nil, func(_ uint64, v types.IssuerVesting) (bool, error) {
		if zero(&v.FlockTotal, &v.FlockClaimed) {
			vestings = append(vestings, v)
		}
		return false, nil
	}); err != nil {
		return err
	}
	for _, v := range vestings {
		if err := k.Vestings.Set(ctx, v.LaunchId, v); err != nil {
			return err
		}
	}
	var revenue []types.RevenueTotals
	if err := k.Revenue.Walk(ctx, nil, func(_ string, r types.RevenueTotals) (bool, error) {
		if zero(&r.PendingBuyback, &r.BuybackSpent, &r.BuybackDustBurned) {
			// Before, the whole buyback leg was spent inside the deposit.
			r.BuybackSpent = r.MtBuybackFlock
			revenue = append(revenue, r)
		}
		return false, nil
	}); err != nil {
		return err
	}
	for _, r := range revenue {
		if err := k.Revenue.Set(ctx, r.Denom, r); err != nil {
			return err
		}
	}
	var missing []string
	if err := k.ModelTokens.Walk(ctx, nil, func(denom string, _ types.ModelToken) (bool, error) {
		has, err := k.PoolOracles.Has(ctx, denom)
		if err == nil && !has {
			missing = append(missing, denom)
		}
		return false, err
	}); err != nil {
		return err
	}
	for _, d := range missing {
		if _, err := k.openOracle(ctx, d); err != nil {
			return err
		}
	}
	return nil
}
