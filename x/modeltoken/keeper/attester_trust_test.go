package keeper_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
	"pgregory.net/rapid"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/query"

	"github.com/flockchain/flockd/app"
	"github.com/flockchain/flockd/testutil"
	"github.com/flockchain/flockd/x/modeltoken/types"
)

// Attestation trust: bonds, equivocation, the dispute window.

const trustBond = 10_000 // FLOCK each attester bonds in these tests

// guardian is the guardian of these tests (a key with no funds: voiding costs nothing).
func guardian() sdk.AccAddress { return userAddr(200) }

// withAttesterTrust lists the first n accounts as attesters with quorum q,
// turns the default bond, slashes and a 24 h dispute window on, makes
// guardian() a guardian and bonds trustBond FLOCK for each attester.
func (f *fixture) withAttesterTrust(t tb, n int, quorum uint32) {
	t.Helper()
	f.withAttesters(t, n, quorum)
	p, err := f.ModelTokenKeeper.Params.Get(f.Ctx)
	require.NoError(t, err)
	d := types.DefaultParams()
	p.AttesterMinBond, p.DisputeWindow, p.AttesterUnbonding = d.AttesterMinBond, d.DisputeWindow, d.AttesterUnbonding
	p.Guardians = []string{guardian().String()}
	_, err = f.msg.UpdateParams(f.Ctx, &types.MsgUpdateParams{Authority: testutil.GovAuthority(), Params: p})
	require.NoError(t, err)
	f.bondUpTo(t, n, flock(trustBond)) // under the production fixture withAttesters bonded attester_min_bond already
	for _, a := range f.Accounts[:n] {
		require.True(t, f.bond(t, a).Active)
		require.Equal(t, flock(trustBond), f.bond(t, a).Bond.Bonded)
	}
}

func (f *fixture) submit(t tb, attester sdk.AccAddress, epoch uint64, denom, id string, rows []types.UsageRow, hash string) (*types.MsgSubmitUsageResponse, error) {
	t.Helper()
	return f.msg.SubmitUsage(f.Ctx, &types.MsgSubmitUsage{Attester: attester.String(), Epoch: epoch, Denom: denom, BatchId: id, Rows: rows, ContentHash: hash})
}

func (f *fixture) bond(t tb, attester sdk.AccAddress) *types.QueryAttesterStatusResponse {
	t.Helper()
	res, err := f.query.AttesterStatus(f.Ctx, &types.QueryAttesterStatusRequest{Attester: attester.String()})
	require.NoError(t, err)
	return res
}

// compromisedEpoch is the scenario: honest users spend $6,000 on a
// model in one epoch; the attacker's user has 1 MT staked and the attacker
// posts $5M of fake spend (one attester's whole share of the cap).
type compromisedEpoch struct {
	f      *fixture
	denom  string
	epoch  uint64
	honest []types.UsageRow
	fake   []types.UsageRow
}

func newCompromisedEpoch(t *testing.T, attesters int, quorum uint32) *compromisedEpoch {
	f := newFixture(t)
	denom := f.liveToken(t, "TRUST")
	f.nextEpoch(t)
	f.withAttesterTrust(t, attesters, quorum)
	e, err := f.ModelTokenKeeper.GetEpoch(f.Ctx)
	require.NoError(t, err)
	attacker := userAddr(99)
	require.NoError(t, f.BankKeeper.SendCoins(f.Ctx, f.Accounts[1], attacker, sdk.NewCoins(mt(denom, 1_000_000))))
	_, err = f.msg.Stake(f.Ctx, &types.MsgStake{Staker: attacker.String(), Amount: mt(denom, 1_000_000)})
	require.NoError(t, err)
	return &compromisedEpoch{f: f, denom: denom, epoch: e.Number,
		honest: rowsFor(0, 3, 2_000_000_000), // 3 users, $2,000 each
		fake:   []types.UsageRow{{User: attacker.String(), Spend: 5_000_000_000_000}}}
}

