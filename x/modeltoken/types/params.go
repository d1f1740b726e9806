package types

import (
	"fmt"
	"time"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	"cosmossdk.io/core/address"
)

// BpsDenominator is 100% in basis points.
const BpsDenominator = 10_000

// MicroPerFlock is the number of uflock in one FLOCK (exponent 6).
const MicroPerFlock = 1_000_000

// Defaults from the mechanism (docs/mechanism.md, "Launch").
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

// Defaults from the spec's "Staking", "Discounts" and "gmFLOCK" sections.
var (
	DefaultEpochDuration            = 24 * time.Hour
	DefaultUnbondingDuration        = 7 * 24 * time.Hour
	DefaultGmT0Days          uint32 = 30
	DefaultGmT1Days          uint32 = 365
	DefaultGmEpsilon                = math.LegacyMustNewDecFromStr("2.19")
	DefaultGmExitFeeBps      uint32 = 513
	DefaultGmLambda                 = math.LegacyOneDec()
	DefaultGmK                      = math.NewInt(10_000 * MicroPerFlock)
	DefaultMaxLocks          uint32 = 20
)

// Defaults for usage attestation ("Usage" in the spec; the numbers are ours).
var (
	DefaultAttestationQuorum uint32 = 1
	DefaultMaxRowsPerBatch   uint32 = 5_000
	DefaultAttestationGrace         = 6 * time.Hour
	// DefaultMaxModelEpochSpend is $10,000,000 per model per epoch in micro-USD.
	DefaultMaxModelEpochSpend uint64 = 10_000_000 * 1_000_000
	DefaultUsageRowGas        uint64 = 1_000
)

// Defaults for rewards ("Emissions and incentives" in the spec).
var (
	DefaultAlpha                         = math.LegacyNewDecWithPrec(9, 1)
	DefaultEmissionPerEpoch              = math.NewInt(100_000 * MicroPerFlock)
	DefaultEmissionDecayBps       uint32 = 100
	DefaultEmissionDecayEpochs    uint32 = 30
	DefaultIncentiveReleaseEpochs uint32 = 180
	DefaultFlockMaxSupply                = math.NewInt(1_000_000_000).MulRaw(MicroPerFlock)
	DefaultMaxClaimEntries        uint32 = 100
)

// Defaults for pools and revenue ("Revenue routing" in the spec; the split
// is the spec's placeholder 40/20/20/20).
var (
	DefaultPoolFeeBps          uint32 = 30
	DefaultProtocolFeeBps      uint32 = 5
	DefaultRevenueMTBuybackBps uint32 = 4000
	DefaultRevenueFlockBurnBps uint32 = 2000
	DefaultRevenueTreasuryBps  uint32 = 2000
	DefaultRevenueIssuerBps    uint32 = 2000
	// The buyback (ours; module README, "MEV model"): a slice may move the
	// price by at most 0.25% and never leave it more than 0.5% above the
	// reference TWAP. Both are below the 0.70% round-trip fee of a searcher
	// (2 × (30 + 5) bps), so trading around the buyback loses money.
	DefaultBuybackMaxImpactBps  uint32 = 25
	DefaultBuybackMaxPremiumBps uint32 = 50
	DefaultTwapWindow                  = 30 * time.Minute
)

// Defaults of attestation trust (ours; module README, "Trust model of
// usage"): a 10,000 FLOCK bond per attester; half of it slashed for
// equivocation, a fifth for a voided batch; a 24 h dispute window after the
// grace; 14 days of unbonding (longer than an epoch + grace + dispute); one
// attester opens at most half of a model's per-epoch cap.
var (
	DefaultAttesterMinBond             = math.NewInt(10_000 * MicroPerFlock)
	DefaultAttesterUnbonding           = 14 * 24 * time.Hour
	DefaultEquivocationSlashBps uint32 = 5000
	DefaultVoidSlashBps         uint32 = 2000
	DefaultDisputeWindow               = 24 * time.Hour
	DefaultMaxAttesterShareBps  uint32 = 5000
)

// Bounds of twap_window: at least a few blocks, at most a week.
const (
	MinTwapWindow = 10 * time.Second
	MaxTwapWindow = 7 * 24 * time.Hour
)

