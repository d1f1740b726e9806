package keeper_test

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	"github.com/flockchain/flockd/x/modeltoken/types"
)

// richGenesis exports the state of a chain that used every part of the
// economy: launches, claims and vesting, stakes and unbondings, a gmFLOCK
// lock and its snapshot, usage and settled rewards, incentive streams and
// revenue.
func richGenesis(t *testing.T) (*fixture, types.GenesisState) {
	f := newFixture(t)
	denom := f.liveToken(t, "RICH")
	f.withAttesters(t, 1, 1)
	f.withReporter(t, f.Accounts[0])
	user := f.Accounts[2]
	_, err := f.msg.Lock(f.Ctx, &types.MsgLock{Owner: user.String(), Amount: uflock(flock(10_000)), DurationDays: 365})
	require.NoError(t, err)
	f.nextEpoch(t)
	_, err = f.msg.Stake(f.Ctx, &types.MsgStake{Staker: user.String(), Amount: mt(denom, 5_000_000)})
	require.NoError(t, err)
	_, err = f.msg.Unstake(f.Ctx, &types.MsgUnstake{Staker: user.String(), Amount: mt(denom, 1_000_000)})
	require.NoError(t, err)
	_, err = f.msg.FundIncentive(f.Ctx, &types.MsgFundIncentive{Funder: f.Accounts[0].String(), Denom: denom, Amount: uflock(flock(1_800))})
	require.NoError(t, err)
	f.swap(t, user, denom, uflock(flock(100)))
	f.advance(time.Hour)
	f.swap(t, user, denom, mt(denom, 1_000_000))
	f.postNextEpoch(t, denom, "rich", types.UsageRow{User: user.String(), Spend: 2_000_000})
	// A bond, an unbonding, and an equivocation (evidence) of the attester.
	_, err = f.msg.BondAttester(f.Ctx, &types.MsgBondAttester{Attester: f.Accounts[0].String(), Amount: uflock(flock(100))})
	require.NoError(t, err)
	_, err = f.msg.UnbondAttester(f.Ctx, &types.MsgUnbondAttester{Attester: f.Accounts[0].String(), Amount: uflock(flock(10))})
	require.NoError(t, err)
	e, err := f.ModelTokenKeeper.GetEpoch(f.Ctx)
	require.NoError(t, err)
	f.post(t, e.Number, denom, "rich-2", types.UsageRow{User: user.String(), Spend: 1_000})
	res, err := f.msg.SubmitUsage(f.Ctx, &types.MsgSubmitUsage{Attester: f.Accounts[0].String(), Epoch: e.Number, Denom: denom, BatchId: "rich-2",
		Rows: []types.UsageRow{{User: user.String(), Spend: 2_000}}})
	require.NoError(t, err)
	require.True(t, res.Equivocation)
	_, err = f.msg.DepositRevenue(f.Ctx, &types.MsgDepositRevenue{Reporter: f.Accounts[0].String(), Denom: denom, Amount: uflock(flock(100))})
	require.NoError(t, err)
	f.advance(time.Hour)
	gs, err := f.ModelTokenKeeper.ExportGenesis(f.Ctx)
	require.NoError(t, err)
	require.NoError(t, gs.Validate(addrCodec()))
	require.GreaterOrEqual(t, len(gs.PoolOracles[0].Observations), 2, "the rich genesis has an oracle with history")
	for name, n := range map[string]int{"launches": len(gs.Launches), "claims": len(gs.Claims), "tokens": len(gs.ModelTokens),
		"vestings": len(gs.Vestings), "positions": len(gs.Positions), "model stakes": len(gs.ModelStakes), "unbondings": len(gs.Unbondings),
		"locks": len(gs.GmLocks), "epoch starts": len(gs.EpochStarts), "batches": len(gs.UsageBatches), "user usage": len(gs.UserUsage),
		"model usage": len(gs.ModelUsage), "incentives": len(gs.Incentives), "snapshots": len(gs.GmSnapshots),
		"reward entries": len(gs.RewardEntries), "epoch rewards": len(gs.EpochRewards), "summaries": len(gs.EpochSummaries),
		"revenue": len(gs.Revenue), "rate deltas": len(gs.IncentiveRateDeltas), "pool oracles": len(gs.PoolOracles),
		"attester bonds": len(gs.AttesterBonds), "evidence": len(gs.Evidence), "attester spend": len(gs.AttesterEpochSpend)} {
		require.Positive(t, n, "the rich genesis has %s", name)
	}
	return f, *gs
}

