package keeper

import (
	"context"
	"fmt"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/flockchain/flockd/x/modeltoken/launch"
	"github.com/flockchain/flockd/x/modeltoken/types"
)

// CheckInvariants verifies that every module account's balance equals its
// ledger and that every model token's supply is what was minted minus what
// was burned. It walks all state, so it is for tests, simulations and
// operators (never called from Begin/EndBlock).
func (k Keeper) CheckInvariants(ctx context.Context) error {
	if err := k.checkLedgers(ctx); err != nil {
		return err
	}
	return k.checkEmissionInvariants(ctx)
}

// checkLedgers is every ledger check of CheckInvariants except emissions.
func (k Keeper) checkLedgers(ctx context.Context) error {
	// Launch escrow, FLOCK: principal of raising launches plus unredeemed
	// principal of failed ones.
	wantFlock := math.ZeroInt()
	// Launch escrow, MT: unclaimed supporter MT per graduated launch.
	wantMT := sdk.NewCoins()
	launches := map[uint64]types.Launch{}
	if err := k.Launch.Launches.Walk(ctx, nil, func(id uint64, l types.Launch) (bool, error) {
		launches[id] = l
		if l.Status == types.LAUNCH_STATUS_RAISING {
			wantFlock = wantFlock.Add(l.Raised)
		}
		return false, nil
	}); err != nil {
		return err
	}
	claimedPrincipal := map[uint64]math.Int{}
	if err := k.Launch.Claims.Walk(ctx, nil, func(key collections.Pair[uint64, sdk.AccAddress], c types.Claim) (bool, error) {
		l := launches[key.K1()]
		sum, ok := claimedPrincipal[l.Id]
		if !ok {
			sum = math.ZeroInt()
		}
		claimedPrincipal[l.Id] = sum.Add(c.Principal)
		if c.Claimed {
			return false, nil
		}
		switch l.Status {
		case types.LAUNCH_STATUS_FAILED:
			wantFlock = wantFlock.Add(c.Principal)
		case types.LAUNCH_STATUS_GRADUATED:
			wantMT = wantMT.Add(sdk.NewCoin(l.Denom, c.MtOwed))
		}
		return false, nil
	}); err != nil {
		return err
	}
	for id, l := range launches {
		if sum := claimedPrincipal[id]; (sum.IsNil() && !l.Raised.IsZero()) || (!sum.IsNil() && !sum.Equal(l.Raised)) {
			return fmt.Errorf("launch %d: raised %s but claims' principal sums to %v", id, l.Raised, sum)
		}
	}
	escrow := k.moduleAddr(types.LaunchEscrowAccount)
	if got := k.bank.GetBalance(ctx, escrow, k.flockDenom).Amount; !got.Equal(wantFlock) {
		return fmt.Errorf("launch escrow holds %s%s, ledger says %s", got, k.flockDenom, wantFlock)
	}

	wantVesting := sdk.NewCoins()
	if err := k.Launch.Vestings.Walk(ctx, nil, func(_ uint64, v types.IssuerVesting) (bool, error) {
		wantVesting = wantVesting.Add(sdk.NewCoin(v.Denom, v.Total.Sub(v.Claimed)), sdk.NewCoin(k.flockDenom, v.FlockTotal.Sub(v.FlockClaimed)))
		return false, nil
	}); err != nil {
		return err
	}
	if got := k.bank.GetBalance(ctx, k.moduleAddr(types.VestingAccount), k.flockDenom).Amount; !got.Equal(wantVesting.AmountOf(k.flockDenom)) {
		return fmt.Errorf("vesting account holds %s%s, unvested issuer FLOCK is %s", got, k.flockDenom, wantVesting.AmountOf(k.flockDenom))
	}
	liqFlock := math.ZeroInt()
	err := k.ModelTokens.Walk(ctx, nil, func(denom string, t types.ModelToken) (bool, error) {
		liqFlock = liqFlock.Add(t.LiquidityFlock)
		if supply := k.bank.GetSupply(ctx, denom).Amount; !supply.Equal(t.Minted.Sub(t.Burned)) {
			return true, fmt.Errorf("%s: bank supply %s, minted %s − burned %s", denom, supply, t.Minted, t.Burned)
		}
		l := launches[t.LaunchId]
		b := launch.SplitSupply(l.ModelType.Allocation)
		if !l.Sold.Add(l.UnsoldBurned).Equal(b.Sale) {
			return true, fmt.Errorf("%s: sold %s + unsold burned %s != sale bucket %s", denom, l.Sold, l.UnsoldBurned, b.Sale)
		}
		if has, err := k.Market.PoolOracles.Has(ctx, denom); err != nil || !has {
			return true, fmt.Errorf("%s: no price oracle (%v)", denom, err)
		}
		if l.LiquidityBurned.GT(b.Liquidity) {
			return true, fmt.Errorf("%s: burned %s of a liquidity bucket of %s", denom, l.LiquidityBurned, b.Liquidity)
		}
		checks := []struct {
			name    string
			account string
			want    math.Int
		}{
			{"launch escrow", types.LaunchEscrowAccount, wantMT.AmountOf(denom)},
			{"liquidity", types.LiquidityAccount, t.LiquidityMt},
			{"incentives", types.IncentivesAccount, t.IncentivePool},
			{"vesting", types.VestingAccount, wantVesting.AmountOf(denom)},
		}
		for _, c := range checks {
			if got := k.bank.GetBalance(ctx, k.moduleAddr(c.account), denom).Amount; !got.Equal(c.want) {
				return true, fmt.Errorf("%s: %s account holds %s, ledger says %s", denom, c.name, got, c.want)
			}
		}
		if got := k.bank.GetBalance(ctx, k.moduleAddr(types.ModuleName), denom).Amount; !got.IsZero() {
			return true, fmt.Errorf("%s: module account keeps %s between transactions", denom, got)
		}
		return false, nil
	})
	if err != nil {
		return err
	}
	if got := k.bank.GetBalance(ctx, k.moduleAddr(types.LiquidityAccount), k.flockDenom).Amount; !got.Equal(liqFlock) {
		return fmt.Errorf("liquidity account holds %s%s, ledger says %s", got, k.flockDenom, liqFlock)
	}
	if err := k.checkStakingInvariants(ctx); err != nil {
		return err
	}
	if err := k.checkAttesterBonds(ctx); err != nil {
		return err
	}
	return k.checkRewardInvariants(ctx)
}