// Defaults against griefing, dust and unbounded state (ours; see the module
// README, "Adversarial defences").
var (
	// DefaultMinIncentiveFund: 100 FLOCK. A funding is a stream of its own;
	// the floor keeps fundings meaningful (not a way to write state for free).
	DefaultMinIncentiveFund = math.NewInt(100 * MicroPerFlock)
	// DefaultMinUnstake: 1 MT (a smaller position may still leave whole).
	DefaultMinUnstake = math.NewInt(1_000_000)
	// DefaultMaxUnbondingEntries: 7 open entries per owner and model token,
	// as x/staking's max_entries.
	DefaultMaxUnbondingEntries uint32 = 7
	// DefaultMinIncentiveSpend: $0.01 of spend in the epoch (micro-USD).
	DefaultMinIncentiveSpend uint64 = 10_000
	// DefaultMinIncentiveStake: 1 MT counted stake.
	DefaultMinIncentiveStake = math.NewInt(1_000_000)
	// DefaultClaimWindowEpochs: a year of daily epochs.
	DefaultClaimWindowEpochs uint32 = 365
)

// DefaultDiscountTiers are the spec's example tiers: >= 1,000 MT staked 5%,
// >= 10,000 MT 10%, >= 50,000 MT 20% (amounts in MT base units).
func DefaultDiscountTiers() []DiscountTier {
	mt := func(n int64) math.Int { return math.NewInt(n).MulRaw(MicroPerFlock) }
	return []DiscountTier{
		{MinStaked: mt(1_000), DiscountBps: 500},
		{MinStaked: mt(10_000), DiscountBps: 1_000},
		{MinStaked: mt(50_000), DiscountBps: 2_000},
	}
}

// ValidateDiscountTiers checks a schedule is monotone: thresholds positive
// and strictly increasing, discounts strictly increasing and at most 100%.
func ValidateDiscountTiers(tiers []DiscountTier) error {
	for i, t := range tiers {
		if t.MinStaked.IsNil() || !t.MinStaked.IsPositive() {
			return errorsmod.Wrapf(ErrInvalidTiers, "tier %d: min_staked must be positive", i+1)
		}
		if t.DiscountBps == 0 || t.DiscountBps > BpsDenominator {
			return errorsmod.Wrapf(ErrInvalidTiers, "tier %d: discount_bps must be in [1, %d]", i+1, BpsDenominator)
		}
		if i > 0 && (!t.MinStaked.GT(tiers[i-1].MinStaked) || t.DiscountBps <= tiers[i-1].DiscountBps) {
			return errorsmod.Wrapf(ErrInvalidTiers, "tier %d: thresholds and discounts must both increase", i+1)
		}
	}
	return nil
}

// DefaultParams returns the spec defaults. The treasury defaults to empty and
// is filled with the gov module account by the app when genesis is created
// (see DefaultGenesis); an empty treasury fails validation.
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
		EpochDuration:              DefaultEpochDuration,
		UnbondingDuration:          DefaultUnbondingDuration,
		DiscountTiers:              DefaultDiscountTiers(),
		GmT0Days:                   DefaultGmT0Days,
		GmT1Days:                   DefaultGmT1Days,
		GmEpsilon:                  DefaultGmEpsilon,
		GmExitFeeBps:               DefaultGmExitFeeBps,
		GmLambda:                   DefaultGmLambda,
		GmK:                        DefaultGmK,
		MaxLocksPerAccount:         DefaultMaxLocks,
		AttestationQuorum:          DefaultAttestationQuorum,
		MaxRowsPerBatch:            DefaultMaxRowsPerBatch,
		AttestationGrace:           DefaultAttestationGrace,
		MaxModelEpochSpend:         DefaultMaxModelEpochSpend,
		UsageRowGas:                DefaultUsageRowGas,
		Alpha:                      DefaultAlpha,
		EmissionPerEpoch:           DefaultEmissionPerEpoch,
		EmissionDecayBps:           DefaultEmissionDecayBps,
		EmissionDecayEpochs:        DefaultEmissionDecayEpochs,
		IncentiveReleaseEpochs:     DefaultIncentiveReleaseEpochs,
		FlockMaxSupply:             DefaultFlockMaxSupply,
		MaxClaimEntries:            DefaultMaxClaimEntries,
		PoolFeeBps:                 DefaultPoolFeeBps,
		ProtocolFeeBps:             DefaultProtocolFeeBps,
		RevenueMtBuybackBps:        DefaultRevenueMTBuybackBps,
		RevenueFlockBurnBps:        DefaultRevenueFlockBurnBps,
		RevenueTreasuryBps:         DefaultRevenueTreasuryBps,
		RevenueIssuerBps:           DefaultRevenueIssuerBps,
		MinIncentiveFund:           DefaultMinIncentiveFund,
		MinUnstake:                 DefaultMinUnstake,
		MaxUnbondingEntries:        DefaultMaxUnbondingEntries,
		MinIncentiveSpend:          DefaultMinIncentiveSpend,
		MinIncentiveStake:          DefaultMinIncentiveStake,
		ClaimWindowEpochs:          DefaultClaimWindowEpochs,
		BuybackMaxImpactBps:        DefaultBuybackMaxImpactBps,
		BuybackMaxPremiumBps:       DefaultBuybackMaxPremiumBps,
		TwapWindow:                 DefaultTwapWindow,
		AttesterMinBond:            DefaultAttesterMinBond,
		AttesterUnbonding:          DefaultAttesterUnbonding,
		EquivocationSlashBps:       DefaultEquivocationSlashBps,
		VoidSlashBps:               DefaultVoidSlashBps,
		DisputeWindow:              DefaultDisputeWindow,
		MaxAttesterShareBps:        DefaultMaxAttesterShareBps,
	}
}

