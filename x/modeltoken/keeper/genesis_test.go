package keeper_test

import (
	"slices"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"

	"github.com/flockchain/flockd/x/modeltoken/types"
)

func TestGenesisRoundTrip(t *testing.T) {
	f := newFixture(t)

	// The default genesis of a fresh chain uses the gov account as treasury.
	exported, err := f.ModelTokenKeeper.ExportGenesis(f.Ctx)
	require.NoError(t, err)
	require.Equal(t, authtypes.NewModuleAddress(types.TreasuryAccount).String(), exported.Params.Treasury)

	custom := *exported
	custom.Params.LaunchFee = math.NewInt(42)
	custom.Params.Treasury = f.Accounts[1].String()
	require.NoError(t, f.ModelTokenKeeper.InitGenesis(f.Ctx, custom))

	again, err := f.ModelTokenKeeper.ExportGenesis(f.Ctx)
	require.NoError(t, err)
	require.Equal(t, custom, *again)
}

func TestInitGenesisRejectsInvalid(t *testing.T) {
	f := newFixture(t)
	before, err := f.ModelTokenKeeper.ExportGenesis(f.Ctx)
	require.NoError(t, err)

	bad := *before
	bad.Params.Treasury = "nope"
	require.ErrorIs(t, f.ModelTokenKeeper.InitGenesis(f.Ctx, bad), types.ErrInvalidGenesis)

	after, err := f.ModelTokenKeeper.ExportGenesis(f.Ctx)
	require.NoError(t, err)
	require.Equal(t, before, after)
}

// TestGenesisRoundTripWithLaunches: a chain with raising, graduated and
// failed launches, claims and vesting exports, validates, imports into a
// fresh app and exports the same state again.
func TestGenesisRoundTripWithLaunches(t *testing.T) {
	f := newFixture(t)
	for _, sym := range []string{"GRAD", "FAIL", "OPEN"} {
		_, err := f.msg.CreateLaunch(f.Ctx, launchMsg(f.Accounts[0], sym))
		require.NoError(t, err)
	}
	f.advance(2 * time.Hour)
	_, err := f.msg.Buy(f.Ctx, buyMsg(f.Accounts[1], 1, flock(300_000))) // fills and graduates 1
	require.NoError(t, err)
	_, err = f.msg.Buy(f.Ctx, buyMsg(f.Accounts[2], 2, flock(10)))
	require.NoError(t, err)
	_, err = f.msg.ClaimLaunch(f.Ctx, &types.MsgClaimLaunch{Supporter: f.Accounts[1].String(), LaunchId: 1})
	require.NoError(t, err)

	exported, err := f.ModelTokenKeeper.ExportGenesis(f.Ctx)
	require.NoError(t, err)
	require.NoError(t, exported.Validate(f.ModelTokenKeeper.AddressCodec()))
	require.Len(t, exported.Launches, 3)
	require.EqualValues(t, 4, exported.NextLaunchId)

	fresh := newFixture(t)
	require.NoError(t, fresh.ModelTokenKeeper.InitGenesis(fresh.Ctx, *exported))
	again, err := fresh.ModelTokenKeeper.ExportGenesis(fresh.Ctx)
	require.NoError(t, err)
	require.Equal(t, exported, again)

	// The imported chain keeps working: ids continue, symbols stay reserved,
	// and the deadline queue settles the raising launches.
	_, err = fresh.msg.CreateLaunch(fresh.Ctx, launchMsg(fresh.Accounts[0], "OPEN"))
	require.ErrorIs(t, err, types.ErrSymbolTaken)
	res, err := fresh.msg.CreateLaunch(fresh.Ctx, launchMsg(fresh.Accounts[0], "NEXT"))
	require.NoError(t, err)
	require.EqualValues(t, 4, res.LaunchId)
}

