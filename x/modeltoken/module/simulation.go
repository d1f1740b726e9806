package module

import (
	"github.com/cosmos/cosmos-sdk/testutil/simsx"
	"github.com/cosmos/cosmos-sdk/types/module"
	simtypes "github.com/cosmos/cosmos-sdk/types/simulation"

	"github.com/flockchain/flockd/x/modeltoken/simulation"
	"github.com/flockchain/flockd/x/modeltoken/types"
)

var _ module.AppModuleSimulation = AppModule{}

// GenerateGenesisState writes the simulation genesis (short windows, the
// first sim accounts as attesters and reporters).
func (AppModule) GenerateGenesisState(simState *module.SimulationState) {
	simulation.RandomizedGenState(simState)
}

// RegisterStoreDecoder decodes the module's store from its collections
// schema, for the import/export store comparison.
func (am AppModule) RegisterStoreDecoder(sdr simtypes.StoreDecoderRegistry) {
	sdr[types.StoreKey] = simtypes.NewStoreDecoderFuncFromCollectionsSchema(am.keeper.Schema)
}

// WeightedOperations is the legacy hook; the simulation uses
// WeightedOperationsX.
func (AppModule) WeightedOperations(module.SimulationState) []simtypes.WeightedOperation {
	return nil
}

// ProposalMsgsX registers the gov-only messages for simulated proposals
// (x/gov divides these weights by 25, so 100 gives each a weight of 4). The
// keys are prefixed: "msg_update_params" is shared by every SDK module.
func (am AppModule) ProposalMsgsX(weights simsx.WeightSource, reg simsx.Registry) {
	k := am.keeper
	reg.Add(weights.Get("modeltoken_msg_update_params", 100), simulation.MsgUpdateParamsFactory(k))
	reg.Add(weights.Get("modeltoken_msg_upsert_model_type", 100), simulation.MsgUpsertModelTypeFactory())
	reg.Add(weights.Get("modeltoken_msg_set_discount_tiers", 100), simulation.MsgSetDiscountTiersFactory(k))
	reg.Add(weights.Get("modeltoken_msg_spend_treasury", 100), simulation.MsgSpendTreasuryFactory(k))
}

// WeightedOperationsX registers a factory for every user message. Weights
// follow how often each happens on a live chain: usage, trading and
// staking most, launches and unlocks rarely.
func (am AppModule) WeightedOperationsX(weights simsx.WeightSource, reg simsx.Registry) {
	k := am.keeper
	reg.Add(weights.Get("msg_create_launch", 15), simulation.MsgCreateLaunchFactory(k))
	reg.Add(weights.Get("msg_buy", 60), simulation.MsgBuyFactory(k))
	reg.Add(weights.Get("msg_graduate", 10), simulation.MsgGraduateFactory(k))
	reg.Add(weights.Get("msg_claim_launch", 40), simulation.MsgClaimLaunchFactory(k))
	reg.Add(weights.Get("msg_claim_vested", 10), simulation.MsgClaimVestedFactory(k))
	reg.Add(weights.Get("msg_stake", 60), simulation.MsgStakeFactory(k))
	reg.Add(weights.Get("msg_unstake", 20), simulation.MsgUnstakeFactory(k))
	reg.Add(weights.Get("msg_withdraw_unbonded", 10), simulation.MsgWithdrawUnbondedFactory(k))
	reg.Add(weights.Get("msg_cancel_unbonding", 5), simulation.MsgCancelUnbondingFactory(k))
	reg.Add(weights.Get("msg_lock", 20), simulation.MsgLockFactory(k))
	reg.Add(weights.Get("msg_unlock", 10), simulation.MsgUnlockFactory(k))
	reg.Add(weights.Get("msg_submit_usage", 80), simulation.MsgSubmitUsageFactory(k))
	reg.Add(weights.Get("msg_claim_rewards", 40), simulation.MsgClaimRewardsFactory(k))
	reg.Add(weights.Get("msg_fund_incentive", 10), simulation.MsgFundIncentiveFactory(k))
	reg.Add(weights.Get("msg_swap", 50), simulation.MsgSwapFactory(k))
	reg.Add(weights.Get("msg_deposit_revenue", 20), simulation.MsgDepositRevenueFactory(k))
}