// rewards settles the epoch and returns every honest user's pending rewards.
func (c *compromisedEpoch) rewards(t *testing.T) []sdk.Coins {
	c.f.settleThrough(t, c.epoch)
	var out []sdk.Coins
	for i := range c.honest {
		out = append(out, c.f.pending(t, userAddr(i)))
	}
	return out
}

// TestCompromisedAttester reruns the attack of the issue three ways.
func TestCompromisedAttester(t *testing.T) {
	// Baseline: only the honest batch.
	base := newCompromisedEpoch(t, 3, 2)
	_, err := base.f.submit(t, base.f.Accounts[0], base.epoch, base.denom, "honest", base.honest, "")
	require.NoError(t, err)
	_, err = base.f.submit(t, base.f.Accounts[2], base.epoch, base.denom, "honest", nil, types.UsageContentHash(base.denom, base.epoch, base.honest))
	require.NoError(t, err)
	want := base.rewards(t)
	require.True(t, want[0].IsAllPositive())

	t.Run("quorum 2, one key compromised: the fake batch never applies", func(t *testing.T) {
		c := newCompromisedEpoch(t, 3, 2)
		f, honestA, attackerB, honestC := c.f, c.f.Accounts[0], c.f.Accounts[1], c.f.Accounts[2]
		res, err := f.submit(t, attackerB, c.epoch, c.denom, "fake", c.fake, "")
		require.NoError(t, err)
		require.False(t, res.Applied, "one signature is not a quorum")
		_, err = f.submit(t, honestA, c.epoch, c.denom, "honest", c.honest, "")
		require.NoError(t, err)
		_, err = f.submit(t, honestC, c.epoch, c.denom, "honest", nil, types.UsageContentHash(c.denom, c.epoch, c.honest))
		require.NoError(t, err)
		require.Equal(t, want, c.rewards(t), "honest users are paid as if the fake batch never existed")
		require.NoError(t, f.ModelTokenKeeper.CheckInvariants(f.Ctx))
	})

	t.Run("the attacker controls the quorum: a guardian voids the batch inside the window", func(t *testing.T) {
		c := newCompromisedEpoch(t, 3, 2)
		f, honestA, attackerB, attackerC, guardian := c.f, c.f.Accounts[0], c.f.Accounts[1], c.f.Accounts[2], guardian()
		// Two fake batches of half the cap each fill the model's cap...
		half := []types.UsageRow{{User: userAddr(98).String(), Spend: 5_000_000_000_000}}
		for _, fake := range []struct {
			id     string
			rows   []types.UsageRow
			opener sdk.AccAddress
			second sdk.AccAddress
		}{{"fake-1", c.fake, attackerB, attackerC}, {"fake-2", half, attackerC, attackerB}} {
			_, err := f.submit(t, fake.opener, c.epoch, c.denom, fake.id, fake.rows, "")
			require.NoError(t, err)
			res, err := f.submit(t, fake.second, c.epoch, c.denom, fake.id, nil, types.UsageContentHash(c.denom, c.epoch, fake.rows))
			require.NoError(t, err)
			require.True(t, res.Applied)
		}
		// ...so no honest usage fits any more,
		p, err := f.ModelTokenKeeper.Params.Get(f.Ctx)
		require.NoError(t, err)
		mu, err := f.query.ModelUsage(f.Ctx, &types.QueryModelUsageRequest{Epoch: c.epoch, Denom: c.denom})
		require.NoError(t, err)
		require.Equal(t, math.NewIntFromUint64(p.MaxModelEpochSpend), mu.Usage.TotalSpend, "the cap is full")
		// and the attacker starts unbonding at once to escape.
		_, err = f.msg.UnbondAttester(f.Ctx, &types.MsgUnbondAttester{Attester: attackerB.String(), Amount: uflock(flock(trustBond))})
		require.NoError(t, err)

		// The epoch ends; during the grace and dispute window a guardian voids both.
		f.nextEpoch(t)
		treasury := f.balance(f.treasury(), app.BondDenom)
		for _, v := range []struct {
			id   string
			rows []types.UsageRow
		}{{"fake-1", c.fake}, {"fake-2", half}} {
			res, err := f.msg.VoidBatch(f.Ctx, &types.MsgVoidBatch{Authority: guardian.String(), Epoch: c.epoch, BatchId: v.id, Rows: v.rows, Reason: "fake spend"})
			require.NoError(t, err)
			if v.id == "fake-1" {
				require.Len(t, res.Slashed, 2)
			} else {
				require.Empty(t, res.Slashed, "both are jailed already: voided, not slashed again")
			}
			require.NoError(t, f.ModelTokenKeeper.CheckInvariants(f.Ctx))
		}
		mu, err = f.query.ModelUsage(f.Ctx, &types.QueryModelUsageRequest{Epoch: c.epoch, Denom: c.denom})
		require.NoError(t, err)
		require.True(t, mu.Usage.TotalSpend.IsZero(), "the model's usage is empty again: the cap freed up")
		require.False(t, f.bond(t, attackerB).Active)
		require.True(t, f.bond(t, attackerB).Bond.Jailed)
		// Both attacker keys are jailed, so quorum 2 cannot be met: governance
		// lowers it to 1 for the honest attester, and the honest batch, still
		// in the grace, goes in.
		p.AttestationQuorum = 1
		_, err = f.msg.UpdateParams(f.Ctx, &types.MsgUpdateParams{Authority: testutil.GovAuthority(), Params: p})
		require.NoError(t, err)
		res, err := f.submit(t, honestA, c.epoch, c.denom, "honest", c.honest, "")
		require.NoError(t, err)
		require.True(t, res.Applied)

		// Both attackers lost void_slash_bps of what they had at stake, B's
		// unbonding included (it started after the offence), once: a void
		// slashes an attester once per jail (the bound on a guardian key).
		slashedB := f.bond(t, attackerB).Bond.Slashed
		slashedC := f.bond(t, attackerC).Bond.Slashed
		require.True(t, slashedB.IsPositive() && slashedC.IsPositive())
		require.Equal(t, treasury.Add(slashedB).Add(slashedC), f.balance(f.treasury(), app.BondDenom), "slashes go to the treasury")
		// 20% of 10,000 FLOCK.
		require.Equal(t, flock(2_000), slashedB)
		require.Equal(t, flock(2_000), slashedC)
		ev, err := f.query.Evidence(f.Ctx, &types.QueryEvidenceRequest{Attester: attackerB.String()})
		require.NoError(t, err)
		require.Len(t, ev.Evidence, 1)

		c.f.settleThrough(t, c.epoch)
		var got []sdk.Coins
		for i := range c.honest {
			got = append(got, f.pending(t, userAddr(i)))
		}
		require.Equal(t, want, got, "honest users are paid as if the fake batches never existed")
		require.True(t, f.pending(t, userAddr(99)).IsZero() && f.pending(t, userAddr(98)).IsZero(), "the fake users get nothing")
		require.NoError(t, f.ModelTokenKeeper.CheckInvariants(f.Ctx))
	})
}

