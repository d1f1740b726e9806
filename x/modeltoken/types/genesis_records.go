package types

import (
	"fmt"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	"cosmossdk.io/core/address"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

// The checks of the genesis sections after launches and staking: every
// record well formed (canonical addresses, known model-token denoms, no
// nil or negative amounts), ids unique, and every cross-reference (epochs,
// batches, usage records, reward entries, incentive schedules) pointing at
// something. A genesis that passes cannot make a begin-block step fail on
// a malformed record (an unbonding of an empty denom used to halt the
// chain when it matured).

// amounts fails unless every x is set and not negative.
func amounts(what string, xs ...math.Int) error {
	for i, x := range xs {
		if x.IsNil() || x.IsNegative() {
			return errorsmod.Wrapf(ErrInvalidGenesis, "%s: amount %d is missing or negative", what, i)
		}
	}
	return nil
}

// decs fails unless every x is set and not negative.
func decs(what string, xs ...math.LegacyDec) error {
	for i, x := range xs {
		if x.IsNil() || x.IsNegative() {
			return errorsmod.Wrapf(ErrInvalidGenesis, "%s: value %d is missing or negative", what, i)
		}
	}
	return nil
}

func addr(ac address.Codec, what, s string) error {
	if err := CanonicalAddress(ac, s); err != nil {
		return errorsmod.Wrapf(ErrInvalidGenesis, "%s: %v", what, err)
	}
	return nil
}

// validateRecords checks the sections validateStaking leaves: model
// tokens, vestings, the epoch clock, unbonding denoms, usage, rewards,
// incentives and revenue.
func (gs GenesisState) validateRecords(ac address.Codec) error {
	tokens := map[string]bool{}
	for _, t := range gs.ModelTokens {
		if tokens[t.Denom] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "model token %s twice", t.Denom)
		}
		tokens[t.Denom] = true
		if err := amounts("model token "+t.Denom, t.Minted, t.Burned, t.IncentivePool, t.LiquidityMt, t.LiquidityFlock); err != nil {
			return err
		}
		if t.Burned.GT(t.Minted) {
			return errorsmod.Wrapf(ErrInvalidGenesis, "model token %s burned more than minted", t.Denom)
		}
	}
	known := func(what, denom string) error {
		if !tokens[denom] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "%s: %q is not a model token", what, denom)
		}
		return nil
	}
	for _, v := range gs.Vestings {
		what := fmt.Sprintf("vesting of launch %d", v.LaunchId)
		if err := addr(ac, what, v.Beneficiary); err != nil {
			return err
		}
		if err := known(what, v.Denom); err != nil {
			return err
		}
		if err := amounts(what, v.Total, v.Claimed, v.FlockTotal, v.FlockClaimed); err != nil {
			return err
		}
		if v.Claimed.GT(v.Total) || v.FlockClaimed.GT(v.FlockTotal) {
			return errorsmod.Wrapf(ErrInvalidGenesis, "%s claimed more than its total", what)
		}
	}
	for _, u := range gs.Unbondings {
		what := fmt.Sprintf("unbonding %d", u.Id)
		if u.Id == 0 {
			return errorsmod.Wrap(ErrInvalidGenesis, "unbonding id 0")
		}
		if err := addr(ac, what, u.Owner); err != nil {
			return err
		}
		if err := known(what, u.Denom); err != nil {
			return err
		}
	}
	for _, p := range gs.Positions {
		what := "position " + p.Owner + "/" + p.Denom
		if err := addr(ac, what, p.Owner); err != nil {
			return err
		}
		if !p.PrevCounted.IsNil() && p.PrevCounted.IsNegative() {
			return errorsmod.Wrapf(ErrInvalidGenesis, "%s: negative counted stake", what)
		}
		if p.Epoch > max(gs.Epoch.Number, 1) { // before the first block the clock reads epoch 1
			return errorsmod.Wrapf(ErrInvalidGenesis, "%s: epoch %d after the current %d", what, p.Epoch, gs.Epoch.Number)
		}
	}
	for _, ms := range gs.ModelStakes {
		what := "model stake " + ms.Denom
		if err := known(what, ms.Denom); err != nil {
			return err
		}
		if err := amounts(what, ms.TotalStaked, ms.CountedTotal, ms.Unbonding); err != nil {
			return err
		}
	}
	if err := gs.validateStakeCheckpoints(known); err != nil {
		return err
	}
	for _, l := range gs.GmLocks {
		if err := addr(ac, fmt.Sprintf("gm lock %d", l.Id), l.Owner); err != nil {
			return err
		}
	}
	if err := gs.validateEpochs(); err != nil {
		return err
	}
	if err := gs.validateUsage(ac, known); err != nil {
		return err
	}
	return gs.validateRewardRecords(ac, known)
}

