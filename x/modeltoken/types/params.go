package types

import (
	"time"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	"cosmossdk.io/core/address"
)

// BpsDenominator is 100% in basis points.
const BpsDenominator = 10_000

// MicroPerFlock is the number of uflock in one FLOCK (exponent 6).
const MicroPerFlock = 1_000_000

// Defaults from the spec (../shared/spec/fomo.md, "Launch").
var (
	DefaultLaunchFee                = math.NewInt(32_768 * MicroPerFlock)
	DefaultPlatformFeeBps    uint32 = 150
	DefaultCreatorFeeBps     uint32 = 0
	DefaultAntiSnipeStartBps uint32 = 9_900
	DefaultAntiSnipeDecayBps uint32 = 100
	DefaultMaxBundleBps      uint32 = 2_500
	DefaultRaiseDuration            = 7 * 24 * time.Hour
	DefaultIssuerVesting            = 180 * 24 * time.Hour
	maxDuration                     = 10 * 365 * 24 * time.Hour
)

// DefaultParams returns the spec defaults. The treasury defaults to empty and
// is filled with the gov module account by the app when genesis is created
// (see DefaultGenesisWithTreasury); an empty treasury fails validation.
func DefaultParams() Params {
	return Params{
		LaunchFee:                  DefaultLaunchFee,
		PlatformFeeBps:             DefaultPlatformFeeBps,
		CreatorFeeBps:              DefaultCreatorFeeBps,
		AntiSnipeStartBps:          DefaultAntiSnipeStartBps,
		AntiSnipeDecayBpsPerMinute: DefaultAntiSnipeDecayBps,
		MaxBundleBps:               DefaultMaxBundleBps,
		RaiseDuration:              DefaultRaiseDuration,
		IssuerVesting:              DefaultIssuerVesting,
	}
}

// Validate checks every field; ac decodes the treasury address.
func (p Params) Validate(ac address.Codec) error {
	if p.Treasury == "" {
		return errorsmod.Wrap(ErrInvalidParams, "treasury address is required")
	}
	if _, err := ac.StringToBytes(p.Treasury); err != nil {
		return errorsmod.Wrapf(ErrInvalidParams, "treasury address %q: %v", p.Treasury, err)
	}
	if p.LaunchFee.IsNil() || p.LaunchFee.IsNegative() {
		return errorsmod.Wrap(ErrInvalidParams, "launch fee must be non-negative")
	}
	for _, f := range []struct {
		name string
		v    uint32
	}{
		{"platform_fee_bps", p.PlatformFeeBps},
		{"creator_fee_bps", p.CreatorFeeBps},
		{"anti_snipe_start_bps", p.AntiSnipeStartBps},
		{"anti_snipe_decay_bps_per_minute", p.AntiSnipeDecayBpsPerMinute},
		{"max_bundle_bps", p.MaxBundleBps},
	} {
		if f.v > BpsDenominator {
			return errorsmod.Wrapf(ErrInvalidParams, "%s %d exceeds %d", f.name, f.v, BpsDenominator)
		}
	}
	if p.CreatorFeeBps > p.PlatformFeeBps {
		return errorsmod.Wrapf(ErrInvalidParams, "creator_fee_bps %d exceeds platform_fee_bps %d", p.CreatorFeeBps, p.PlatformFeeBps)
	}
	// The tax is taken from what is left after the platform fee (see the
	// module README), so each must stay below 100% for a buy to get any MT.
	if p.PlatformFeeBps >= BpsDenominator || p.AntiSnipeStartBps >= BpsDenominator {
		return errorsmod.Wrapf(ErrInvalidParams, "platform_fee_bps and anti_snipe_start_bps must be below %d", BpsDenominator)
	}
	if p.AntiSnipeStartBps > 0 && p.AntiSnipeDecayBpsPerMinute == 0 {
		return errorsmod.Wrap(ErrInvalidParams, "anti-sniping tax must decay (decay is 0 while start is positive)")
	}
	if err := validateDuration("raise_duration", p.RaiseDuration, false); err != nil {
		return err
	}
	return validateDuration("issuer_vesting", p.IssuerVesting, true)
}

func validateDuration(name string, d time.Duration, zeroOK bool) error {
	if d < 0 || (!zeroOK && d == 0) {
		return errorsmod.Wrapf(ErrInvalidParams, "%s must be positive, got %s", name, d)
	}
	if d > maxDuration {
		return errorsmod.Wrapf(ErrInvalidParams, "%s %s exceeds %s", name, d, maxDuration)
	}
	return nil
}