// Validate checks every field; ac decodes the treasury address.
func (p Params) Validate(ac address.Codec) error {
	if p.Treasury == "" {
		return errorsmod.Wrap(ErrInvalidParams, "treasury address is required")
	}
	if err := CanonicalAddress(ac, p.Treasury); err != nil {
		return errorsmod.Wrapf(ErrInvalidParams, "treasury address: %v", err)
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
	if err := validateDuration("issuer_vesting", p.IssuerVesting, true); err != nil {
		return err
	}
	if err := validateDuration("epoch_duration", p.EpochDuration, false); err != nil {
		return err
	}
	if err := validateDuration("unbonding_duration", p.UnbondingDuration, true); err != nil {
		return err
	}
	if err := ValidateDiscountTiers(p.DiscountTiers); err != nil {
		return errorsmod.Wrap(ErrInvalidParams, err.Error())
	}
	if err := p.validateGm(); err != nil {
		return err
	}
	return p.validateAttestation(ac)
}

func (p Params) validateAttestation(ac address.Codec) error {
	seen := map[string]bool{}
	for _, a := range p.Attesters {
		if err := CanonicalAddress(ac, a); err != nil {
			return errorsmod.Wrapf(ErrInvalidParams, "attester: %v", err)
		}
		if seen[a] {
			return errorsmod.Wrapf(ErrInvalidParams, "attester %s listed twice", a)
		}
		seen[a] = true
	}
	if p.AttestationQuorum == 0 {
		return errorsmod.Wrap(ErrInvalidParams, "attestation_quorum must be at least 1")
	}
	if len(p.Attesters) > 0 && int(p.AttestationQuorum) > len(p.Attesters) {
		return errorsmod.Wrapf(ErrInvalidParams, "attestation_quorum %d above the %d attesters", p.AttestationQuorum, len(p.Attesters))
	}
	if p.MaxRowsPerBatch == 0 || p.MaxRowsPerBatch > 100_000 {
		return errorsmod.Wrap(ErrInvalidParams, "max_rows_per_batch must be in [1, 100000]")
	}
	if err := validateDuration("attestation_grace", p.AttestationGrace, true); err != nil {
		return err
	}
	if p.MaxModelEpochSpend == 0 {
		return errorsmod.Wrap(ErrInvalidParams, "max_model_epoch_spend must be positive")
	}
	// Rewards of epoch e are computed from stake frozen when e+1 starts; only
	// one past epoch may still take usage, so the grace must be shorter
	// than an epoch.
	if p.AttestationGrace >= p.EpochDuration {
		return errorsmod.Wrapf(ErrInvalidParams, "attestation_grace %s must be shorter than epoch_duration %s", p.AttestationGrace, p.EpochDuration)
	}
	if err := p.validateRewards(); err != nil {
		return err
	}
	return p.validateRevenue(ac)
}

func (p Params) validateRewards() error {
	// α = 0 would make the global pool unclaimable when no user with usage
	// has stake (the normaliser α·A·√S + (1−α)·B is then 0) and pay by usage
	// alone when the model has no stake, unlike the formula; α > 0 keeps
	// every minted global pool claimable by its users with usage.
	if p.Alpha.IsNil() || !p.Alpha.IsPositive() || p.Alpha.GT(math.LegacyOneDec()) {
		return errorsmod.Wrap(ErrInvalidParams, "alpha must be in (0, 1]")
	}
	if p.EmissionPerEpoch.IsNil() || p.EmissionPerEpoch.IsNegative() {
		return errorsmod.Wrap(ErrInvalidParams, "emission_per_epoch must be >= 0")
	}
	if p.EmissionDecayBps > BpsDenominator || p.EmissionDecayEpochs == 0 {
		return errorsmod.Wrap(ErrInvalidParams, "emission_decay_bps must be <= 10000 and emission_decay_epochs >= 1")
	}
	if p.IncentiveReleaseEpochs == 0 || p.IncentiveReleaseEpochs > 100_000 {
		return errorsmod.Wrap(ErrInvalidParams, "incentive_release_epochs must be in [1, 100000]")
	}
	if p.FlockMaxSupply.IsNil() || !p.FlockMaxSupply.IsPositive() {
		return errorsmod.Wrap(ErrInvalidParams, "flock_max_supply must be positive")
	}
	if p.MaxClaimEntries == 0 || p.MaxClaimEntries > 1000 {
		return errorsmod.Wrap(ErrInvalidParams, "max_claim_entries must be in [1, 1000]")
	}
	return p.validateFloors()
}

// validateFloors checks the anti-griefing floors and bounds.
func (p Params) validateFloors() error {
	for _, f := range []struct {
		name string
		v    math.Int
	}{
		{"min_incentive_fund", p.MinIncentiveFund},
		{"min_unstake", p.MinUnstake},
		{"min_incentive_stake", p.MinIncentiveStake},
	} {
		if f.v.IsNil() || f.v.IsNegative() || f.v.GT(MaxAmount) {
			return errorsmod.Wrapf(ErrInvalidParams, "%s must be in [0, %s]", f.name, MaxAmount)
		}
	}
	if p.MaxUnbondingEntries == 0 || p.MaxUnbondingEntries > 1000 {
		return errorsmod.Wrap(ErrInvalidParams, "max_unbonding_entries must be in [1, 1000]")
	}
	if p.ClaimWindowEpochs == 0 || p.ClaimWindowEpochs > 100_000 {
		return errorsmod.Wrap(ErrInvalidParams, "claim_window_epochs must be in [1, 100000]")
	}
	return nil
}

// validateRevenue checks pool fees, reporters and the revenue split.
func (p Params) validateRevenue(ac address.Codec) error {
	if p.PoolFeeBps+p.ProtocolFeeBps >= 1_000 {
		return errorsmod.Wrap(ErrInvalidParams, "pool_fee_bps + protocol_fee_bps must be below 1000 (10%)")
	}
	seen := map[string]bool{}
	for _, r := range p.RevenueReporters {
		if err := CanonicalAddress(ac, r); err != nil {
			return errorsmod.Wrapf(ErrInvalidParams, "revenue reporter: %v", err)
		}
		if seen[r] {
			return errorsmod.Wrapf(ErrInvalidParams, "revenue reporter %s listed twice", r)
		}
		seen[r] = true
	}
	sum := uint64(p.RevenueMtBuybackBps) + uint64(p.RevenueFlockBurnBps) + uint64(p.RevenueTreasuryBps) + uint64(p.RevenueIssuerBps)
	if sum != BpsDenominator {
		return errorsmod.Wrapf(ErrInvalidParams, "revenue split sums to %d bps, want %d", sum, BpsDenominator)
	}
	if err := p.validateBuyback(); err != nil {
		return err
	}
	return p.validateAttesterTrust(ac)
}

// validateAttesterTrust checks bonds, slashes, the dispute window and the
// guardians. A bond must stay slashable until everything it backed has
// settled: attester_unbonding > epoch_duration + attestation_grace +
// dispute_window.
func (p Params) validateAttesterTrust(ac address.Codec) error {
	if p.AttesterMinBond.IsNil() || p.AttesterMinBond.IsNegative() || p.AttesterMinBond.GT(MaxAmount) {
		return errorsmod.Wrapf(ErrInvalidParams, "attester_min_bond must be in [0, %s]", MaxAmount)
	}
	if p.EquivocationSlashBps > BpsDenominator || p.VoidSlashBps > BpsDenominator {
		return errorsmod.Wrapf(ErrInvalidParams, "slash bps must be at most %d", BpsDenominator)
	}
	if p.MaxAttesterShareBps == 0 || p.MaxAttesterShareBps > BpsDenominator {
		return errorsmod.Wrapf(ErrInvalidParams, "max_attester_share_bps must be in [1, %d]", BpsDenominator)
	}
	if p.DisputeWindow < 0 || p.DisputeWindow > 30*24*time.Hour {
		return errorsmod.Wrap(ErrInvalidParams, "dispute_window must be in [0, 30 days]")
	}
	if need := p.EpochDuration + p.AttestationGrace + p.DisputeWindow; p.AttesterUnbonding <= need || p.AttesterUnbonding > 365*24*time.Hour {
		return errorsmod.Wrapf(ErrInvalidParams, "attester_unbonding %s must exceed epoch_duration + attestation_grace + dispute_window = %s (and be at most a year)",
			p.AttesterUnbonding, need)
	}
	seen := map[string]bool{}
	for _, g := range p.Guardians {
		if err := CanonicalAddress(ac, g); err != nil {
			return errorsmod.Wrapf(ErrInvalidParams, "guardian: %v", err)
		}
		if seen[g] {
			return errorsmod.Wrapf(ErrInvalidParams, "guardian %s listed twice", g)
		}
		seen[g] = true
	}
	return nil
}

// validateBuyback checks the buyback bounds. The price move the buyback may
// cause before it must wait for the TWAP (the premium) must stay below a
// searcher's round-trip fee, or buying ahead of it and selling after would
// pay (module README, "MEV model").
func (p Params) validateBuyback() error {
	roundTrip := 2 * (p.PoolFeeBps + p.ProtocolFeeBps)
	if p.BuybackMaxPremiumBps >= roundTrip {
		return errorsmod.Wrapf(ErrInvalidParams, "buyback_max_premium_bps %d must be below the round-trip fee 2·(pool_fee_bps + protocol_fee_bps) = %d",
			p.BuybackMaxPremiumBps, roundTrip)
	}
	if p.BuybackMaxImpactBps == 0 || p.BuybackMaxImpactBps > p.BuybackMaxPremiumBps {
		return errorsmod.Wrapf(ErrInvalidParams, "buyback_max_impact_bps %d must be in [1, buyback_max_premium_bps = %d]",
			p.BuybackMaxImpactBps, p.BuybackMaxPremiumBps)
	}
	if p.TwapWindow < MinTwapWindow || p.TwapWindow > MaxTwapWindow || p.TwapWindow%time.Second != 0 {
		return errorsmod.Wrapf(ErrInvalidParams, "twap_window %s must be whole seconds in [%s, %s]", p.TwapWindow, MinTwapWindow, MaxTwapWindow)
	}
	return nil
}

func (p Params) validateGm() error {
	if p.GmT1Days == 0 || p.GmT1Days > 3650 || p.GmT0Days >= p.GmT1Days {
		return errorsmod.Wrapf(ErrInvalidParams, "need 0 <= gm_t0_days < gm_t1_days <= 3650, got %d and %d", p.GmT0Days, p.GmT1Days)
	}
	hundred := math.LegacyNewDec(100)
	if p.GmEpsilon.IsNil() || p.GmEpsilon.IsNegative() || p.GmEpsilon.GT(hundred) {
		return errorsmod.Wrap(ErrInvalidParams, "gm_epsilon must be in [0, 100]")
	}
	if p.GmLambda.IsNil() || p.GmLambda.IsNegative() || p.GmLambda.GT(hundred) {
		return errorsmod.Wrap(ErrInvalidParams, "gm_lambda must be in [0, 100]")
	}
	if p.GmK.IsNil() || !p.GmK.IsPositive() {
		return errorsmod.Wrap(ErrInvalidParams, "gm_k must be positive")
	}
	if p.GmExitFeeBps >= BpsDenominator {
		return errorsmod.Wrapf(ErrInvalidParams, "gm_exit_fee_bps must be below %d", BpsDenominator)
	}
	if p.MaxLocksPerAccount == 0 || p.MaxLocksPerAccount > 1000 {
		return errorsmod.Wrap(ErrInvalidParams, "max_locks_per_account must be in [1, 1000]")
	}
	return nil
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

// CanonicalAddress fails unless s is a valid address in its canonical
// (lower-case bech32) spelling. Bech32 also accepts an all-upper-case
// spelling of the same address; a list that allowed both could hold one
// account twice (two quorum votes for one attester), and a lookup by the
// signer's canonical string would miss it.
func CanonicalAddress(ac address.Codec, s string) error {
	bz, err := ac.StringToBytes(s)
	if err != nil || len(bz) == 0 {
		return fmt.Errorf("%q is not a valid address: %v", s, err)
	}
	canon, err := ac.BytesToString(bz)
	if err != nil {
		return err
	}
	if canon != s {
		return fmt.Errorf("%q is not in canonical form (%s)", s, canon)
	}
	return nil
}