// validateEpochs: the clock's epoch has a recorded start, starts are
// unique and not in the future, and at most the past is settled.
func (gs GenesisState) validateEpochs() error {
	starts := map[uint64]bool{}
	for _, e := range gs.EpochStarts {
		if e.Epoch == 0 || e.Epoch > gs.Epoch.Number || starts[e.Epoch] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "epoch start %d (current epoch %d): zero, future or twice", e.Epoch, gs.Epoch.Number)
		}
		starts[e.Epoch] = true
	}
	if gs.Epoch.Number > 0 && !starts[gs.Epoch.Number] {
		return errorsmod.Wrapf(ErrInvalidGenesis, "current epoch %d has no recorded start", gs.Epoch.Number)
	}
	if gs.ExpiredEpochs > gs.SettledEpochs {
		return errorsmod.Wrapf(ErrInvalidGenesis, "%d epochs expired, only %d settled", gs.ExpiredEpochs, gs.SettledEpochs)
	}
	if gs.Epoch.Number == 0 && len(gs.EpochStarts) > 0 {
		return errorsmod.Wrap(ErrInvalidGenesis, "epoch starts without an epoch clock")
	}
	if gs.SettledEpochs > 0 && gs.SettledEpochs >= max(gs.Epoch.Number, 1) {
		return errorsmod.Wrapf(ErrInvalidGenesis, "%d epochs settled, but the current epoch is %d", gs.SettledEpochs, gs.Epoch.Number)
	}
	return nil
}

type usageKey struct {
	epoch       uint64
	denom, user string
}

// validateUsage: batches, pending rows, per-user records and per-model sums.
func (gs GenesisState) validateUsage(ac address.Codec, known func(string, string) error) error {
	batches := map[string]UsageBatch{}
	contents := map[string][]UsageBatch{} // per (epoch, batch id), every model's
	for _, b := range gs.UsageBatches {
		what := fmt.Sprintf("usage batch %d/%s/%s", b.Epoch, b.BatchId, b.ContentHash)
		if b.Epoch == 0 || b.Epoch > max(gs.Epoch.Number, 1) || len(b.Attesters) == 0 {
			return errorsmod.Wrapf(ErrInvalidGenesis, "%s: epoch or attesters", what)
		}
		if err := CheckBatchID(b.BatchId); err != nil {
			return errorsmod.Wrapf(ErrInvalidGenesis, "%s: %v", what, err)
		}
		if err := CheckContentHash(b.ContentHash); err != nil {
			return errorsmod.Wrapf(ErrInvalidGenesis, "%s: %v", what, err)
		}
		if err := known(what, b.Denom); err != nil {
			return err
		}
		key := fmt.Sprintf("%d/%s/%s", b.Epoch, b.BatchId, b.ContentHash)
		if _, dup := batches[key]; dup {
			return errorsmod.Wrapf(ErrInvalidGenesis, "%s twice", what)
		}
		batches[key] = b
		id := fmt.Sprintf("%d/%s", b.Epoch, b.BatchId)
		for _, rival := range contents[id] {
			if rival.Denom == b.Denom && rival.Applied && b.Applied {
				return errorsmod.Wrapf(ErrInvalidGenesis, "%s: batch id %s of %s has two applied contents", what, id, b.Denom)
			}
		}
		contents[id] = append(contents[id], b)
	}
	for _, pb := range gs.PendingBatches {
		id := fmt.Sprintf("%d/%s", pb.Epoch, pb.BatchId)
		b, ok := batches[id+"/"+pb.ContentHash]
		if pb.ContentHash == "" && len(contents[id]) == 1 { // an export from before v4
			b, ok = contents[id][0], true
		}
		if !ok || b.Applied || len(pb.Rows) == 0 {
			return errorsmod.Wrapf(ErrInvalidGenesis, "pending rows of batch %s/%s: no open batch or no rows", id, pb.ContentHash)
		}
	}
	models := map[string]bool{}
	for _, mu := range gs.ModelUsage {
		what := fmt.Sprintf("model usage %d/%s", mu.Epoch, mu.Denom)
		if err := known(what, mu.Denom); err != nil {
			return err
		}
		if err := amounts(what, mu.TotalSpend); err != nil {
			return err
		}
		if err := decs(what, mu.SumUg, mu.SumUgSqrtS, mu.SumUsg); err != nil {
			return err
		}
		models[fmt.Sprintf("%d/%s", mu.Epoch, mu.Denom)] = true
	}
	for _, u := range gs.UserUsage {
		what := fmt.Sprintf("usage of %s in %d/%s", u.User, u.Epoch, u.Denom)
		if err := addr(ac, what, u.User); err != nil {
			return err
		}
		if !models[fmt.Sprintf("%d/%s", u.Epoch, u.Denom)] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "%s: no model usage for it", what)
		}
		if u.Record.Spend == 0 || u.Record.Gm.IsNil() || u.Record.Gm.LT(math.LegacyOneDec()) {
			return errorsmod.Wrapf(ErrInvalidGenesis, "%s: zero spend or multiplier below 1", what)
		}
		if err := amounts(what, u.Record.Stake); err != nil {
			return err
		}
	}
	return nil
}

