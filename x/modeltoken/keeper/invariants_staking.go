package keeper

import (
	"context"
	"fmt"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/flockchain/flockd/x/modeltoken/types"
)

// checkStakingInvariants: per model token, the staking escrow holds exactly
// Σ positions + Σ unbonding entries, the incremental totals (staked,
// stakers, counted this epoch, unbonding) equal sums over the records; the
// gmFLOCK escrow holds exactly Σ locked FLOCK, and the gmFLOCK total is
// Σ per-lock gmFLOCK. Walks all state: tests and operators only.
func (k Keeper) checkStakingInvariants(ctx context.Context) error {
	epoch, err := k.GetEpoch(ctx)
	if err != nil {
		return err
	}
	type sums struct {
		staked, counted, unbonding math.Int
		stakers                    uint64
	}
	per := map[string]*sums{}
	get := func(d string) *sums {
		if per[d] == nil {
			per[d] = &sums{staked: math.ZeroInt(), counted: math.ZeroInt(), unbonding: math.ZeroInt()}
		}
		return per[d]
	}
	if err := k.Positions.Walk(ctx, nil, func(_ collections.Pair[sdk.AccAddress, string], p types.StakePosition) (bool, error) {
		s := get(p.Denom)
		s.staked = s.staked.Add(p.Amount)
		s.counted = s.counted.Add(CountedStake(p, epoch.Number))
		if p.Amount.IsPositive() {
			s.stakers++
		}
		return false, nil
	}); err != nil {
		return err
	}
	if err := k.Unbondings.Walk(ctx, nil, func(_ uint64, u types.UnbondingEntry) (bool, error) {
		s := get(u.Denom)
		s.unbonding = s.unbonding.Add(u.Amount)
		return false, nil
	}); err != nil {
		return err
	}
	escrow := k.moduleAddr(types.StakingEscrowAccount)
	wantEscrow := sdk.NewCoins()
	for denom, s := range per {
		wantEscrow = wantEscrow.Add(sdk.NewCoin(denom, s.staked.Add(s.unbonding)))
		ms, err := k.getModelStake(ctx, denom)
		if err != nil {
			return err
		}
		rollModelStake(&ms, epoch.Number)
		if !ms.TotalStaked.Equal(s.staked) || ms.Stakers != s.stakers || !ms.Unbonding.Equal(s.unbonding) || !ms.CountedTotal.Equal(s.counted) {
			return fmt.Errorf("%s: totals staked=%s stakers=%d counted=%s unbonding=%s, records say %s/%d/%s/%s",
				denom, ms.TotalStaked, ms.Stakers, ms.CountedTotal, ms.Unbonding, s.staked, s.stakers, s.counted, s.unbonding)
		}
		if got := k.bank.GetBalance(ctx, escrow, denom).Amount; !got.Equal(s.staked.Add(s.unbonding)) {
			return fmt.Errorf("%s: staking escrow holds %s, positions + unbonding = %s", denom, got, s.staked.Add(s.unbonding))
		}
	}

	// Nothing else may sit in the escrow: a denom without positions, or FLOCK.
	if got := k.bank.GetAllBalances(ctx, escrow); !got.Equal(wantEscrow) {
		return fmt.Errorf("staking escrow holds %s, positions + unbonding = %s", got, wantEscrow)
	}

	counts := map[string]uint64{}
	if err := k.GmLocks.Indexes.ByOwner.Walk(ctx, nil, func(owner sdk.AccAddress, _ uint64) (bool, error) {
		counts[string(owner)]++
		return false, nil
	}); err != nil {
		return err
	}
	if err := k.LockCounts.Walk(ctx, nil, func(owner sdk.AccAddress, n uint64) (bool, error) {
		if counts[string(owner)] != n {
			return true, fmt.Errorf("lock count of %s is %d, index has %d", owner, n, counts[string(owner)])
		}
		delete(counts, string(owner))
		return false, nil
	}); err != nil {
		return err
	}
	if len(counts) > 0 {
		return fmt.Errorf("%d owners have locks but no lock count", len(counts))
	}

	locked, gm := math.ZeroInt(), math.ZeroInt()
	if err := k.GmLocks.Walk(ctx, nil, func(_ uint64, l types.GmLock) (bool, error) {
		locked = locked.Add(l.Amount)
		gm = gm.Add(l.Gmflock)
		return false, nil
	}); err != nil {
		return err
	}
	totals, err := k.getGmTotals(ctx)
	if err != nil {
		return err
	}
	if !totals.Locked.Equal(locked) || !totals.Gmflock.Equal(gm) {
		return fmt.Errorf("gm totals locked=%s gmflock=%s, locks say %s/%s", totals.Locked, totals.Gmflock, locked, gm)
	}
	wantLocked := sdk.NewCoins(sdk.NewCoin(k.flockDenom, locked))
	if got := k.bank.GetAllBalances(ctx, k.moduleAddr(types.GmLockAccount)); !got.Equal(wantLocked) {
		return fmt.Errorf("gm lock escrow holds %s, locks sum to %s", got, wantLocked)
	}
	return nil
}
