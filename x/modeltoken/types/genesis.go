package types

import (
	"fmt"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	"cosmossdk.io/core/address"
)

// DefaultGenesis returns the default genesis with the given treasury, which
// the app sets to the flock_treasury module account.
func DefaultGenesis(treasury string) *GenesisState {
	p := DefaultParams()
	p.Treasury = treasury
	return &GenesisState{Params: p, ModelTypes: DefaultModelTypes(), NextLaunchId: 1}
}

// Validate checks the genesis state as a whole: every record valid on its
// own, ids and symbols unique, and every reference pointing at something.
func (gs GenesisState) Validate(ac address.Codec) error {
	wrap := func(err error) error { return errorsmod.Wrap(ErrInvalidGenesis, err.Error()) }
	if err := gs.Params.Validate(ac); err != nil {
		return wrap(err)
	}
	types := map[string]bool{}
	for _, mt := range gs.ModelTypes {
		if err := mt.Validate(); err != nil {
			return wrap(err)
		}
		if types[mt.Id] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "duplicate model type %q", mt.Id)
		}
		types[mt.Id] = true
	}
	if gs.NextLaunchId == 0 {
		return errorsmod.Wrap(ErrInvalidGenesis, "next_launch_id must be at least 1")
	}
	launches := map[uint64]Launch{}
	symbols := map[string]bool{}
	for _, l := range gs.Launches {
		if l.Id == 0 || l.Id >= gs.NextLaunchId {
			return errorsmod.Wrapf(ErrInvalidGenesis, "launch id %d outside [1, %d)", l.Id, gs.NextLaunchId)
		}
		if _, dup := launches[l.Id]; dup {
			return errorsmod.Wrapf(ErrInvalidGenesis, "duplicate launch %d", l.Id)
		}
		if err := ValidateSymbol(l.Symbol); err != nil {
			return wrap(err)
		}
		if l.Status != LAUNCH_STATUS_FAILED {
			if symbols[l.Symbol] {
				return errorsmod.Wrapf(ErrInvalidGenesis, "symbol %s used twice", l.Symbol)
			}
			symbols[l.Symbol] = true
		}
		if l.Denom != DenomForSymbol(l.Symbol) {
			return errorsmod.Wrapf(ErrInvalidGenesis, "launch %d denom %s does not match symbol %s", l.Id, l.Denom, l.Symbol)
		}
		if err := l.ModelType.Validate(); err != nil {
			return wrap(err)
		}
		if l.Status == LAUNCH_STATUS_UNSPECIFIED {
			return errorsmod.Wrapf(ErrInvalidGenesis, "launch %d has no status", l.Id)
		}
		if l.Raised.IsNil() || l.Sold.IsNil() || l.Raised.IsNegative() || l.Sold.IsNegative() || l.Raised.GT(l.ModelType.RaiseMax) {
			return errorsmod.Wrapf(ErrInvalidGenesis, "launch %d raised/sold out of range", l.Id)
		}
		if err := amounts(fmt.Sprintf("launch %d", l.Id), l.UnsoldBurned, l.IssuerRaised, l.LiquidityBurned); err != nil {
			return err
		}
		if l.IssuerRaised.GT(l.Raised) {
			return errorsmod.Wrapf(ErrInvalidGenesis, "launch %d: issuer raised %s of %s", l.Id, l.IssuerRaised, l.Raised)
		}
		launches[l.Id] = l
	}
	for _, c := range gs.Claims {
		if _, ok := launches[c.LaunchId]; !ok {
			return errorsmod.Wrapf(ErrInvalidGenesis, "claim for unknown launch %d", c.LaunchId)
		}
		if _, err := ac.StringToBytes(c.Supporter); err != nil {
			return errorsmod.Wrapf(ErrInvalidGenesis, "claim supporter %q", c.Supporter)
		}
		if c.Principal.IsNil() || c.MtOwed.IsNil() || c.Principal.IsNegative() || c.MtOwed.IsNegative() {
			return errorsmod.Wrapf(ErrInvalidGenesis, "claim amounts in launch %d", c.LaunchId)
		}
	}
	for _, t := range gs.ModelTokens {
		l, ok := launches[t.LaunchId]
		if !ok || l.Status != LAUNCH_STATUS_GRADUATED || l.Denom != t.Denom {
			return errorsmod.Wrapf(ErrInvalidGenesis, "model token %s has no graduated launch", t.Denom)
		}
	}
	for _, v := range gs.Vestings {
		if l, ok := launches[v.LaunchId]; !ok || l.Status != LAUNCH_STATUS_GRADUATED {
			return errorsmod.Wrapf(ErrInvalidGenesis, "vesting for launch %d without graduation", v.LaunchId)
		}
	}
	return gs.validateStaking(ac)
}