// validateRewardRecords: snapshots, reward entries, sealed pools, incentive
// budgets and their schedules, revenue totals.
func (gs GenesisState) validateRewardRecords(ac address.Codec, known func(string, string) error) error {
	for _, g := range gs.GmSnapshots {
		what := fmt.Sprintf("gm snapshot of %s in epoch %d", g.User, g.Epoch)
		if err := addr(ac, what, g.User); err != nil {
			return err
		}
		if g.Gm.IsNil() || g.Gm.LT(math.LegacyOneDec()) {
			return errorsmod.Wrapf(ErrInvalidGenesis, "%s: multiplier below 1", what)
		}
	}
	records := map[usageKey]bool{}
	for _, u := range gs.UserUsage {
		records[usageKey{u.Epoch, u.Denom, u.User}] = true
	}
	for _, r := range gs.RewardEntries {
		if !records[usageKey{r.Epoch, r.Denom, r.User}] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "reward entry %s %d/%s without its usage record", r.User, r.Epoch, r.Denom)
		}
	}
	prog := gs.SettleProgress
	if err := gs.validateSettleProgress(); err != nil {
		return err
	}
	for _, r := range gs.EpochRewards {
		what := fmt.Sprintf("epoch reward %d/%s", r.Epoch, r.Denom)
		if err := known(what, r.Denom); err != nil {
			return err
		}
		sealedInProgress := prog != nil && r.Epoch == prog.Epoch && r.Denom <= prog.LastDenom
		if r.Epoch == 0 || (r.Epoch > gs.SettledEpochs && !sealedInProgress) {
			return errorsmod.Wrapf(ErrInvalidGenesis, "%s: epoch not settled", what)
		}
		if err := amounts(what, r.Emission, r.ReservedFlock, r.Mt, r.Usage, r.StakeTotal, r.PaidFlock, r.PaidMt); err != nil {
			return err
		}
		if err := decs(what, r.SumUg, r.SumUgSqrtS, r.SumUsg, r.Alpha); err != nil {
			return err
		}
		if r.PaidFlock.GT(r.Emission.Add(r.ReservedFlock)) || r.PaidMt.GT(r.Mt) {
			return errorsmod.Wrapf(ErrInvalidGenesis, "%s: paid more than its pools", what)
		}
	}
	for _, s := range gs.EpochSummaries {
		if err := amounts(fmt.Sprintf("epoch summary %d", s.Epoch), s.Emitted, s.TotalUsage); err != nil {
			return err
		}
	}
	steps := map[string]uint64{}
	for _, inc := range gs.Incentives {
		what := "incentives of " + inc.Denom
		if err := known(what, inc.Denom); err != nil {
			return err
		}
		if _, dup := steps[inc.Denom]; dup {
			return errorsmod.Wrapf(ErrInvalidGenesis, "%s twice", what)
		}
		if err := amounts(what, inc.ReservedFlock, inc.FlockRate, inc.MtRemaining, inc.MtRate); err != nil {
			return err
		}
		steps[inc.Denom] = inc.FlockStep
	}
	for _, d := range gs.IncentiveRateDeltas {
		step, ok := steps[d.Denom]
		if !ok || d.Step <= step || d.Delta.IsNil() || d.Delta.IsZero() {
			return errorsmod.Wrapf(ErrInvalidGenesis, "rate delta %s/%d: no incentives, a past step or no change", d.Denom, d.Step)
		}
	}
	for _, r := range gs.Revenue {
		what := "revenue of " + r.Denom
		if err := known(what, r.Denom); err != nil {
			return err
		}
		if err := amounts(what, r.Deposited, r.MtBuybackFlock, r.MtBought, r.FlockBurned, r.Treasury, r.Issuer, r.PendingBurn, r.MtBurned,
			r.PendingBuyback, r.BuybackSpent, r.BuybackDustBurned); err != nil {
			return err
		}
		if !r.BuybackSpent.Add(r.PendingBuyback).Add(r.BuybackDustBurned).Equal(r.MtBuybackFlock) {
			return errorsmod.Wrapf(ErrInvalidGenesis, "%s: buyback leg %s != spent %s + pending %s + dust burned %s",
				what, r.MtBuybackFlock, r.BuybackSpent, r.PendingBuyback, r.BuybackDustBurned)
		}
	}
	if gs.BuybackCursor != "" {
		if err := known("buyback cursor", gs.BuybackCursor); err != nil {
			return err
		}
	}
	if err := validateOracles(gs.PoolOracles, known); err != nil {
		return err
	}
	return gs.validateAttesters(ac, known)
}

