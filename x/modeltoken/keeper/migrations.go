package keeper

import (
	"context"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"

	"github.com/flockchain/flockd/x/modeltoken/types"
)

// Migrator holds the module's store migrations, registered by the module
// for each ConsensusVersion bump.
type Migrator struct{ k Keeper }

// NewMigrator returns the module's migrator.
func NewMigrator(k Keeper) Migrator { return Migrator{k: k} }

// Migrate1to2 brings state written before the markets and
// attestation-trust changes to the new layout: the buyback, TWAP,
// bond, slash and dispute params get their defaults (listed attesters must
// then bond before they attest), amounts that
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
	d := types.DefaultParams()
	if p.TwapWindow == 0 {
		p.BuybackMaxImpactBps, p.BuybackMaxPremiumBps, p.TwapWindow = d.BuybackMaxImpactBps, d.BuybackMaxPremiumBps, d.TwapWindow
	}
	if p.AttesterUnbonding == 0 { // attestation trust
		p.AttesterMinBond, p.AttesterUnbonding, p.DisputeWindow = d.AttesterMinBond, d.AttesterUnbonding, d.DisputeWindow
		p.EquivocationSlashBps, p.VoidSlashBps, p.MaxAttesterShareBps = d.EquivocationSlashBps, d.VoidSlashBps, d.MaxAttesterShareBps
	}
	if err := k.Params.Set(ctx, p); err != nil {
		return err
	}
	if err := rewrite(ctx, k.Launch.Launches, func(l *types.Launch) bool { return zeroUnset(&l.IssuerRaised, &l.LiquidityBurned) }); err != nil {
		return err
	}
	if err := rewrite(ctx, k.Launch.Vestings, func(v *types.IssuerVesting) bool { return zeroUnset(&v.FlockTotal, &v.FlockClaimed) }); err != nil {
		return err
	}
	if err := rewrite(ctx, k.Market.Revenue, func(r *types.RevenueTotals) bool {
		if !zeroUnset(&r.PendingBuyback, &r.BuybackSpent, &r.BuybackDustBurned) {
			return false
		}
		r.BuybackSpent = r.MtBuybackFlock // before, the whole leg was spent inside the deposit
		return true
	}); err != nil {
		return err
	}
	var missing []string
	if err := k.ModelTokens.Walk(ctx, nil, func(denom string, _ types.ModelToken) (bool, error) {
		has, err := k.Market.PoolOracles.Has(ctx, denom)
		if err == nil && !has {
			missing = append(missing, denom)
		}
		return false, err
	}); err != nil {
		return err
	}
	for _, d := range missing {
		if _, err := k.Market.OpenOracle(ctx, d); err != nil {
			return err
		}
	}
	return nil
}

// zeroUnset sets every unset amount to zero and reports whether any was.
func zeroUnset(xs ...*math.Int) bool {
	changed := false
	for _, x := range xs {
		if x.IsNil() {
			*x, changed = math.ZeroInt(), true
		}
	}
	return changed
}

// walkSetter is a collections.Map or IndexedMap.
type walkSetter[K, V any] interface {
	Walk(ctx context.Context, ranger collections.Ranger[K], walkFunc func(K, V) (bool, error)) error
	Set(ctx context.Context, key K, value V) error
}

// rewrite applies fix to every value of m and writes back those it changed
// (after the walk: writing while iterating is not allowed).
func rewrite[K, V any](ctx context.Context, m walkSetter[K, V], fix func(*V) bool) error {
	type kv struct {
		k K
		v V
	}
	var changed []kv
	if err := m.Walk(ctx, nil, func(key K, v V) (bool, error) {
		if fix(&v) {
			changed = append(changed, kv{key, v})
		}
		return false, nil
	}); err != nil {
		return err
	}
	for _, c := range changed {
		if err := m.Set(ctx, c.k, c.v); err != nil {
			return err
		}
	}
	return nil
}
