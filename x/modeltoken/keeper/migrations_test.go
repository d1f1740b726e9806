package keeper_test

import (
	"bytes"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/collections"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/flockchain/flockd/app"
	"github.com/flockchain/flockd/x/modeltoken/keeper"
	"github.com/flockchain/flockd/x/modeltoken/types"
)

// legacy strips the trailing zero-valued fields a record gained in consensus version 2, so
// the bytes are what the binary before it wrote (those fields absent).
func legacy(t *testing.T, bz []byte, tail ...byte) []byte {
	t.Helper()
	require.True(t, bytes.HasSuffix(bz, tail), "the new fields are last and zero")
	return bz[:len(bz)-len(tail)]
}

// TestMigrate1to2 turns state as the previous binary left it (no buyback
// params, no oracles, records without the new amounts) into state the new
// code runs on, and the invariants hold after it.
func TestMigrate1to2(t *testing.T) {
	f := newFixture(t)
	k := f.ModelTokenKeeper
	denom := f.liveToken(t, "OLD")
	f.withReporter(t, f.Accounts[0])
	f.withTwapWindow(t, time.Minute)
	f.block(t, 3*time.Minute)
	f.deposit(t, f.Accounts[0], denom, flock(100))
	f.runBuybacks(t, denom, 10*time.Second, 1_000)

	// Before consensus version 2 the issuer was paid its FLOCK at graduation.
	v, err := k.Launch.Vestings.Get(f.Ctx, 1)
	require.NoError(t, err)
	require.NoError(t, f.BankKeeper.SendCoinsFromModuleToAccount(f.Ctx, types.VestingAccount, sdk.MustAccAddressFromBech32(v.Beneficiary),
		sdk.NewCoins(sdk.NewCoin(app.BondDenom, v.FlockTotal))))
	v.FlockTotal = math.ZeroInt()
	bz, err := v.Marshal()
	require.NoError(t, err)
	require.NoError(t, keeper.SetRawForTest(f.Ctx, k, types.VestingsKey, collections.Uint64Key, uint64(1), legacy(t, bz, 0x42, 1, '0', 0x4a, 1, '0')))
	l, err := k.Launch.Launches.Get(f.Ctx, 1)
	require.NoError(t, err)
	l.LiquidityBurned = math.ZeroInt()
	bz, err = l.Marshal()
	require.NoError(t, err)
	require.NoError(t, keeper.SetRawForTest(f.Ctx, k, types.LaunchesKey, collections.Uint64Key, uint64(1), legacy(t, bz, 0x92, 1, 1, '0', 0x9a, 1, 1, '0')))
	r, err := k.Market.Revenue.Get(f.Ctx, denom)
	require.NoError(t, err)
	r.BuybackSpent = math.ZeroInt()
	bz, err = r.Marshal()
	require.NoError(t, err)
	require.NoError(t, keeper.SetRawForTest(f.Ctx, k, types.RevenueKey, collections.StringKey, denom, legacy(t, bz, 0x52, 1, '0', 0x5a, 1, '0', 0x62, 1, '0')))
	require.NoError(t, k.Market.PoolOracles.Remove(f.Ctx, denom))
	p, err := k.Params.Get(f.Ctx)
	require.NoError(t, err)
	p.BuybackMaxImpactBps, p.BuybackMaxPremiumBps, p.TwapWindow = 0, 0, 0
	p.AttesterMinBond, p.AttesterUnbonding, p.DisputeWindow, p.EquivocationSlashBps, p.VoidSlashBps, p.MaxAttesterShareBps = math.Int{}, 0, 0, 0, 0, 0
	require.NoError(t, k.Params.Set(f.Ctx, p))

	l, err = k.Launch.Launches.Get(f.Ctx, 1)
	require.NoError(t, err)
	require.True(t, l.IssuerRaised.IsNil(), "the legacy launch has no issuer_raised")
	has, err := k.Market.PoolOracles.Has(f.Ctx, denom)
	require.NoError(t, err)
	require.False(t, has, "the legacy state has no oracle")

	require.NoError(t, keeper.NewMigrator(k).Migrate1to2(f.Ctx))
	p, err = k.Params.Get(f.Ctx)
	require.NoError(t, err)
	require.NoError(t, p.Validate(addrCodec()))
	require.Equal(t, types.DefaultTwapWindow, p.TwapWindow)
	require.Equal(t, types.DefaultAttesterUnbonding, p.AttesterUnbonding)
	l, err = k.Launch.Launches.Get(f.Ctx, 1)
	require.NoError(t, err)
	require.True(t, l.IssuerRaised.IsZero() && l.LiquidityBurned.IsZero())
	v, err = k.Launch.Vestings.Get(f.Ctx, 1)
	require.NoError(t, err)
	require.True(t, v.FlockTotal.IsZero() && v.FlockClaimed.IsZero())
	r, err = k.Market.Revenue.Get(f.Ctx, denom)
	require.NoError(t, err)
	require.Equal(t, r.MtBuybackFlock, r.BuybackSpent, "before, the whole leg was spent in the deposit")
	require.True(t, r.PendingBuyback.IsZero() && r.BuybackDustBurned.IsZero())
	require.NoError(t, k.CheckInvariants(f.Ctx))
	gs, err := k.ExportGenesis(f.Ctx)
	require.NoError(t, err)
	require.NoError(t, gs.Validate(addrCodec()))

	// And the economy runs on: a buy-back, a vesting claim, a swap.
	f.deposit(t, f.Accounts[0], denom, flock(10))
	f.runBuybacks(t, denom, 10*time.Second, 1_000)
	f.swap(t, f.Accounts[2], denom, uflock(flock(10)))
	f.advance(24 * time.Hour)
	_, err = f.msg.ClaimVested(f.Ctx, &types.MsgClaimVested{Beneficiary: v.Beneficiary, LaunchId: 1})
	require.NoError(t, err)
	require.NoError(t, k.CheckInvariants(f.Ctx))
}