// validateAttesters checks bonds (one per attester, amounts set and not
// negative), evidence (unique ids from 1, a known kind) and the opened spend.
func (gs GenesisState) validateAttesters(ac address.Codec, known func(what, denom string) error) error {
	bonds := map[string]bool{}
	for _, b := range gs.AttesterBonds {
		what := "bond of " + b.Attester
		if err := addr(ac, what, b.Attester); err != nil {
			return err
		}
		if bonds[b.Attester] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "%s twice", what)
		}
		bonds[b.Attester] = true
		if err := amounts(what, b.Bonded, b.Slashed); err != nil {
			return err
		}
		for _, u := range b.Unbondings {
			if err := amounts(what, u.Amount); err != nil {
				return err
			}
			if u.Completion.Before(u.Created) {
				return errorsmod.Wrapf(ErrInvalidGenesis, "%s: an unbonding completes before it started", what)
			}
		}
	}
	ids := map[uint64]bool{}
	for _, e := range gs.Evidence {
		what := fmt.Sprintf("evidence %d", e.Id)
		if e.Id == 0 || ids[e.Id] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "%s: id 0 or twice", what)
		}
		ids[e.Id] = true
		if err := addr(ac, what, e.Attester); err != nil {
			return err
		}
		if e.Kind != EvidenceEquivocation && e.Kind != EvidenceVoid {
			return errorsmod.Wrapf(ErrInvalidGenesis, "%s: unknown kind %q", what, e.Kind)
		}
		if err := amounts(what, e.Slashed); err != nil {
			return err
		}
	}
	for _, s := range gs.AttesterEpochSpend {
		what := fmt.Sprintf("attester spend %d/%s/%s", s.Epoch, s.Denom, s.Attester)
		if err := addr(ac, what, s.Attester); err != nil {
			return err
		}
		if err := known(what, s.Denom); err != nil {
			return err
		}
	}
	return nil
}

// validateOracles checks each pool oracle: a live model's, once, with a
// ring of 1 to OracleRingSize observations as the keeper fills it (slots
// 0..count−1 until full), in strictly increasing time and non-decreasing
// cumulative price from the oldest, none after the accumulator's last update.
func validateOracles(oracles []PoolOracle, known func(what, denom string) error) error {
	seen := map[string]bool{}
	for _, o := range oracles {
		what := "price oracle of " + o.Denom
		if err := known(what, o.Denom); err != nil {
			return err
		}
		if seen[o.Denom] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "%s twice", what)
		}
		seen[o.Denom] = true
		if err := amounts(what, o.Cumulative); err != nil {
			return err
		}
		n := uint32(len(o.Observations))
		if n == 0 || n > OracleRingSize || n != o.Count || o.LastHeight < 0 || o.Newest >= n || (n < OracleRingSize && o.Newest != n-1) {
			return errorsmod.Wrapf(ErrInvalidGenesis, "%s: %d observations (count %d, newest %d; want 1 to %d filled from slot 0), last height %d",
				what, n, o.Count, o.Newest, OracleRingSize, o.LastHeight)
		}
		var prev *PriceObservation
		for i := uint32(0); i < n; i++ {
			obs := o.Observations[(o.Newest+1+i)%n] // oldest first
			if err := amounts(what, obs.Cumulative); err != nil {
				return err
			}
			if obs.Time.After(o.LastTime) || obs.Cumulative.GT(o.Cumulative) {
				return errorsmod.Wrapf(ErrInvalidGenesis, "%s: an observation is after the accumulator", what)
			}
			if prev != nil && (!obs.Time.After(prev.Time) || obs.Cumulative.LT(prev.Cumulative)) {
				return errorsmod.Wrapf(ErrInvalidGenesis, "%s: observations out of order", what)
			}
			// The touch before an observation (unset before v4) lies between
			// the observation and the one before it, on the accumulator.
			if !obs.PrevTime.IsZero() && !obs.PrevCumulative.IsNil() {
				if obs.PrevTime.After(obs.Time) || obs.PrevCumulative.IsNegative() || obs.PrevCumulative.GT(obs.Cumulative) ||
					(prev != nil && (obs.PrevTime.Before(prev.Time) || obs.PrevCumulative.LT(prev.Cumulative))) {
					return errorsmod.Wrapf(ErrInvalidGenesis, "%s: an observation's previous touch is outside its interval", what)
				}
			}
			prev = &obs
		}
	}
	return nil
}