// TestValidateGenesisRejectsEveryCorruptSection corrupts one section of a
// rich exported genesis at a time; validation refuses each, and InitGenesis
// writes nothing.
func TestValidateGenesisRejectsEveryCorruptSection(t *testing.T) {
	f, good := richGenesis(t)
	nope := "mt/nope"
	upper := strings.ToUpper(good.Positions[0].Owner)
	tests := []struct {
		name    string
		corrupt func(g *types.GenesisState)
	}{
		{"params: alpha 0", func(g *types.GenesisState) { g.Params.Alpha = math.LegacyZeroDec() }},
		{"model types: duplicate", func(g *types.GenesisState) { g.ModelTypes = append(g.ModelTypes, g.ModelTypes[0]) }},
		{"launches: id past next_launch_id", func(g *types.GenesisState) { g.Launches[0].Id = g.NextLaunchId }},
		{"launches: nil raised", func(g *types.GenesisState) { g.Launches[0].Raised = math.Int{} }},
		{"claims: unknown launch", func(g *types.GenesisState) { g.Claims[0].LaunchId = 99 }},
		{"claims: negative principal", func(g *types.GenesisState) { g.Claims[0].Principal = math.NewInt(-1) }},
		{"model tokens: nil minted", func(g *types.GenesisState) { g.ModelTokens[0].Minted = math.Int{} }},
		{"model tokens: twice", func(g *types.GenesisState) { g.ModelTokens = append(g.ModelTokens, g.ModelTokens[0]) }},
		{"vestings: claimed above total", func(g *types.GenesisState) { g.Vestings[0].Claimed = g.Vestings[0].Total.AddRaw(1) }},
		{"vestings: unknown denom", func(g *types.GenesisState) { g.Vestings[0].Denom = nope }},
		{"epoch: no recorded start", func(g *types.GenesisState) { g.Epoch.Number += 5 }},
		{"settle progress: not the next epoch to settle", func(g *types.GenesisState) {
			g.SettleProgress = &types.SettleProgress{Epoch: g.SettledEpochs + 2, Emission: math.NewInt(10),
				TotalUsage: math.OneInt(), LastDenom: "mt/a", Emitted: math.ZeroInt()}
		}},
		{"settle progress: emitted above the emission", func(g *types.GenesisState) {
			g.SettleProgress = &types.SettleProgress{Epoch: g.SettledEpochs + 1, Emission: math.NewInt(10),
				TotalUsage: math.OneInt(), LastDenom: "mt/a", Emitted: math.NewInt(11)}
		}},
		{"settle progress: nil emission", func(g *types.GenesisState) {
			g.SettleProgress = &types.SettleProgress{Epoch: g.SettledEpochs + 1, TotalUsage: math.OneInt(), LastDenom: "mt/a", Emitted: math.ZeroInt()}
		}},
		{"positions: upper-case owner", func(g *types.GenesisState) { g.Positions[0].Owner = upper }},
		{"positions: negative amount", func(g *types.GenesisState) { g.Positions[0].Amount = math.NewInt(-1) }},
		{"model stakes: totals differ", func(g *types.GenesisState) { g.ModelStakes[0].TotalStaked = g.ModelStakes[0].TotalStaked.AddRaw(1) }},
		{"model stakes: nil counted", func(g *types.GenesisState) { g.ModelStakes[0].CountedTotal = math.Int{} }},
		{"unbondings: empty denom (halted the chain at maturity)", func(g *types.GenesisState) { g.Unbondings[0].Denom = "" }},
		{"unbondings: zero amount", func(g *types.GenesisState) { g.Unbondings[0].Amount = math.ZeroInt() }},
		{"gm locks: end before start", func(g *types.GenesisState) { g.GmLocks[0].EndTime = g.GmLocks[0].StartTime }},
		{"epoch starts: future epoch", func(g *types.GenesisState) {
			g.EpochStarts = append(g.EpochStarts, types.EpochStart{Epoch: g.Epoch.Number + 1, StartTime: g.Epoch.StartTime})
		}},
		{"usage batches: unknown denom", func(g *types.GenesisState) { g.UsageBatches[0].Denom = nope }},
		{"usage batches: no attesters", func(g *types.GenesisState) { g.UsageBatches[0].Attesters = nil }},
		{"usage batches: id with a NUL byte (cannot be a store key)", func(g *types.GenesisState) { g.UsageBatches[0].BatchId = "a\x00b" }},
		{"usage batches: non-ASCII id", func(g *types.GenesisState) { g.UsageBatches[0].BatchId = "r\u00e9ch" }},
		{"usage batches: upper-case content hash", func(g *types.GenesisState) {
			g.UsageBatches[0].ContentHash = strings.ToUpper(g.UsageBatches[0].ContentHash)
		}},
		{"usage batches: two applied contents of one id", func(g *types.GenesisState) {
			rival := g.UsageBatches[0]
			rival.Applied, rival.ContentHash = true, strings.Repeat("0", 64)
			g.UsageBatches[0].Applied = true
			g.UsageBatches = append(g.UsageBatches, rival)
		}},
		{"pending rows: a content the id does not have", func(g *types.GenesisState) {
			b := g.UsageBatches[0]
			g.PendingBatches = append(g.PendingBatches, types.PendingBatch{Epoch: b.Epoch, BatchId: b.BatchId, ContentHash: strings.Repeat("0", 64), Rows: []types.UsageRow{{User: upper, Spend: 1}}})
		}},
		{"pending rows: no open batch", func(g *types.GenesisState) {
			g.PendingBatches = append(g.PendingBatches, types.PendingBatch{Epoch: 1, BatchId: "ghost", Rows: []types.UsageRow{{User: upper, Spend: 1}}})
		}},
		{"user usage: no model usage", func(g *types.GenesisState) { g.UserUsage[0].Denom = nope }},
		{"user usage: multiplier below 1", func(g *types.GenesisState) { g.UserUsage[0].Record.Gm = math.LegacyZeroDec() }},
		{"model usage: nil sum", func(g *types.GenesisState) { g.ModelUsage[0].SumUg = math.LegacyDec{} }},
		{"incentives: negative reserve", func(g *types.GenesisState) { g.Incentives[0].ReservedFlock = math.NewInt(-1) }},
		{"incentive deltas: a past step", func(g *types.GenesisState) { g.IncentiveRateDeltas[0].Step = 0 }},
		{"gm snapshots: multiplier below 1", func(g *types.GenesisState) { g.GmSnapshots[0].Gm = math.LegacyNewDecWithPrec(5, 1) }},
		{"reward entries: no usage record", func(g *types.GenesisState) { g.RewardEntries[0].Epoch += 100 }},
		{"epoch rewards: paid beyond the pool", func(g *types.GenesisState) {
			g.EpochRewards[0].PaidFlock = g.EpochRewards[0].Emission.Add(g.EpochRewards[0].ReservedFlock).AddRaw(1)
		}},
		{"epoch rewards: not settled", func(g *types.GenesisState) { g.EpochRewards[0].Epoch = g.SettledEpochs + 1 }},
		{"epoch summaries: nil emitted", func(g *types.GenesisState) { g.EpochSummaries[0].Emitted = math.Int{} }},
		{"settled epochs: the current one", func(g *types.GenesisState) { g.SettledEpochs = g.Epoch.Number }},
		{"revenue: unknown denom", func(g *types.GenesisState) { g.Revenue[0].Denom = nope }},
		{"revenue: nil pending burn", func(g *types.GenesisState) { g.Revenue[0].PendingBurn = math.Int{} }},
		{"revenue: buyback leg not accounted for", func(g *types.GenesisState) { g.Revenue[0].PendingBuyback = g.Revenue[0].PendingBuyback.AddRaw(1) }},
		{"launches: issuer raised above raised", func(g *types.GenesisState) { g.Launches[0].IssuerRaised = g.Launches[0].Raised.AddRaw(1) }},
		{"launches: nil liquidity burned", func(g *types.GenesisState) { g.Launches[0].LiquidityBurned = math.Int{} }},
		{"vestings: FLOCK claimed above total", func(g *types.GenesisState) { g.Vestings[0].FlockClaimed = g.Vestings[0].FlockTotal.AddRaw(1) }},
		{"pool oracles: unknown denom", func(g *types.GenesisState) { g.PoolOracles[0].Denom = nope }},
		{"pool oracles: twice", func(g *types.GenesisState) { g.PoolOracles = append(g.PoolOracles, g.PoolOracles[0]) }},
		{"pool oracles: no observation", func(g *types.GenesisState) { g.PoolOracles[0].Observations = nil }},
		{"pool oracles: ring overfull", func(g *types.GenesisState) {
			o := &g.PoolOracles[0]
			for len(o.Observations) <= types.OracleRingSize {
				o.Observations = append(o.Observations, o.Observations[len(o.Observations)-1])
			}
			o.Count = uint32(len(o.Observations))
		}},
		{"pool oracles: count differs from the ring", func(g *types.GenesisState) { g.PoolOracles[0].Count++ }},
		{"pool oracles: observations out of order", func(g *types.GenesisState) {
			o := &g.PoolOracles[0]
			o.Observations[1].Time = o.Observations[0].Time
		}},
		{"pool oracles: observation after the accumulator", func(g *types.GenesisState) {
			o := &g.PoolOracles[0]
			o.Observations[o.Newest].Time = o.LastTime.Add(time.Second)
		}},
		{"buyback cursor: not a model token", func(g *types.GenesisState) { g.BuybackCursor = nope }},
		{"attester bonds: twice", func(g *types.GenesisState) { g.AttesterBonds = append(g.AttesterBonds, g.AttesterBonds[0]) }},
		{"attester bonds: negative bond", func(g *types.GenesisState) { g.AttesterBonds[0].Bonded = math.NewInt(-1) }},
		{"attester bonds: unbonding ends before it starts", func(g *types.GenesisState) {
			u := &g.AttesterBonds[0].Unbondings[0]
			u.Completion = u.Created.Add(-time.Second)
		}},
		{"evidence: id 0", func(g *types.GenesisState) { g.Evidence[0].Id = 0 }},
		{"evidence: unknown kind", func(g *types.GenesisState) { g.Evidence[0].Kind = "rumour" }},
		{"attester spend: unknown denom", func(g *types.GenesisState) { g.AttesterEpochSpend[0].Denom = nope }},
		{"pool oracles: negative cumulative", func(g *types.GenesisState) { g.PoolOracles[0].Cumulative = math.NewInt(-1) }},
	}
	clone := cloneGenesis(t, good)
	require.NoError(t, clone.Validate(addrCodec()), "an unchanged copy is valid: each failure below is its corruption's")
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			g := cloneGenesis(t, good)
			tc.corrupt(&g)
			require.ErrorIs(t, g.Validate(addrCodec()), types.ErrInvalidGenesis)
			before, err := f.ModelTokenKeeper.ExportGenesis(f.Ctx)
			require.NoError(t, err)
			require.ErrorIs(t, f.ModelTokenKeeper.InitGenesis(f.Ctx, g), types.ErrInvalidGenesis)
			after, err := f.ModelTokenKeeper.ExportGenesis(f.Ctx)
			require.NoError(t, err)
			require.Equal(t, before, after, "a refused genesis writes nothing")
		})
	}
}

// cloneGenesis deep-copies a genesis through its protobuf encoding.
func cloneGenesis(t *testing.T, g types.GenesisState) types.GenesisState {
	bz, err := g.Marshal()
	require.NoError(t, err)
	var out types.GenesisState
	require.NoError(t, out.Unmarshal(bz))
	return out
}