// TestEquivocationIsSlashedOnce: both paths, each slashed exactly once,
// the honest co-attester untouched.
func TestEquivocationIsSlashedOnce(t *testing.T) {
	c := newCompromisedEpoch(t, 3, 2)
	f, a, b, honest := c.f, c.f.Accounts[0], c.f.Accounts[1], c.f.Accounts[2]
	other := rowsFor(10, 2, 7)

	// Path 1: a second, different content for a batch it opened.
	_, err := f.submit(t, a, c.epoch, c.denom, "x", c.honest, "")
	require.NoError(t, err)
	res, err := f.submit(t, a, c.epoch, c.denom, "x", other, "")
	require.NoError(t, err, "the equivocation is recorded, so the tx succeeds")
	require.True(t, res.Equivocation)
	require.Equal(t, flock(trustBond/2), f.bond(t, a).Bond.Slashed)
	require.False(t, f.bond(t, a).Active)
	_, err = f.submit(t, a, c.epoch, c.denom, "x", rowsFor(20, 1, 1), "")
	require.ErrorIs(t, err, types.ErrDuplicateBatch, "the same offence is not slashed twice")
	require.Equal(t, flock(trustBond/2), f.bond(t, a).Bond.Slashed)

	// Path 2: confirming a hash other than the one the quorum reached, after
	// being part of that quorum.
	hash := types.UsageContentHash(c.denom, c.epoch, c.honest)
	_, err = f.submit(t, b, c.epoch, c.denom, "y", c.honest, "")
	require.NoError(t, err)
	r, err := f.submit(t, honest, c.epoch, c.denom, "y", nil, hash)
	require.NoError(t, err)
	require.True(t, r.Applied)
	res, err = f.submit(t, b, c.epoch, c.denom, "y", nil, types.UsageContentHash(c.denom, c.epoch, other))
	require.NoError(t, err)
	require.True(t, res.Equivocation)
	require.Equal(t, flock(trustBond/2), f.bond(t, b).Bond.Slashed)

	// A different content from an attester that never attested the id is
	// dissent, never slashed: a rival candidate while no content of the id
	// is applied, refused once one is.
	res, err = f.submit(t, honest, c.epoch, c.denom, "x", other, "")
	require.NoError(t, err)
	require.False(t, res.Equivocation)
	_, err = f.submit(t, a, c.epoch, c.denom, "y", other, "")
	require.ErrorIs(t, err, types.ErrContentMismatch, "y was applied with the honest content")
	require.Equal(t, flock(trustBond/2), f.bond(t, a).Bond.Slashed, "dissent on y is not a second slash")
	require.True(t, f.bond(t, honest).Bond.Slashed.IsZero())
	require.True(t, f.bond(t, honest).Active)
	ev, err := f.query.Evidence(f.Ctx, &types.QueryEvidenceRequest{})
	require.NoError(t, err)
	require.Len(t, ev.Evidence, 2)
	require.NoError(t, f.ModelTokenKeeper.CheckInvariants(f.Ctx))

	// Governance reinstates a jailed attester; it must bond back up.
	_, err = f.msg.ReinstateAttester(f.Ctx, &types.MsgReinstateAttester{Authority: testutil.GovAuthority(), Attester: a.String()})
	require.NoError(t, err)
	require.False(t, f.bond(t, a).Active, "half its bond is gone: below attester_min_bond")
	_, err = f.msg.BondAttester(f.Ctx, &types.MsgBondAttester{Attester: a.String(), Amount: uflock(flock(trustBond / 2))})
	require.NoError(t, err)
	require.True(t, f.bond(t, a).Active)
	_, err = f.msg.ReinstateAttester(f.Ctx, &types.MsgReinstateAttester{Authority: a.String(), Attester: a.String()})
	require.ErrorIs(t, err, types.ErrInvalidAuthority)
}