// validateSettleProgress checks an epoch settled over several blocks against
// the rest of the genesis: it is the next epoch to settle, its amounts are
// sane, the models sealed so far hold exactly what it emitted, and its total
// usage is its models' usage (a smaller total would pay more than the
// emission). Sealed models past last_denom are refused with the epoch rewards.
func (gs GenesisState) validateSettleProgress() error {
	prog := gs.SettleProgress
	if prog == nil {
		return nil
	}
	what := fmt.Sprintf("settle progress of epoch %d", prog.Epoch)
	if prog.Epoch != gs.SettledEpochs+1 || prog.Epoch >= gs.Epoch.Number {
		return errorsmod.Wrapf(ErrInvalidGenesis, "%s: the next epoch to settle is %d (current %d)", what, gs.SettledEpochs+1, gs.Epoch.Number)
	}
	if err := amounts(what, prog.Emission, prog.TotalUsage, prog.Emitted); err != nil {
		return err
	}
	if prog.Emitted.GT(prog.Emission) || !prog.TotalUsage.IsPositive() {
		return errorsmod.Wrapf(ErrInvalidGenesis, "%s: emitted %s of %s, usage %s", what, prog.Emitted, prog.Emission, prog.TotalUsage)
	}
	if err := sdk.ValidateDenom(prog.LastDenom); err != nil {
		return errorsmod.Wrapf(ErrInvalidGenesis, "%s: last denom: %v", what, err)
	}
	sealed, usage := math.ZeroInt(), math.ZeroInt()
	for _, r := range gs.EpochRewards {
		if r.Epoch == prog.Epoch && !r.Emission.IsNil() {
			sealed = sealed.Add(r.Emission)
		}
	}
	for _, mu := range gs.ModelUsage {
		if mu.Epoch == prog.Epoch && !mu.TotalSpend.IsNil() {
			usage = usage.Add(mu.TotalSpend)
		}
	}
	if !sealed.Equal(prog.Emitted) || !usage.Equal(prog.TotalUsage) {
		return errorsmod.Wrapf(ErrInvalidGenesis, "%s: emitted %s and usage %s, but its sealed pools hold %s and its models' usage is %s",
			what, prog.Emitted, prog.TotalUsage, sealed, usage)
	}
	return nil
}

// validateStakeCheckpoints: each checkpoint is of a model token with a
// stake record, unique per (denom, epoch), with valid amounts, and older
// than the record's own epoch (a checkpoint is written as the record rolls
// past it).
func (gs GenesisState) validateStakeCheckpoints(known func(what, denom string) error) error {
	current := make(map[string]uint64, len(gs.ModelStakes))
	for _, ms := range gs.ModelStakes {
		current[ms.Denom] = ms.CountedEpoch
	}
	seen := make(map[string]bool, len(gs.StakeCheckpoints))
	for _, cp := range gs.StakeCheckpoints {
		what := fmt.Sprintf("stake checkpoint %s/%d", cp.Denom, cp.CountedEpoch)
		if err := known(what, cp.Denom); err != nil {
			return err
		}
		if err := amounts(what, cp.TotalStaked, cp.CountedTotal, cp.Unbonding); err != nil {
			return err
		}
		at, ok := current[cp.Denom]
		if !ok || cp.CountedEpoch >= at {
			return errorsmod.Wrapf(ErrInvalidGenesis, "%s: not older than the model's stake record (epoch %d)", what, at)
		}
		if seen[what] {
			return errorsmod.Wrapf(ErrInvalidGenesis, "%s: duplicate", what)
		}
		seen[what] = true
	}
	return nil
}