// TestMigrate2to3 re-keys batches and pending rows written as (epoch,
// batch_id) by the binary before the v4 upgrade: after it the module state
// exports exactly as before, a pending batch's confirmation still applies
// it, and a legacy id holding a NUL byte is kept under an ASCII spelling.
func TestMigrate2to3(t *testing.T) {
	f := newFixture(t)
	k := f.ModelTokenKeeper
	denom, epoch := f.usageSetup(t, 3, 2)
	applied, waiting := rowsFor(0, 2, 100), rowsFor(10, 3, 7)
	for _, s := range []struct {
		att  int
		id   string
		rows []types.UsageRow
	}{{0, "applied", applied}, {1, "applied", nil}, {0, "waiting", waiting}} {
		hash := ""
		if s.rows == nil {
			hash = types.UsageContentHash(denom, epoch, applied)
		}
		_, err := f.submit(t, f.Accounts[s.att], epoch, denom, s.id, s.rows, hash)
		require.NoError(t, err)
	}
	before, err := k.ExportGenesis(f.Ctx)
	require.NoError(t, err)

	// Write the state as the previous binary did: keyed (epoch, batch_id).
	legacyKey := collections.PairKeyCodec(collections.Uint64Key, collections.StringKey)
	var batches []types.UsageBatch
	require.NoError(t, k.UsageBatches.Walk(f.Ctx, nil, func(_ keeper.BatchKey, b types.UsageBatch) (bool, error) {
		batches = append(batches, b)
		return false, nil
	}))
	require.Len(t, batches, 2)
	nul := types.UsageBatch{Epoch: epoch, BatchId: "nul\x00id", Denom: denom, ContentHash: types.UsageContentHash(denom, epoch, waiting[:1]),
		RowCount: 1, TotalSpend: 7, Quorum: 2, Attesters: []string{f.Accounts[2].String()}, OpenedAt: f.Ctx.BlockTime()}
	for _, b := range append(batches, nul) {
		if b.BatchId != nul.BatchId { // the NUL id cannot have a new-layout key
			require.NoError(t, k.UsageBatches.Remove(f.Ctx, collections.Join3(b.Epoch, b.BatchId, b.ContentHash)))
		}
		bz, err := b.Marshal()
		require.NoError(t, err)
		require.NoError(t, keeper.SetRawForTest(f.Ctx, k, types.UsageBatchesKey, legacyKey, collections.Join(b.Epoch, b.BatchId), bz))
		if b.Applied {
			continue
		}
		rows := types.PendingRows{Rows: waiting[:1]}
		if b.BatchId == "waiting" {
			require.NoError(t, k.PendingRows.Remove(f.Ctx, collections.Join3(b.Epoch, b.BatchId, b.ContentHash)))
			rows.Rows = waiting
		}
		bz, err = rows.Marshal()
		require.NoError(t, err)
		require.NoError(t, keeper.SetRawForTest(f.Ctx, k, types.PendingRowsKey, legacyKey, collections.Join(b.Epoch, b.BatchId), bz))
	}
	_, err = k.ExportGenesis(f.Ctx)
	require.Error(t, err, "the new binary cannot read the legacy keys before the migration")

	require.NoError(t, keeper.NewMigrator(k).Migrate2to3(f.Ctx))
	after, err := k.ExportGenesis(f.Ctx)
	require.NoError(t, err)
	require.NoError(t, after.Validate(addrCodec()))
	renamed := nul
	renamed.BatchId = `nul\x00id`
	want := before.UsageBatches
	want = append(want, renamed)
	require.ElementsMatch(t, want, after.UsageBatches)
	require.ElementsMatch(t, append(before.PendingBatches,
		types.PendingBatch{Epoch: epoch, BatchId: renamed.BatchId, ContentHash: renamed.ContentHash, Rows: waiting[:1]}), after.PendingBatches)

	// The waiting batch is confirmed and applied as if nothing happened.
	res, err := f.submit(t, f.Accounts[1], epoch, denom, "waiting", nil, types.UsageContentHash(denom, epoch, waiting))
	require.NoError(t, err)
	require.True(t, res.Applied)
	require.EqualValues(t, 7, f.usage(t, epoch, denom, userAddr(10)))
	require.NoError(t, k.CheckInvariants(f.Ctx))
}
