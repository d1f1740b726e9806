// Package simulation plugs x/modeltoken into the SDK's simulation framework:
// a genesis tuned so that launches, epochs and settlements all happen within
// a few hundred simulated blocks (5,000-10,000 s apart), and a message
// factory for every user message (msg_factory.go).
package simulation

import (
	"time"

	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/module"
	authtypes "github.com/cosmos/cosmos-sdk/x/auth/types"

	"github.com/flockchain/flockd/x/modeltoken/types"
)

// SimModelType is the launch template the simulation uses: a raise of
// 100-10,000 FLOCK that sim accounts can fill.
const SimModelType = "sim"

// attesters and reporters are the first sim accounts.
const (
	numAttesters = 3
	numReporters = 2
)

// RandomizedGenState writes x/modeltoken's genesis: default params with
// short windows (12 h raise, 1 day epochs, 6 h grace, 3 day unbonding,
// a TWAP window of 30 s to 50 minutes),
// the first accounts as attesters and revenue reporters, and the sim
// model type. Fees and taxes vary by seed.
func RandomizedGenState(simState *module.SimulationState) {
	r := simState.Rand
	gs := types.DefaultGenesis(sdk.AccAddress(authtypes.NewModuleAddress(types.TreasuryAccount)).String())
	p := &gs.Params
	p.LaunchFee = math.NewInt(int64(1+r.Intn(100)) * types.MicroPerFlock)
	p.PlatformFeeBps = uint32(r.Intn(301))
	p.AntiSnipeStartBps = uint32(r.Intn(2) * 5000)
	p.AntiSnipeDecayBpsPerMinute = 100
	p.RaiseDuration = 12 * time.Hour
	p.IssuerVesting = 30 * 24 * time.Hour
	p.EpochDuration = 24 * time.Hour
	p.AttestationGrace = 6 * time.Hour
	p.UnbondingDuration = 3 * 24 * time.Hour
	// Derived from the launch fee (1 to 100 FLOCK), not drawn: an extra
	// draw would shift the rest of the run's random choices.
	p.TwapWindow = time.Duration(p.LaunchFee.Int64()/types.MicroPerFlock) * 30 * time.Second
	// The simulated attesters attest without bonds (the keeper tests cover
	// bonds and slashing). Dispute windows of 6, 24, 42 and 60 h, derived
	// from the launch fee like the TWAP window: half the seeds settle an
	// epoch two or three epochs after it ends, where a settlement that read
	// stake or multipliers of a later epoch would show.
	p.AttesterMinBond = math.ZeroInt()
	p.DisputeWindow = 6*time.Hour + time.Duration(p.LaunchFee.Int64()/types.MicroPerFlock%4)*18*time.Hour
	for i := 0; i < numAttesters && i < len(simState.Accounts); i++ {
		p.Attesters = append(p.Attesters, simState.Accounts[i].Address.String())
	}
	for i := 0; i < numReporters && i < len(simState.Accounts); i++ {
		p.RevenueReporters = append(p.RevenueReporters, simState.Accounts[i].Address.String())
	}
	gs.ModelTypes = append(gs.ModelTypes, types.ModelType{
		Id:          SimModelType,
		Description: "simulation: small raise",
		RaiseMin:    math.NewInt(100 * types.MicroPerFlock),
		RaiseMax:    math.NewInt(10_000 * types.MicroPerFlock),
		Allocation: types.Allocation{
			SaleBps: 4000, LiquidityBps: 2000, IncentivesBps: 2000, IssuerBps: 1000, TreasuryBps: 1000,
		},
		LiquidityFlockBps:   2000,
		EndPriceMultipleBps: 30000,
	})
	simState.GenState[types.ModuleName] = simState.Cdc.MustMarshalJSON(gs)
}