// TestHonestAttestersAreNeverSlashed (rapid): three attesters, quorum 2,
// random batches, random order of submissions and confirmations, replays
// and dissent; an attester is slashed iff it submitted two different
// contents for one batch, and then exactly once.
func TestHonestAttestersAreNeverSlashed(t *testing.T) {
	rapid.Check(t, func(rt *rapid.T) {
		c := newCompromisedEpoch(t, 3, 2)
		f := c.f
		contents := [][]types.UsageRow{rowsFor(0, 2, 5), rowsFor(5, 1, 9), rowsFor(7, 3, 2)}
		first := map[[2]int]int{} // (attester, batch) -> content it first sent (accepted)
		equivocated := map[[2]int]bool{}
		batchContent := map[int]int{} // batch -> content it was opened with
		steps := rapid.IntRange(1, 25).Draw(rt, "steps")
		for i := 0; i < steps; i++ {
			att := rapid.IntRange(0, 2).Draw(rt, "attester")
			batch := rapid.IntRange(0, 2).Draw(rt, "batch")
			content := rapid.IntRange(0, 2).Draw(rt, "content")
			byHash := rapid.Bool().Draw(rt, "byHash")
			key := [2]int{att, batch}
			rows, hash := contents[content], ""
			if _, opened := batchContent[batch]; opened && byHash {
				rows, hash = nil, types.UsageContentHash(c.denom, c.epoch, contents[content])
			}
			id := string(rune('a' + batch))
			res, err := f.submit(rt, f.Accounts[att], c.epoch, c.denom, id, rows, hash)
			sent, had := first[key]
			jailed := f.bond(rt, f.Accounts[att]).Bond.Jailed
			switch {
			case had && sent != content && !equivocated[key]:
				require.NoError(rt, err)
				require.True(rt, res.Equivocation)
				equivocated[key] = true
			case err == nil:
				require.False(rt, res.Equivocation)
				if _, opened := batchContent[batch]; !opened {
					batchContent[batch] = content
				}
				first[key] = content
			default:
				// Refused: a replay, dissent, or a jailed attester; never a slash.
				_ = jailed
			}
		}
		for att := 0; att < 3; att++ {
			slashes := 0
			for b := 0; b < 3; b++ {
				if equivocated[[2]int{att, b}] {
					slashes++
				}
			}
			ev, err := f.query.Evidence(f.Ctx, &types.QueryEvidenceRequest{Attester: f.Accounts[att].String()})
			require.NoError(rt, err)
			require.Len(rt, ev.Evidence, slashes, "attester %d", att)
			if slashes == 0 {
				require.True(rt, f.bond(rt, f.Accounts[att]).Bond.Slashed.IsZero(), "honest attester %d slashed", att)
			}
		}
		require.NoError(rt, f.ModelTokenKeeper.CheckInvariants(f.Ctx))
	})
}

