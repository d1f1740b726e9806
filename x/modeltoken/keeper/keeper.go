package keeper

import (
	"fmt"

	"cosmossdk.io/collections"
	"cosmossdk.io/core/address"
	corestore "cosmossdk.io/core/store"
	"cosmossdk.io/log/v2"
	"cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/codec"
	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/flockchain/flockd/x/modeltoken/launch"
	"github.com/flockchain/flockd/x/modeltoken/market"
	"github.com/flockchain/flockd/x/modeltoken/types"
)

// Keeper owns the x/modeltoken state.
type Keeper struct {
	cdc          codec.BinaryCodec
	storeService corestore.KVStoreService
	addressCodec address.Codec
	bank         types.BankKeeper
	auth         types.AccountKeeper

	// authority is the only address allowed to send gov-gated messages (x/gov).
	authority string
	// flockDenom is the chain's FLOCK base denom (uflock).
	flockDenom string

	Schema collections.Schema
	Params collections.Item[types.Params]

	// Launch is the launch domain (model types, raises, graduation, issuer
	// vesting): a sub-keeper on this store, see x/modeltoken/launch.
	Launch launch.Keeper
	// ModelTokens is the registry of live model tokens, which every domain
	// reads: launches write it at graduation, the market moves the pool
	// reserves kept on it.
	ModelTokens collections.Map[string, types.ModelToken]

	Epoch collections.Item[types.EpochInfo]
	// Positions are keyed (owner, denom); Positions.Indexes.ByDenom lists a
	// model's stakers.
	Positions    *collections.IndexedMap[collections.Pair[sdk.AccAddress, string], types.StakePosition, PositionIndexes]
	ModelStakes  collections.Map[string, types.ModelStake]
	UnbondingSeq collections.Sequence
	// Unbondings are indexed by owner (Unbondings.Indexes.ByOwner).
	Unbondings *collections.IndexedMap[uint64, types.UnbondingEntry, UnbondingIndexes]
	// UnbondingQueue orders entries by completion time (unix seconds) so the
	// begin-block payout touches only matured entries.
	UnbondingQueue collections.KeySet[collections.Pair[int64, uint64]]
	Discounts      collections.Map[string, types.DiscountSchedule]
	GmLockSeq      collections.Sequence
	// GmLocks are indexed by owner (GmLocks.Indexes.ByOwner).
	GmLocks  *collections.IndexedMap[uint64, types.GmLock, GmLockIndexes]
	GmTotals collections.Item[types.GmTotals]
	// LockCounts is the number of locks per owner, so the common case (no
	// locks) needs one read instead of an iterator.
	LockCounts collections.Map[sdk.AccAddress, uint64]

	// EpochStarts records each epoch's start, to know when an epoch ended.
	EpochStarts collections.Map[uint64, types.EpochStart]
	// UsageBatches and PendingRows are keyed by (epoch, batch_id,
	// content_hash): rival contents of one id are separate candidates
	// (usage.go says why).
	UsageBatches collections.Map[BatchKey, types.UsageBatch]
	PendingRows  collections.Map[BatchKey, types.PendingRows]
	// UsageByUser is u_ij per epoch: (epoch, denom, user) -> micro-USD.
	UsageByUser collections.Map[collections.Triple[uint64, string, sdk.AccAddress], types.UsageRecord]
	ModelUsages collections.Map[collections.Pair[uint64, string], types.ModelUsage]
	// EpochUsage is Σ over models of an epoch's spend (splits emissions).
	EpochUsage collections.Map[uint64, math.Int]

	// GmSnapshots freezes a user's multiplier for an epoch at first use.
	GmSnapshots collections.Map[collections.Pair[uint64, sdk.AccAddress], math.LegacyDec]
	// RewardIndex lists a user's unclaimed (epoch, denom) usage entries.
	RewardIndex collections.KeySet[collections.Triple[sdk.AccAddress, uint64, string]]
	Incentives  collections.Map[string, types.ModelIncentives]
	// IncentiveDeltas are the changes of a model's reserved-FLOCK release
	// rate, keyed (denom, release step); each is removed when its step runs.
	IncentiveDeltas collections.Map[collections.Pair[string, uint64], math.Int]
	EpochRewards    collections.Map[collections.Pair[uint64, string], types.EpochModelReward]
	EpochSummaries  collections.Map[uint64, types.EpochSummary]
	// NextSettleEpoch is the oldest epoch whose rewards are not settled.
	NextSettleEpoch collections.Sequence
	// SettleProgress is the epoch being settled over several blocks, if any.
	SettleProgress collections.Item[types.SettleProgress]
	// StakeCheckpoints keep a model's stake record as it stood when it
	// rolled past an epoch, by (denom, counted_epoch): S(e) of an epoch that
	// has not settled yet, however many epochs later its settlement runs.
	StakeCheckpoints collections.Map[collections.Pair[string, uint64], types.ModelStake]
	// PendingCounts counts the batches each attester opened per (epoch,
	// model) that still wait for their quorum (capped: pending_batches.go).
	// Derived state: InitGenesis rebuilds it from the pending batches.
	PendingCounts collections.Map[collections.Triple[uint64, string, sdk.AccAddress], uint64]
	// ExpiredEpochs counts the epochs whose unclaimed rewards expired and
	// whose per-user records were swept (reward_expiry.go).
	ExpiredEpochs collections.Sequence

	// Market is the market domain (pools, TWAP oracle, revenue, buyback
	// and burn): a sub-keeper on this store, see x/modeltoken/market.
	Market market.Keeper

	// Attestation trust: bonds, the queue of unbondings by completion,
	// slash evidence, and the spend each attester opened per (epoch, model).
	AttesterBonds     collections.Map[sdk.AccAddress, types.AttesterBond]
	AttesterUnbonding collections.KeySet[collections.Pair[int64, sdk.AccAddress]]
	EvidenceSeq       collections.Sequence
	Evidence          collections.Map[uint64, types.AttestationEvidence]
	AttesterSpend     collections.Map[collections.Triple[uint64, string, sdk.AccAddress], uint64]
}