// checkAttesterBonds: the bonds account holds exactly Σ bonded + Σ
// unbonding of every attester (slashes left it for the treasury), every
// unbonding is in the payout queue, and each attester's slashed total is the
// sum of its evidence.
func (k Keeper) checkAttesterBonds(ctx context.Context) error {
	want := math.ZeroInt()
	if err := k.AttesterBonds.Walk(ctx, nil, func(addr sdk.AccAddress, b types.AttesterBond) (bool, error) {
		want = want.Add(b.Bonded)
		for _, u := range b.Unbondings {
			want = want.Add(u.Amount)
			if has, err := k.AttesterUnbonding.Has(ctx, collections.Join(u.Completion.Unix(), addr)); err != nil || !has {
				return true, fmt.Errorf("attester %s: unbonding until %s is not queued (%v)", b.Attester, u.Completion, err)
			}
		}
		return false, nil
	}); err != nil {
		return err
	}
	if got := k.bank.GetBalance(ctx, k.moduleAddr(types.AttesterBondsAccount), k.flockDenom).Amount; !got.Equal(want) {
		return fmt.Errorf("attester bonds account holds %s%s, bonds say %s", got, k.flockDenom, want)
	}
	// Every slash is accounted for: per attester, the evidence adds up to
	// what its bond record says was slashed.
	slashed := map[string]math.Int{}
	if err := k.Evidence.Walk(ctx, nil, func(_ uint64, e types.AttestationEvidence) (bool, error) {
		sum, ok := slashed[e.Attester]
		if !ok {
			sum = math.ZeroInt()
		}
		slashed[e.Attester] = sum.Add(e.Slashed)
		return false, nil
	}); err != nil {
		return err
	}
	return k.AttesterBonds.Walk(ctx, nil, func(_ sdk.AccAddress, b types.AttesterBond) (bool, error) {
		sum, ok := slashed[b.Attester]
		if !ok {
			sum = math.ZeroInt()
		}
		if !sum.Equal(b.Slashed) {
			return true, fmt.Errorf("attester %s: slashed %s, evidence says %s", b.Attester, b.Slashed, sum)
		}
		return false, nil
	})
}