// TestUnbondingDoesNotEscapeASlash: what an attester unbonds after signing
// a batch stays slashable until it is paid out; what it unbonded before is
// not slashed; the payout comes after attester_unbonding, less the slash.
func TestUnbondingDoesNotEscapeASlash(t *testing.T) {
	c := newCompromisedEpoch(t, 1, 1)
	f, att, guardian := c.f, c.f.Accounts[0], guardian()
	_, err := f.msg.UnbondAttester(f.Ctx, &types.MsgUnbondAttester{Attester: att.String(), Amount: uflock(flock(1_000))}) // before the offence
	require.NoError(t, err)
	_, err = f.msg.BondAttester(f.Ctx, &types.MsgBondAttester{Attester: att.String(), Amount: uflock(flock(1_000))})
	require.NoError(t, err)
	f.advance(time.Minute)
	_, err = f.submit(t, att, c.epoch, c.denom, "fake", c.fake, "")
	require.NoError(t, err)
	f.advance(time.Minute)
	_, err = f.msg.UnbondAttester(f.Ctx, &types.MsgUnbondAttester{Attester: att.String(), Amount: uflock(flock(trustBond))}) // after it
	require.NoError(t, err)
	require.True(t, f.bond(t, att).Bond.Bonded.IsZero())

	f.nextEpoch(t) // evidence arrives late: in the dispute window
	_, err = f.msg.VoidBatch(f.Ctx, &types.MsgVoidBatch{Authority: guardian.String(), Epoch: c.epoch, BatchId: "fake", Rows: c.fake})
	require.NoError(t, err)
	st := f.bond(t, att).Bond
	require.Equal(t, flock(trustBond/5), st.Slashed, "20% of the unbonding started after the batch")
	require.Equal(t, flock(1_000), st.Unbondings[0].Amount, "the earlier unbonding is untouched")
	require.Equal(t, flock(trustBond-trustBond/5), st.Unbondings[1].Amount)

	before := f.balance(att, app.BondDenom)
	p, err := f.ModelTokenKeeper.Params.Get(f.Ctx)
	require.NoError(t, err)
	f.Ctx = f.Ctx.WithBlockTime(st.Unbondings[1].Completion).WithBlockHeight(f.Ctx.BlockHeight() + 1)
	require.NoError(t, f.ModelTokenKeeper.BeginBlocker(f.Ctx))
	require.Equal(t, before.Add(flock(1_000)).Add(flock(trustBond-trustBond/5)), f.balance(att, app.BondDenom), "both paid after %s", p.AttesterUnbonding)
	require.Empty(t, f.bond(t, att).Bond.Unbondings)
	paid := typedEvents[*types.EventAttesterUnbondingPaid](t, f.Ctx)
	require.Len(t, paid, 1)
	require.Equal(t, types.EventAttesterUnbondingPaid{Attester: att.String(), Amount: sdk.NewCoin(app.BondDenom, flock(1_000).Add(flock(trustBond-trustBond/5)))}, *paid[0])
	require.NoError(t, f.ModelTokenKeeper.CheckInvariants(f.Ctx))
}