// NewKeeper builds the keeper and its collections schema.
func NewKeeper(
	cdc codec.BinaryCodec,
	storeService corestore.KVStoreService,
	addressCodec address.Codec,
	bank types.BankKeeper,
	auth types.AccountKeeper,
	authority string,
	flockDenom string,
) Keeper {
	if _, err := addressCodec.StringToBytes(authority); err != nil {
		panic(fmt.Sprintf("invalid x/%s authority %q: %v", types.ModuleName, authority, err))
	}
	for _, name := range []string{types.ModuleName, types.LaunchEscrowAccount, types.LiquidityAccount,
		types.IncentivesAccount, types.VestingAccount, types.StakingEscrowAccount, types.GmLockAccount, types.RewardsAccount, types.RevenueAccount, types.AttesterBondsAccount} {
		if auth.GetModuleAddress(name) == nil {
			panic(fmt.Sprintf("x/%s: module account %s is not registered", types.ModuleName, name))
		}
	}
	sb := collections.NewSchemaBuilder(storeService)
	k := Keeper{
		cdc:          cdc,
		storeService: storeService,
		addressCodec: addressCodec,
		bank:         bank,
		auth:         auth,
		authority:    authority,
		flockDenom:   flockDenom,
		Params:       collections.NewItem(sb, types.ParamsKey, "params", codec.CollValue[types.Params](cdc)),
		ModelTokens:  collections.NewMap(sb, types.ModelTokensKey, "model_tokens", collections.StringKey, codec.CollValue[types.ModelToken](cdc)),

		Epoch: collections.NewItem(sb, types.EpochKey, "epoch", codec.CollValue[types.EpochInfo](cdc)),
		Positions: collections.NewIndexedMap(sb, types.PositionsKey, "positions",
			collections.PairKeyCodec(sdk.AccAddressKey, collections.StringKey), codec.CollValue[types.StakePosition](cdc),
			newPositionIndexes(sb)),
		ModelStakes:  collections.NewMap(sb, types.ModelStakesKey, "model_stakes", collections.StringKey, codec.CollValue[types.ModelStake](cdc)),
		UnbondingSeq: collections.NewSequence(sb, types.UnbondingSeqKey, "unbonding_seq"),
		Unbondings: collections.NewIndexedMap(sb, types.UnbondingsKey, "unbondings", collections.Uint64Key, codec.CollValue[types.UnbondingEntry](cdc),
			newUnbondingIndexes(sb, addressCodec)),
		UnbondingQueue: collections.NewKeySet(sb, types.UnbondingQueueKey, "unbonding_queue",
			collections.PairKeyCodec(collections.Int64Key, collections.Uint64Key)),
		Discounts: collections.NewMap(sb, types.DiscountsKey, "discounts", collections.StringKey, codec.CollValue[types.DiscountSchedule](cdc)),
		GmLockSeq: collections.NewSequence(sb, types.GmLockSeqKey, "gm_lock_seq"),
		GmLocks: collections.NewIndexedMap(sb, types.GmLocksKey, "gm_locks", collections.Uint64Key, codec.CollValue[types.GmLock](cdc),
			newGmLockIndexes(sb, addressCodec)),
		GmTotals:   collections.NewItem(sb, types.GmTotalsKey, "gm_totals", codec.CollValue[types.GmTotals](cdc)),
		LockCounts: collections.NewMap(sb, types.LockCountsKey, "lock_counts", sdk.AccAddressKey, collections.Uint64Value),

		EpochStarts:  collections.NewMap(sb, types.EpochStartsKey, "epoch_starts", collections.Uint64Key, codec.CollValue[types.EpochStart](cdc)),
		UsageBatches: collections.NewMap(sb, types.UsageBatchesKey, "usage_batches", batchKeyCodec, codec.CollValue[types.UsageBatch](cdc)),
		PendingRows:  collections.NewMap(sb, types.PendingRowsKey, "pending_rows", batchKeyCodec, codec.CollValue[types.PendingRows](cdc)),
		UsageByUser: collections.NewMap(sb, types.UsageByUserKey, "usage_by_user",
			collections.TripleKeyCodec(collections.Uint64Key, collections.StringKey, sdk.AccAddressKey), codec.CollValue[types.UsageRecord](cdc)),
		ModelUsages: collections.NewMap(sb, types.ModelUsagesKey, "model_usages",
			collections.PairKeyCodec(collections.Uint64Key, collections.StringKey), codec.CollValue[types.ModelUsage](cdc)),
		EpochUsage: collections.NewMap(sb, types.EpochUsageKey, "epoch_usage", collections.Uint64Key, sdk.IntValue),

		GmSnapshots: collections.NewMap(sb, types.GmSnapshotsKey, "gm_snapshots",
			collections.PairKeyCodec(collections.Uint64Key, sdk.AccAddressKey), sdk.LegacyDecValue),
		RewardIndex: collections.NewKeySet(sb, types.RewardIndexKey, "reward_index",
			collections.TripleKeyCodec(sdk.AccAddressKey, collections.Uint64Key, collections.StringKey)),
		Incentives: collections.NewMap(sb, types.IncentivesKey, "incentives", collections.StringKey, codec.CollValue[types.ModelIncentives](cdc)),
		IncentiveDeltas: collections.NewMap(sb, types.IncentiveDeltasKey, "incentive_deltas",
			collections.PairKeyCodec(collections.StringKey, collections.Uint64Key), sdk.IntValue),
		EpochRewards: collections.NewMap(sb, types.EpochRewardsKey, "epoch_rewards",
			collections.PairKeyCodec(collections.Uint64Key, collections.StringKey), codec.CollValue[types.EpochModelReward](cdc)),
		EpochSummaries:  collections.NewMap(sb, types.EpochSummariesKey, "epoch_summaries", collections.Uint64Key, codec.CollValue[types.EpochSummary](cdc)),
		NextSettleEpoch: collections.NewSequence(sb, types.NextSettleKey, "next_settle_epoch"),
		SettleProgress:  collections.NewItem(sb, types.SettleProgressKey, "settle_progress", codec.CollValue[types.SettleProgress](cdc)),
		PendingCounts: collections.NewMap(sb, types.PendingCountsKey, "pending_counts",
			collections.TripleKeyCodec(collections.Uint64Key, collections.StringKey, sdk.AccAddressKey), collections.Uint64Value),
		StakeCheckpoints: collections.NewMap(sb, types.StakeCheckpointKey, "stake_checkpoints",
			collections.PairKeyCodec(collections.StringKey, collections.Uint64Key), codec.CollValue[types.ModelStake](cdc)),
		ExpiredEpochs: collections.NewSequence(sb, types.ExpiredEpochsKey, "expired_epochs"),
		AttesterBonds: collections.NewMap(sb, types.AttesterBondsKey, "attester_bonds", sdk.AccAddressKey, codec.CollValue[types.AttesterBond](cdc)),
		AttesterUnbonding: collections.NewKeySet(sb, types.AttesterUnbondKey, "attester_unbonding",
			collections.PairKeyCodec(collections.Int64Key, sdk.AccAddressKey)),
		EvidenceSeq: collections.NewSequence(sb, types.EvidenceSeqKey, "evidence_seq"),
		Evidence:    collections.NewMap(sb, types.EvidenceKey, "evidence", collections.Uint64Key, codec.CollValue[types.AttestationEvidence](cdc)),
		AttesterSpend: collections.NewMap(sb, types.AttesterSpendKey, "attester_spend",
			collections.TripleKeyCodec(collections.Uint64Key, collections.StringKey, sdk.AccAddressKey), collections.Uint64Value),
	}
	// The launch and market sub-keepers declare their collections on the
	// same schema builder. A graduating launch registers its token through
	// the module keeper (graduates), which needs the market; the market needs
	// the registry, which reads launches: so the launch keeper is built
	// first and learns of graduates once the market exists.
	k.Launch = launch.NewKeeper(sb, cdc, addressCodec, bank, k.Params, flockDenom)
	k.Market = market.NewKeeper(sb, cdc, addressCodec, bank, registry{k}, k.Params, flockDenom)
	k.Launch = k.Launch.WithGraduates(graduates{k})
	schema, err := sb.Build()
	if err != nil {
		panic(err)
	}
	k.Schema = schema
	return k
}

// Authority returns the module's governance authority address.
func (k Keeper) Authority() string { return k.authority }

// AddressCodec returns the account address codec.
func (k Keeper) AddressCodec() address.Codec { return k.addressCodec }

// FlockDenom returns the FLOCK base denom.
func (k Keeper) FlockDenom() string { return k.flockDenom }

// Logger returns a module-scoped logger.
func (k Keeper) Logger(ctx sdk.Context) log.Logger {
	return ctx.Logger().With("module", "x/"+types.ModuleName)
}

// moduleAddr returns the address of one of the module's accounts.
func (k Keeper) moduleAddr(name string) sdk.AccAddress { return k.auth.GetModuleAddress(name) }