func TestGenesisRoundTripWithStakingAndLocks(t *testing.T) {
	f := newFixture(t)
	denom := f.liveToken(t, "STAKE")
	f.nextEpoch(t)
	_, err := f.msg.Stake(f.Ctx, &types.MsgStake{Staker: f.Accounts[2].String(), Amount: mt(denom, 5_000)})
	require.NoError(t, err)
	_, err = f.msg.Unstake(f.Ctx, &types.MsgUnstake{Staker: f.Accounts[2].String(), Amount: mt(denom, 1_000)})
	require.NoError(t, err)
	_, err = f.msg.Lock(f.Ctx, &types.MsgLock{Owner: f.Accounts[0].String(), Amount: uflock(flock(100)), DurationDays: 200})
	require.NoError(t, err)
	_, err = f.msg.SetDiscountTiers(f.Ctx, &types.MsgSetDiscountTiers{Authority: f.ModelTokenKeeper.Authority(), Denom: denom,
		Tiers: []types.DiscountTier{{MinStaked: math.NewInt(10), DiscountBps: 100}}})
	require.NoError(t, err)

	exported, err := f.ModelTokenKeeper.ExportGenesis(f.Ctx)
	require.NoError(t, err)
	require.NoError(t, exported.Validate(f.ModelTokenKeeper.AddressCodec()))
	require.Len(t, exported.Positions, 1)
	require.Len(t, exported.Unbondings, 1)
	require.Len(t, exported.GmLocks, 1)

	fresh := newFixture(t)
	require.NoError(t, fresh.ModelTokenKeeper.InitGenesis(fresh.Ctx, *exported))
	again, err := fresh.ModelTokenKeeper.ExportGenesis(fresh.Ctx)
	require.NoError(t, err)
	require.Equal(t, exported, again)

	// Ids continue after import.
	_, err = fresh.msg.Lock(fresh.Ctx, &types.MsgLock{Owner: fresh.Accounts[0].String(), Amount: uflock(flock(1)), DurationDays: 10})
	require.NoError(t, err)
	_, err = fresh.ModelTokenKeeper.GmLocks.Get(fresh.Ctx, 2)
	require.NoError(t, err)

	broken := *exported
	broken.ModelStakes = nil
	require.ErrorIs(t, broken.Validate(f.ModelTokenKeeper.AddressCodec()), types.ErrInvalidGenesis, "positions without totals")
}

func TestGenesisRoundTripWithUsage(t *testing.T) {
	f := newFixture(t)
	denom, epoch := f.usageSetup(t, 2, 2)
	_, err := f.msg.SubmitUsage(f.Ctx, &types.MsgSubmitUsage{Attester: f.Accounts[0].String(), Epoch: epoch, Denom: denom, BatchId: "done", Rows: rowsFor(0, 2, 9)})
	require.NoError(t, err)
	_, err = f.msg.SubmitUsage(f.Ctx, &types.MsgSubmitUsage{Attester: f.Accounts[1].String(), Epoch: epoch, Denom: denom, BatchId: "done", Rows: rowsFor(0, 2, 9)})
	require.NoError(t, err)
	_, err = f.msg.SubmitUsage(f.Ctx, &types.MsgSubmitUsage{Attester: f.Accounts[0].String(), Epoch: epoch, Denom: denom, BatchId: "pending", Rows: rowsFor(5, 3, 4)})
	require.NoError(t, err)
	// A rival content under the same id: two pending candidates.
	_, err = f.msg.SubmitUsage(f.Ctx, &types.MsgSubmitUsage{Attester: f.Accounts[1].String(), Epoch: epoch, Denom: denom, BatchId: "pending", Rows: rowsFor(5, 3, 5)})
	require.NoError(t, err)

	exported, err := f.ModelTokenKeeper.ExportGenesis(f.Ctx)
	require.NoError(t, err)
	require.NoError(t, exported.Validate(f.ModelTokenKeeper.AddressCodec()))
	require.Len(t, exported.PendingBatches, 2)
	require.Len(t, exported.UserUsage, 2)

	// An export from before v4 names no content in its pending rows: fine
	// where the id has one content, refused where it has two.
	legacy := cloneGenesis(t, *exported)
	for i := range legacy.PendingBatches {
		legacy.PendingBatches[i].ContentHash = ""
	}
	require.ErrorIs(t, legacy.Validate(f.ModelTokenKeeper.AddressCodec()), types.ErrInvalidGenesis)
	legacy.PendingBatches, legacy.UsageBatches = legacy.PendingBatches[:1], slices.DeleteFunc(legacy.UsageBatches, func(b types.UsageBatch) bool {
		return b.BatchId == "pending" && b.ContentHash != exported.PendingBatches[0].ContentHash
	})
	require.NoError(t, legacy.Validate(f.ModelTokenKeeper.AddressCodec()))
	old := newFixture(t)
	require.NoError(t, old.ModelTokenKeeper.InitGenesis(old.Ctx, legacy))
	reexported, err := old.ModelTokenKeeper.ExportGenesis(old.Ctx)
	require.NoError(t, err)
	require.Equal(t, exported.PendingBatches[:1], reexported.PendingBatches, "the content is filled in from the id's only batch")

	fresh := newFixture(t)
	require.NoError(t, fresh.ModelTokenKeeper.InitGenesis(fresh.Ctx, *exported))
	again, err := fresh.ModelTokenKeeper.ExportGenesis(fresh.Ctx)
	require.NoError(t, err)
	require.Equal(t, exported, again)
	total, err := fresh.ModelTokenKeeper.EpochUsage.Get(fresh.Ctx, epoch)
	require.NoError(t, err)
	require.Equal(t, math.NewInt(18), total, "epoch totals are rebuilt from model totals")
}