// TestSettlementWaitsForTheDisputeWindow: an epoch is not settled at its
// end + grace but only after the dispute window; then voiding is too late.
func TestSettlementWaitsForTheDisputeWindow(t *testing.T) {
	c := newCompromisedEpoch(t, 1, 1)
	f, guardian := c.f, guardian()
	_, err := f.submit(t, f.Accounts[0], c.epoch, c.denom, "b", c.honest, "")
	require.NoError(t, err)
	f.nextEpoch(t)
	cur, err := f.ModelTokenKeeper.GetEpoch(f.Ctx)
	require.NoError(t, err)
	p, err := f.ModelTokenKeeper.Params.Get(f.Ctx)
	require.NoError(t, err)
	settledAt := func(at time.Time) bool {
		f.Ctx = f.Ctx.WithBlockTime(at).WithBlockHeight(f.Ctx.BlockHeight() + 1)
		require.NoError(t, f.ModelTokenKeeper.BeginBlocker(f.Ctx))
		settled, err := f.ModelTokenKeeper.NextSettleEpoch.Peek(f.Ctx) // epochs settled so far
		require.NoError(t, err)
		return settled >= c.epoch
	}
	require.False(t, settledAt(cur.StartTime.Add(p.AttestationGrace)))
	d, err := f.query.DisputableBatches(f.Ctx, &types.QueryDisputableBatchesRequest{})
	require.NoError(t, err)
	require.Len(t, d.Batches, 1)
	require.Equal(t, cur.StartTime.Add(p.AttestationGrace).Add(p.DisputeWindow), d.DisputeEnds[0])
	require.False(t, settledAt(cur.StartTime.Add(p.AttestationGrace).Add(p.DisputeWindow).Add(-time.Second)))
	require.True(t, settledAt(cur.StartTime.Add(p.AttestationGrace).Add(p.DisputeWindow)))
	_, err = f.msg.VoidBatch(f.Ctx, &types.MsgVoidBatch{Authority: guardian.String(), Epoch: c.epoch, BatchId: "b", Rows: c.honest})
	require.ErrorIs(t, err, types.ErrEpochSealed)
}

