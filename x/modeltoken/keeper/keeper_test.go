package keeper_test

import (
	"testing"

	"cosmossdk.io/collections"
	"cosmossdk.io/core/address"
	"cosmossdk.io/math"

	addresscodec "github.com/cosmos/cosmos-sdk/codec/address"
	storetypes "github.com/cosmos/cosmos-sdk/store/v2/types"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/flockchain/flockd/testutil"
	"github.com/flockchain/flockd/x/modeltoken/keeper"
	"github.com/flockchain/flockd/x/modeltoken/types"
)

// fixture is a full FlockApp with the module's servers at hand.
type fixture struct {
	*testutil.TestApp
	msg         types.MsgServer
	query       types.QueryServer
	flockSupply math.Int
}

func newFixture(t testing.TB) *fixture {
	t.Helper()
	if productionDefaults {
		return newProductionFixture(t, 3)
	}
	ta := testutil.Setup(t, 3, testutil.FLOCK(1_000_000))
	// The anti-griefing floors are off in the fixture, so the tests of the
	// economy can use small round amounts; the adversarial tests turn the
	// defaults back on (withDefaultFloors).
	p, err := ta.ModelTokenKeeper.Params.Get(ta.Ctx)
	if err != nil {
		t.Fatal(err)
	}
	p.MinUnstake, p.MinIncentiveFund, p.MaxUnbondingEntries = math.ZeroInt(), math.ZeroInt(), 1000
	p.MinIncentiveSpend, p.MinIncentiveStake = 0, math.ZeroInt()
	// Attesters need no bond and epochs settle right after their grace, so
	// the economy's tests need no bonding; the attestation-trust tests turn
	// both back on (withAttesterTrust).
	p.AttesterMinBond, p.DisputeWindow = math.ZeroInt(), 0
	if err := ta.ModelTokenKeeper.Params.Set(ta.Ctx, p); err != nil {
		t.Fatal(err)
	}
	return &fixture{
		TestApp:     ta,
		msg:         keeper.NewMsgServerImpl(ta.ModelTokenKeeper),
		query:       keeper.NewQueryServerImpl(ta.ModelTokenKeeper),
		flockSupply: ta.BankKeeper.GetSupply(ta.Ctx, "uflock").Amount,
	}
}

// batchIDRange is every content posted under (epoch, id).
func batchIDRange(epoch uint64, id string) collections.Ranger[keeper.BatchKey] {
	return collections.NewSuperPrefixedTripleRange[uint64, string, string](epoch, id)
}

func storeGasMeter() storetypes.GasMeter { return storetypes.NewInfiniteGasMeter() }

func addrCodec() address.Codec { return addresscodec.NewBech32Codec("flock") }

func joinIndex(user sdk.AccAddress, epoch uint64, denom string) collections.Triple[sdk.AccAddress, uint64, string] {
	return collections.Join3(user, epoch, denom)
}

func joinBatchReward(epoch uint64, denom string) collections.Pair[uint64, string] {
	return collections.Join(epoch, denom)
}

// withDefaultFloors restores the default anti-griefing floors and bounds
// (min_unstake, max_unbonding_entries, min_incentive_fund, eligibility).
func (f *fixture) withDefaultFloors(t testing.TB) {
	t.Helper()
	p, err := f.ModelTokenKeeper.Params.Get(f.Ctx)
	if err != nil {
		t.Fatal(err)
	}
	d := types.DefaultParams()
	p.MinUnstake, p.MinIncentiveFund, p.MaxUnbondingEntries = d.MinUnstake, d.MinIncentiveFund, d.MaxUnbondingEntries
	p.MinIncentiveSpend, p.MinIncentiveStake = d.MinIncentiveSpend, d.MinIncentiveStake
	if err := f.ModelTokenKeeper.Params.Set(f.Ctx, p); err != nil {
		t.Fatal(err)
	}
}

func joinDelta(denom string, step uint64) collections.Pair[string, uint64] {
	return collections.Join(denom, step)
}

func sdkEventManager() *sdk.EventManager { return sdk.NewEventManager() }
