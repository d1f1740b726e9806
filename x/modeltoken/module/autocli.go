package module

import (
	autocliv1 "cosmossdk.io/api/cosmos/autocli/v1"

	"github.com/flockchain/flockd/x/modeltoken/types"
)

func pos(names ...string) []*autocliv1.PositionalArgDescriptor {
	out := make([]*autocliv1.PositionalArgDescriptor, len(names))
	for i, n := range names {
		out[i] = &autocliv1.PositionalArgDescriptor{ProtoField: n}
	}
	return out
}

// AutoCLIOptions builds the `flockd query modeltoken` and `flockd tx
// modeltoken` commands from the proto services.
func (am AppModule) AutoCLIOptions() *autocliv1.ModuleOptions {
	return &autocliv1.ModuleOptions{
		Query: &autocliv1.ServiceCommandDescriptor{
			Service: types.Query_serviceDesc.ServiceName,
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{RpcMethod: "Params", Use: "params", Short: "Show the x/modeltoken parameters",
					Example: "flockd query modeltoken params -o json"},
				{RpcMethod: "ModelTypes", Use: "model-types", Short: "List the launch templates (model types)",
					Example: "flockd query modeltoken model-types"},
				{RpcMethod: "Launch", Use: "launch [launch-id]", Short: "Show one launch",
					Example: "flockd query modeltoken launch 1", PositionalArgs: pos("launch_id")},
				{RpcMethod: "Launches", Use: "launches", Short: "List launches, optionally by --status (raising, graduated or failed)",
					Example: "flockd query modeltoken launches --status raising --page-limit 20"},
				{RpcMethod: "Claim", Use: "claim [launch-id] [supporter]", Short: "Show a supporter's claim in a launch",
					Example: "flockd query modeltoken claim 1 $(flockd keys show bob -a)", PositionalArgs: pos("launch_id", "supporter")},
				{RpcMethod: "BuyQuote", Use: "quote [launch-id] [amount]", Short: "Price a buy at the current block time (fees, tax, MT out); amount in uflock, bare or as a coin like buy's",
					Example: "flockd query modeltoken quote 3 1000000000uflock", PositionalArgs: pos("launch_id", "amount")},
				{RpcMethod: "IssuerVesting", Use: "vesting [launch-id]", Short: "Show the issuer allocation's vesting and what is claimable",
					Example: "flockd query modeltoken vesting 1", PositionalArgs: pos("launch_id")},
				{RpcMethod: "ModelToken", Use: "model-token [denom]", Short: "Show a live model token by denom",
					Example: "flockd query modeltoken model-token mt/llama", PositionalArgs: pos("denom")},
				{RpcMethod: "ModelTokenByLaunch", Use: "model-token-by-launch [launch-id]", Short: "Show the model token a launch created",
					Example: "flockd query modeltoken model-token-by-launch 1", PositionalArgs: pos("launch_id")},
				{RpcMethod: "ModelTokens", Use: "model-tokens", Short: "List live model tokens",
					Example: "flockd query modeltoken model-tokens --page-limit 50"},
				{RpcMethod: "CurrentEpoch", Use: "epoch", Short: "Show the current reward epoch and when the next one starts",
					Example: "flockd query modeltoken epoch"},
				{RpcMethod: "EpochBounds", Use: "epoch-bounds [epoch]", Short: "Show when an epoch started, ended and when its usage seals",
					Example: "flockd query modeltoken epoch-bounds 1", PositionalArgs: pos("epoch")},
				{RpcMethod: "Position", Use: "position [owner] [denom]", Short: "Show a stake and what counts of it this epoch",
					Example: "flockd query modeltoken position $(flockd keys show bob -a) mt/llama", PositionalArgs: pos("owner", "denom")},
				{RpcMethod: "PositionsByOwner", Use: "positions [owner]", Short: "List an owner's stakes",
					Example: "flockd query modeltoken positions $(flockd keys show bob -a)", PositionalArgs: pos("owner")},
				{RpcMethod: "Stakers", Use: "stakers [denom]", Short: "List the stakers of a model token",
					Example: "flockd query modeltoken stakers mt/llama --page-limit 100", PositionalArgs: pos("denom")},
				{RpcMethod: "ModelStake", Use: "model-stake [denom]", Short: "Show a model token's staking totals",
					Example: "flockd query modeltoken model-stake mt/llama", PositionalArgs: pos("denom")},
				{RpcMethod: "Unbondings", Use: "unbondings [owner]", Short: "List an owner's unbonding MT",
					Example: "flockd query modeltoken unbondings $(flockd keys show bob -a)", PositionalArgs: pos("owner")},
				{RpcMethod: "Discount", Use: "discount [owner] [denom]", Short: "Show the inference discount an owner's stake earns",
					Example: "flockd query modeltoken discount $(flockd keys show bob -a) mt/llama", PositionalArgs: pos("owner", "denom")},
				{RpcMethod: "GmLock", Use: "gm-lock [lock-id]", Short: "Show one gmFLOCK lock",
					Example: "flockd query modeltoken gm-lock 1", PositionalArgs: pos("lock_id")},
				{RpcMethod: "UserUsage", Use: "usage [epoch] [denom] [user]", Short: "Show a user's attested spend (micro-USD) on a model in an epoch",
					Example: "flockd query modeltoken usage 1 mt/llama $(flockd keys show alice -a)", PositionalArgs: pos("epoch", "denom", "user")},
				{RpcMethod: "ModelUsage", Use: "model-usage [epoch] [denom]", Short: "Show a model's usage totals for an epoch",
					Example: "flockd query modeltoken model-usage 1 mt/llama", PositionalArgs: pos("epoch", "denom")},
				{RpcMethod: "UsageBatches", Use: "usage-batches [epoch]", Short: "List an epoch's usage batches and their confirmations",
					Example: "flockd query modeltoken usage-batches 1", PositionalArgs: pos("epoch")},
				{RpcMethod: "PendingRewards", Use: "rewards [owner]", Short: "Show the rewards an owner can claim now, per model and in total",
					Example: "flockd query modeltoken rewards $(flockd keys show alice -a)", PositionalArgs: pos("owner")},
				{RpcMethod: "EpochSummary", Use: "epoch-summary [epoch]", Short: "Show what a settled epoch emitted",
					Example: "flockd query modeltoken epoch-summary 1", PositionalArgs: pos("epoch")},
				{RpcMethod: "EpochModelReward", Use: "epoch-reward [epoch] [denom]", Short: "Show a model's sealed reward pools and sums for an epoch",
					Example: "flockd query modeltoken epoch-reward 1 mt/llama", PositionalArgs: pos("epoch", "denom")},
				{RpcMethod: "ModelEconomy", Use: "economy [denom]", Short: "Summarise a model token's economy (supply, burned, staked, incentives, rewards paid)",
					Example: "flockd query modeltoken economy mt/llama", PositionalArgs: pos("denom")},
				{RpcMethod: "Pool", Use: "pool [denom]", Short: "Show a model's MT/FLOCK pool reserves and spot price",
					Example: "flockd query modeltoken pool mt/llama", PositionalArgs: pos("denom")},
				{RpcMethod: "SwapQuote", Use: "swap-quote [denom] [token-in]", Short: "Price an exact-in swap through a model's pool",
					Example: "flockd query modeltoken swap-quote mt/llama 1000000000uflock", PositionalArgs: pos("denom", "token_in")},
				{RpcMethod: "Twap", Use: "twap [denom]", Short: "Show a pool's time-weighted price, the buyback's reference price and its pending FLOCK",
					Long:    "The TWAP covers --window-seconds (default: the twap_window param) up to the latest block, or the pool's whole life if shorter.",
					Example: "flockd query modeltoken twap mt/llama --window-seconds 3600", PositionalArgs: pos("denom")},
				{RpcMethod: "EstimateRewards", Use: "rewards-estimate [denom] [spend]",
					Short:          "Estimate the rewards and staking APR of a spend (micro-USD) with --stake, --gm-flock, or an --owner's own stake and gmFLOCK, if the epoch settled now",
					Example:        "flockd query modeltoken rewards-estimate mt/llama 5000000 --owner $(flockd keys show bob -a)\nflockd query modeltoken rewards-estimate mt/llama 5000000 --stake 10000000000 --gm-flock 10000000000",
					PositionalArgs: pos("denom", "spend"),
					FlagOptions: map[string]*autocliv1.FlagOptions{
						"stake":    {Usage: "counted MT stake, base units (default: the owner's, or none)"},
						"gm_flock": {Usage: "gmFLOCK, base units (default: the owner's, or none)"},
						"owner":    {Usage: "price this account: its usage so far, stake and gmFLOCK"},
					}},
				{RpcMethod: "Revenue", Use: "revenue [denom]", Short: "Show a model's revenue legs, burned MT and circulating supply",
					Example: "flockd query modeltoken revenue mt/llama", PositionalArgs: pos("denom")},
				{RpcMethod: "Attesters", Use: "attesters", Short: "Show the attester set and quorum",
					Example: "flockd query modeltoken attesters"},
				{RpcMethod: "AttesterStatus", Use: "attester [address]", Short: "Show an attester's bond, unbondings, slashes, and whether it is listed and active",
					Example: "flockd query modeltoken attester $(flockd keys show attester -a)", PositionalArgs: pos("attester")},
				{RpcMethod: "DisputableBatches", Use: "disputes", Short: "List the usage batches of unsettled epochs (still voidable) and when each may settle",
					Example: "flockd query modeltoken disputes"},
				{RpcMethod: "Evidence", Use: "evidence", Short: "List attester slashes (equivocation, voided batches), optionally of one attester",
					Example: "flockd query modeltoken evidence --attester $(flockd keys show attester -a)"},
				{RpcMethod: "GmFlock", Use: "gmflock [owner]", Short: "Show an owner's gmFLOCK locks, effective gmFLOCK and reward multiplier",
					Example: "flockd query modeltoken gmflock $(flockd keys show alice -a)", PositionalArgs: pos("owner")},
			},
		},
		Tx: &autocliv1.ServiceCommandDescriptor{
			Service:              types.Msg_serviceDesc.ServiceName,
			EnhanceCustomCommand: true, // adds these to GetTxCmd's usage commands
			RpcCommandOptions: []*autocliv1.RpcCommandOptions{
				{RpcMethod: "SetDiscountTiers", Skip: true}, // gov-gated: submit inside a proposal
				// Governance-only messages: each command submits a gov proposal
				// carrying the message (autocli's GovProposal; --title, --summary,
				// --deposit), signed by --from.
				{RpcMethod: "UpdateParams", Skip: true}, // update-params-proposal in tx_cli_params.go
				{
					RpcMethod:      "UpsertModelType",
					Use:            "upsert-model-type-proposal [model-type-json]",
					Short:          "Propose adding or replacing a launch template (model type)",
					Example:        `flockd tx modeltoken upsert-model-type-proposal '{"id":"llm-tiny","description":"tiny","raise_min":"1000000000","raise_max":"5000000000","allocation":{"sale_bps":4000,"liquidity_bps":2000,"incentives_bps":2000,"issuer_bps":1000,"treasury_bps":1000},"liquidity_flock_bps":2000,"end_price_multiple_bps":30000}' --title "llm-tiny" --summary "a tiny template" --deposit 10000000uflock --from alice`,
					PositionalArgs: pos("model_type"),
					GovProposal:    true,
				},
				{
					RpcMethod:      "SpendTreasury",
					Use:            "spend-treasury-proposal [recipient] [amount]",
					Short:          "Propose paying coins out of the protocol treasury",
					Example:        `flockd tx modeltoken spend-treasury-proposal $(flockd keys show bob -a) 1000000uflock --title grant --summary "a grant" --deposit 10000000uflock --from alice`,
					PositionalArgs: []*autocliv1.PositionalArgDescriptor{{ProtoField: "recipient"}, {ProtoField: "amount", Varargs: true}},
					GovProposal:    true,
				},
				{
					RpcMethod:      "ReinstateAttester",
					Use:            "reinstate-attester-proposal [attester]",
					Short:          "Propose lifting a slashed attester's jail (it must then bond back up to attester_min_bond)",
					Example:        `flockd tx modeltoken reinstate-attester-proposal $(flockd keys show attester -a) --title reinstate --summary "keys rotated" --deposit 10000000uflock --from alice`,
					PositionalArgs: pos("attester"),
					GovProposal:    true,
				},
				{RpcMethod: "SetDiscountTiers", Skip: true}, // gov-gated: flockd tx gov submit-proposal with the message in JSON
				{RpcMethod: "SubmitUsage", Skip: true},      // submit-usage / confirm-usage in tx_cli.go
				{RpcMethod: "VoidBatch", Skip: true},        // void-batch in tx_cli.go (rows from a file)
				{
					RpcMethod:      "BondAttester",
					Use:            "bond-attester [amount]",
					Short:          "Bond FLOCK behind your attestations (listed attesters; active once bonded at least attester_min_bond)",
					Example:        "flockd tx modeltoken bond-attester 10000000000uflock --from attester",
					PositionalArgs: pos("amount"),
				},
				{
					RpcMethod:      "UnbondAttester",
					Use:            "unbond-attester [amount]",
					Short:          "Start returning bonded FLOCK after attester_unbonding (slashable until paid out)",
					Example:        "flockd tx modeltoken unbond-attester 1000000000uflock --from attester",
					PositionalArgs: pos("amount"),
				},
				{
					RpcMethod:      "Stake",
					Use:            "stake [amount]",
					Short:          "Stake MT of a live model token (counts for rewards from the next epoch)",
					Example:        "flockd tx modeltoken stake 1000000000mt/llama --from bob",
					PositionalArgs: pos("amount"),
				},
				{
					RpcMethod:      "Unstake",
					Use:            "unstake [amount]",
					Short:          "Unstake MT; it stops counting at once and is paid out after unbonding_duration",
					Example:        "flockd tx modeltoken unstake 500000000mt/llama --from bob",
					PositionalArgs: pos("amount"),
				},
				{
					RpcMethod: "WithdrawUnbonded",
					Use:       "withdraw-unbonded",
					Short:     "Take your matured unbonding entries now (all model tokens, or one with --denom), before the begin-block payout reaches them (on a quiet chain it is first: \"nothing to claim\")",
					Example:   "flockd tx modeltoken withdraw-unbonded --denom mt/llama --from bob",
				},
				{
					RpcMethod:      "CancelUnbonding",
					Use:            "cancel-unbonding [unbonding-id] [amount]",
					Short:          "Put (part of) an unbonding entry that has not matured back into your position (counts from the next epoch)",
					Example:        "flockd tx modeltoken cancel-unbonding 1 250000000mt/llama --from bob",
					PositionalArgs: pos("unbonding_id", "amount"),
				},
				{
					RpcMethod:      "Lock",
					Use:            "lock [amount] [days]",
					Short:          "Lock FLOCK for 1 to 365 days and receive non-transferable gmFLOCK",
					Example:        "flockd tx modeltoken lock 10000000000uflock 30 --from bob",
					PositionalArgs: pos("amount", "duration_days"),
				},
				{
					RpcMethod: "ClaimRewards",
					Use:       "claim-rewards",
					Short:     "Claim your rewards of settled epochs (all FLOCK in one payment, MT per model)",
					Example:   "flockd tx modeltoken claim-rewards --denom mt/llama --from bob",
				},
				{
					RpcMethod:      "FundIncentive",
					Use:            "fund-incentive [denom] [amount]",
					Short:          "Add reserved FLOCK to a model's incentive budget (released over incentive_release_epochs)",
					Example:        "flockd tx modeltoken fund-incentive mt/llama 100000000000uflock --from alice",
					PositionalArgs: pos("denom", "amount"),
				},
				{
					RpcMethod:      "Swap",
					Use:            "swap [denom] [token-in] [min-out]",
					Short:          "Swap exact-in through a model's MT/FLOCK pool (--deadline for a block-time limit)",
					Example:        "flockd tx modeltoken swap mt/llama 1000000000uflock 1 --from bob\nflockd tx modeltoken swap mt/llama 5000000mt/llama 1 --from bob",
					PositionalArgs: pos("denom", "token_in", "min_out"),
				},
				{
					RpcMethod:      "DepositRevenue",
					Use:            "deposit-revenue [denom] [amount]",
					Short:          "Route a model's net revenue: MT buyback (queued; bought in bounded slices over the next blocks), FLOCK burn, treasury, issuer (revenue reporters only)",
					Example:        "flockd tx modeltoken deposit-revenue mt/llama 10000000000uflock --from reporter",
					PositionalArgs: pos("denom", "amount"),
				},
				{
					RpcMethod:      "Unlock",
					Use:            "unlock [lock-id]",
					Short:          "Withdraw an expired lock's FLOCK minus the exit fee",
					Example:        "flockd tx modeltoken unlock 2 --from bob",
					PositionalArgs: pos("lock_id"),
				},
				{
					RpcMethod:      "ExtendLock",
					Use:            "extend-lock [lock-id] [duration-days]",
					Short:          "Relock a gmFLOCK lock for longer, from now, without unlocking it (no exit fee)",
					Example:        "flockd tx modeltoken extend-lock 2 365 --from bob",
					PositionalArgs: pos("lock_id", "duration_days"),
				},
				{
					RpcMethod:      "CreateLaunch",
					Use:            "create-launch [model-type] [symbol] [name] [model-id]",
					Short:          "Open a fair-launch raise for a new model token (pays the launch fee)",
					Long:           "Opens a raise for raise_duration. Pays the launch fee to the treasury. --bundle-flock makes a first buy (platform fee, no anti-sniping tax) of at most max_bundle_bps of the supply.",
					Example:        `flockd tx modeltoken create-launch demo QWEN "Qwen 2 7B" qwen-2-7b --description "chat model" --bundle-flock 1000000000 --from alice`,
					PositionalArgs: pos("model_type", "symbol", "name", "model_id"),
				},
				{
					RpcMethod:      "Buy",
					Use:            "buy [launch-id] [flock-in] [min-mt-out]",
					Short:          "Buy a raising launch's model token along its bonding curve",
					Long:           "Spends flock-in (gross, e.g. 1000000000uflock) minus the platform fee and the anti-sniping tax; fails if fewer than min-mt-out MT base units would be bought. Past the raise maximum the excess stays with you.",
					Example:        "flockd tx modeltoken buy 3 2000000000uflock 0 --from bob",
					PositionalArgs: pos("launch_id", "flock_in", "min_mt_out"),
				},
				{
					RpcMethod:      "Graduate",
					Use:            "graduate [launch-id]",
					Short:          "Graduate (or fail) a launch whose window ended, before the begin-block sweep reaches it (anyone may send it; on a quiet chain the sweep is first and this answers \"launch is not raising\")",
					Example:        "flockd tx modeltoken graduate 3 --from bob",
					PositionalArgs: pos("launch_id"),
				},
				{
					RpcMethod:      "ClaimLaunch",
					Use:            "claim [launch-id]",
					Short:          "Claim your MT from a graduated launch, or your principal from a failed one",
					Example:        "flockd tx modeltoken claim 3 --from bob",
					PositionalArgs: pos("launch_id"),
				},
				{
					RpcMethod:      "ClaimVested",
					Use:            "claim-vested [launch-id]",
					Short:          "Claim the issuer's vested MT and FLOCK (sent by the launch's payout address)",
					Example:        "flockd tx modeltoken claim-vested 1 --from alice",
					PositionalArgs: pos("launch_id"),
				},
			},
		},
	}
}