// TestAttesterMessagesReject: each bad input is a typed error and changes
// nothing.
func TestAttesterMessagesReject(t *testing.T) {
	c := newCompromisedEpoch(t, 1, 1)
	f, att, guardian, stranger := c.f, c.f.Accounts[0], guardian(), c.f.Accounts[2]
	_, err := f.submit(t, att, c.epoch, c.denom, "b", c.honest, "")
	require.NoError(t, err)
	_, err = f.msg.VoidBatch(f.Ctx, &types.MsgVoidBatch{Authority: guardian.String(), Epoch: c.epoch, BatchId: "b", Rows: c.honest})
	require.ErrorIs(t, err, types.ErrEpochRunning, "a running epoch's batches cannot be voided yet")
	f.nextEpoch(t) // the epoch ends: its grace and dispute window run
	for _, tc := range []struct {
		name string
		run  func() error
		want error
	}{
		{"bond by an unlisted account", func() error {
			_, err := f.msg.BondAttester(f.Ctx, &types.MsgBondAttester{Attester: stranger.String(), Amount: uflock(flock(1))})
			return err
		}, types.ErrNotAttester},
		{"bond of zero", func() error {
			_, err := f.msg.BondAttester(f.Ctx, &types.MsgBondAttester{Attester: att.String(), Amount: uflock(math.ZeroInt())})
			return err
		}, types.ErrInvalidAmount},
		{"bond in MT", func() error {
			_, err := f.msg.BondAttester(f.Ctx, &types.MsgBondAttester{Attester: att.String(), Amount: mt(c.denom, 1)})
			return err
		}, types.ErrInvalidDenom},
		{"unbond more than bonded", func() error {
			_, err := f.msg.UnbondAttester(f.Ctx, &types.MsgUnbondAttester{Attester: att.String(), Amount: uflock(flock(trustBond + 1))})
			return err
		}, types.ErrInsufficientBond},
		{"void by a stranger", func() error {
			_, err := f.msg.VoidBatch(f.Ctx, &types.MsgVoidBatch{Authority: stranger.String(), Epoch: c.epoch, BatchId: "b", Rows: c.honest})
			return err
		}, types.ErrNotGuardian},
		{"void of an unknown batch", func() error {
			_, err := f.msg.VoidBatch(f.Ctx, &types.MsgVoidBatch{Authority: guardian.String(), Epoch: c.epoch, BatchId: "nope"})
			return err
		}, types.ErrUnknownBatch},
		{"void with other rows", func() error {
			_, err := f.msg.VoidBatch(f.Ctx, &types.MsgVoidBatch{Authority: guardian.String(), Epoch: c.epoch, BatchId: "b", Rows: rowsFor(50, 1, 1)})
			return err
		}, types.ErrContentMismatch},
		{"reinstate an attester in good standing", func() error {
			_, err := f.msg.ReinstateAttester(f.Ctx, &types.MsgReinstateAttester{Authority: testutil.GovAuthority(), Attester: att.String()})
			return err
		}, types.ErrAttesterInactive},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before, err := f.ModelTokenKeeper.ExportGenesis(f.Ctx)
			require.NoError(t, err)
			require.ErrorIs(t, tc.run(), tc.want)
			after, err := f.ModelTokenKeeper.ExportGenesis(f.Ctx)
			require.NoError(t, err)
			require.Equal(t, before, after)
		})
	}
	// A listed attester below the bond is inactive.
	_, err = f.msg.UnbondAttester(f.Ctx, &types.MsgUnbondAttester{Attester: att.String(), Amount: uflock(flock(1))})
	require.NoError(t, err)
	_, err = f.submit(t, att, c.epoch, c.denom, "c", rowsFor(60, 1, 1), "")
	require.ErrorIs(t, err, types.ErrAttesterInactive)
	// Voided twice.
	_, err = f.msg.VoidBatch(f.Ctx, &types.MsgVoidBatch{Authority: testutil.GovAuthority(), Epoch: c.epoch, BatchId: "b", Rows: c.honest})
	require.NoError(t, err, "governance may void too")
	_, err = f.msg.VoidBatch(f.Ctx, &types.MsgVoidBatch{Authority: guardian.String(), Epoch: c.epoch, BatchId: "b", Rows: c.honest})
	require.ErrorIs(t, err, types.ErrBatchVoided)
	require.NoError(t, f.ModelTokenKeeper.CheckInvariants(f.Ctx))
}

// TestAttesterUnbondingMustOutlastTheDispute: params refuse a bond that
// could leave before what it backed settles.
func TestAttesterUnbondingMustOutlastTheDispute(t *testing.T) {
	p := types.DefaultParams()
	p.Treasury = "flock10d07y265gmmuvt4z0w9aw880jnsr700jnlc35e"
	require.NoError(t, p.Validate(addrCodec()))
	p.AttesterUnbonding = p.EpochDuration + p.AttestationGrace + p.DisputeWindow
	require.ErrorIs(t, p.Validate(addrCodec()), types.ErrInvalidParams)
}