// validateStaking checks positions, totals, unbondings, schedules and locks.
func (gs GenesisState) validateStaking(ac address.Codec) error {
	tokens := map[string]bool{}
	for _, t := range gs.ModelTokens {
		tokens[t.Denom] = true
	}
	type sums struct {
		staked, unbonding math.Int
		stakers           uint64
	}
	per := map[string]*sums{}
	get := func(d string) *sums {
		if per[d] == nil {
			per[d] = &sums{staked: math.ZeroInt(), unbonding: math.ZeroInt()}
		}
		return per[d]
	}
	seen := map[string]bool{}
	for _, p := range gs.Positions {
		if _, err := ac.StringToBytes(p.Owner); err != nil || !tokens[p.Denom] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "position %s/%s: bad owner or unknown model token", p.Owner, p.Denom)
		}
		if p.Amount.IsNil() || p.Amount.IsNegative() || p.AmountAtEpochStart.IsNil() || p.AmountAtEpochStart.IsNegative() {
			return errorsmod.Wrapf(ErrInvalidGenesis, "position %s/%s: amounts", p.Owner, p.Denom)
		}
		if seen[p.Owner+"/"+p.Denom] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "duplicate position %s/%s", p.Owner, p.Denom)
		}
		seen[p.Owner+"/"+p.Denom] = true
		s := get(p.Denom)
		s.staked = s.staked.Add(p.Amount)
		if p.Amount.IsPositive() {
			s.stakers++
		}
	}
	maxUnbonding := uint64(0)
	for _, u := range gs.Unbondings {
		if _, err := ac.StringToBytes(u.Owner); err != nil || u.Amount.IsNil() || !u.Amount.IsPositive() {
			return errorsmod.Wrapf(ErrInvalidGenesis, "unbonding %d", u.Id)
		}
		s := get(u.Denom)
		s.unbonding = s.unbonding.Add(u.Amount)
		maxUnbonding = max(maxUnbonding, u.Id)
	}
	if gs.NextUnbondingId < maxUnbonding {
		return errorsmod.Wrapf(ErrInvalidGenesis, "next_unbonding_id %d below entry %d", gs.NextUnbondingId, maxUnbonding)
	}
	for _, ms := range gs.ModelStakes {
		s := get(ms.Denom)
		if !ms.TotalStaked.Equal(s.staked) || ms.Stakers != s.stakers || !ms.Unbonding.Equal(s.unbonding) {
			return errorsmod.Wrapf(ErrInvalidGenesis, "model stake %s does not match its positions", ms.Denom)
		}
		delete(per, ms.Denom)
	}
	for d, s := range per {
		if !s.staked.IsZero() || !s.unbonding.IsZero() {
			return errorsmod.Wrapf(ErrInvalidGenesis, "positions of %s without model stake totals", d)
		}
	}
	for _, d := range gs.DiscountSchedules {
		if !tokens[d.Denom] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "discount schedule for unknown %s", d.Denom)
		}
		if err := ValidateDiscountTiers(d.Tiers); err != nil {
			return errorsmod.Wrap(ErrInvalidGenesis, err.Error())
		}
	}
	maxLock := uint64(0)
	for _, l := range gs.GmLocks {
		if _, err := ac.StringToBytes(l.Owner); err != nil || l.Amount.IsNil() || !l.Amount.IsPositive() || l.Gmflock.IsNil() || l.Gmflock.IsNegative() || !l.EndTime.After(l.StartTime) {
			return errorsmod.Wrapf(ErrInvalidGenesis, "gm lock %d", l.Id)
		}
		maxLock = max(maxLock, l.Id)
	}
	if gs.NextLockId < maxLock {
		return errorsmod.Wrapf(ErrInvalidGenesis, "next_lock_id %d below lock %d", gs.NextLockId, maxLock)
	}
	return gs.validateRecords(ac)
}