// TestGuardianIsBounded: one guardian key cannot slash without bound or
// erase a running epoch. Ten voids of honest batches of one epoch slash
// each signer void_slash_bps once (they are jailed by the first, and a
// jailed attester is voided, not slashed again, until governance
// reinstates it); a running epoch cannot be voided; and once the dispute
// window has closed a void is refused even before settlement has run (as
// while an epoch is sealed over several blocks), changing nothing.
func TestGuardianIsBounded(t *testing.T) {
	c := newCompromisedEpoch(t, 2, 2)
	f, a, b, g := c.f, c.f.Accounts[0], c.f.Accounts[1], guardian()
	const batches = 10
	rows := make([][]types.UsageRow, batches)
	for i := range rows {
		rows[i] = rowsFor(10*i, 2, 1_000_000)
		id := fmt.Sprintf("honest-%d", i)
		_, err := f.submit(t, a, c.epoch, c.denom, id, rows[i], "")
		require.NoError(t, err)
		res, err := f.submit(t, b, c.epoch, c.denom, id, nil, types.UsageContentHash(c.denom, c.epoch, rows[i]))
		require.NoError(t, err)
		require.True(t, res.Applied)
	}
	_, err := f.msg.VoidBatch(f.Ctx, &types.MsgVoidBatch{Authority: g.String(), Epoch: c.epoch, BatchId: "honest-0", Rows: rows[0]})
	require.ErrorIs(t, err, types.ErrEpochRunning)

	f.nextEpoch(t)
	for i := 0; i < batches-1; i++ { // the guardian turns rogue; the last batch survives
		res, err := f.msg.VoidBatch(f.Ctx, &types.MsgVoidBatch{Authority: g.String(), Epoch: c.epoch, BatchId: fmt.Sprintf("honest-%d", i), Rows: rows[i]})
		require.NoError(t, err)
		if i == 0 {
			require.ElementsMatch(t, []string{a.String(), b.String()}, res.Slashed)
		} else {
			require.Empty(t, res.Slashed, "void %d: jailed attesters are not slashed again", i)
		}
	}
	for _, att := range []sdk.AccAddress{a, b} {
		st := f.bond(t, att)
		require.Equal(t, flock(trustBond*int64(types.DefaultVoidSlashBps)/types.BpsDenominator).String(), st.Bond.Slashed.String(), "at most void_slash_bps")
		require.True(t, st.Bond.Jailed)
	}

	// The dispute window closes: the surviving batch can no longer be voided.
	p, err := f.ModelTokenKeeper.Params.Get(f.Ctx)
	require.NoError(t, err)
	end, ok, err := f.ModelTokenKeeper.EpochEnd(f.Ctx, c.epoch)
	require.NoError(t, err)
	require.True(t, ok)
	f.Ctx = f.Ctx.WithBlockTime(end.Add(p.AttestationGrace).Add(p.DisputeWindow))
	before, err := f.ModelTokenKeeper.ExportGenesis(f.Ctx)
	require.NoError(t, err)
	_, err = f.msg.VoidBatch(f.Ctx, &types.MsgVoidBatch{Authority: g.String(), Epoch: c.epoch, BatchId: fmt.Sprintf("honest-%d", batches-1), Rows: rows[batches-1]})
	require.ErrorIs(t, err, types.ErrEpochSealed)
	after, err := f.ModelTokenKeeper.ExportGenesis(f.Ctx)
	require.NoError(t, err)
	require.Equal(t, before, after)
	require.NoError(t, f.ModelTokenKeeper.CheckInvariants(f.Ctx))
}

// TestDisputableBatchesPages: pages by next_key visit every disputable
// batch once; an offset (walked, so bounded) above the bound is refused
// with InvalidArgument instead of walking it.
func TestDisputableBatchesPages(t *testing.T) {
	c := newCompromisedEpoch(t, 1, 1)
	f := c.f
	for i := 0; i < 5; i++ {
		_, err := f.submit(t, f.Accounts[0], c.epoch, c.denom, fmt.Sprintf("b%d", i), rowsFor(10*i, 1, 1_000), "")
		require.NoError(t, err)
	}
	var ids []string
	var key []byte
	for page := 0; page < 10; page++ {
		res, err := f.query.DisputableBatches(f.Ctx, &types.QueryDisputableBatchesRequest{Pagination: &query.PageRequest{Key: key, Limit: 2}})
		require.NoError(t, err)
		for _, b := range res.Batches {
			ids = append(ids, b.BatchId)
		}
		if key = res.Pagination.NextKey; len(key) == 0 {
			break
		}
	}
	require.Equal(t, []string{"b0", "b1", "b2", "b3", "b4"}, ids)
	_, err := f.query.DisputableBatches(f.Ctx, &types.QueryDisputableBatchesRequest{Pagination: &query.PageRequest{Offset: 10_001}})
	require.Equal(t, codes.InvalidArgument, status.Code(err), "%v", err)
}
