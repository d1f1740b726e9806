package types

import "cosmossdk.io/collections"

const (
	// ModuleName is the module's name, store key and the name of its own
	// module account, which mints each model token's supply at graduation
	// and burns what must be burned (unsold sale MT, later bought-back MT).
	// It holds coins only within a single transaction.
	ModuleName = "modeltoken"
	// StoreKey is the KV store key of the module.
	StoreKey = ModuleName

	// LaunchEscrowAccount holds the net FLOCK of raising launches and of
	// failed launches until supporters redeem it, and, after graduation,
	// the MT owed to supporters until they claim it.
	LaunchEscrowAccount = "mt_launch_escrow"
	// LiquidityAccount holds the protocol-owned liquidity created at
	// graduation (MT bucket + a share of the raised FLOCK). Locked forever.
	LiquidityAccount = "mt_liquidity"
	// IncentivesAccount holds each model's MT incentive allocation; the
	// per-model ledger is ModelToken.incentive_pool.
	IncentivesAccount = "mt_incentives"
	// VestingAccount holds issuers' MT allocations until they vest and are
	// claimed with MsgClaimVested.
	VestingAccount = "mt_vesting"
	// StakingEscrowAccount holds staked and unbonding MT of every model token;
	// per denom its balance is Σ positions + Σ unbonding entries.
	StakingEscrowAccount = "mt_staking_escrow"
	// GmLockAccount holds FLOCK locked for gmFLOCK until it is unlocked
	// (minus the exit fee, which goes to the treasury).
	GmLockAccount = "gm_lock_escrow"
	// RewardsAccount holds sealed epoch rewards until users claim them:
	// minted FLOCK emissions and released reserved FLOCK and MT incentives.
	RewardsAccount = "mt_rewards"
	// RevenueAccount receives the MT bought back with model revenue; the
	// epoch hook burns what it holds (burner permission).
	RevenueAccount = "mt_revenue"
	// TreasuryAccount is the default treasury: it receives launch fees, the
	// treasury bucket, exit and protocol fees and the revenue share, and only
	// governance spends from it (MsgSpendTreasury). It is a module account of
	// its own rather than x/gov's, because x/gov's genesis import requires its
	// account to hold exactly the open deposits.
	TreasuryAccount = "flock_treasury"
	// AttesterBondsAccount holds attesters' bonds, bonded and unbonding;
	// slashes leave it for the treasury.
	AttesterBondsAccount = "mt_attester_bonds"
)

// Collection prefixes. Each prefix is used by exactly one collection; never
// reuse or renumber a prefix once a chain has stored data under it.
var (
	ParamsKey          = collections.NewPrefix(0)
	ModelTypesKey      = collections.NewPrefix(1)
	LaunchSeqKey       = collections.NewPrefix(2)
	LaunchesKey        = collections.NewPrefix(3)
	LaunchDeadlinesKey = collections.NewPrefix(4)
	LaunchSymbolsKey   = collections.NewPrefix(5)
	ClaimsKey          = collections.NewPrefix(6)
	ModelTokensKey     = collections.NewPrefix(7)
	VestingsKey        = collections.NewPrefix(8)
	LaunchesByStatus   = collections.NewPrefix(9)
	EpochKey           = collections.NewPrefix(10)
	PositionsKey       = collections.NewPrefix(11)
	PositionsByDenom   = collections.NewPrefix(12)
	ModelStakesKey     = collections.NewPrefix(13)
	UnbondingSeqKey    = collections.NewPrefix(14)
	UnbondingsKey      = collections.NewPrefix(15)
	UnbondingQueueKey  = collections.NewPrefix(16)
	UnbondingsByOwner  = collections.NewPrefix(17)
	DiscountsKey       = collections.NewPrefix(18)
	GmLockSeqKey       = collections.NewPrefix(19)
	GmLocksKey         = collections.NewPrefix(20)
	GmLocksByOwner     = collections.NewPrefix(21)
	GmTotalsKey        = collections.NewPrefix(22)
	EpochStartsKey     = collections.NewPrefix(23)
	UsageBatchesKey    = collections.NewPrefix(24)
	PendingRowsKey     = collections.NewPrefix(25)
	UsageByUserKey     = collections.NewPrefix(26)
	ModelUsagesKey     = collections.NewPrefix(27)
	EpochUsageKey      = collections.NewPrefix(28)
	GmSnapshotsKey     = collections.NewPrefix(29)
	RewardIndexKey     = collections.NewPrefix(30)
	IncentivesKey      = collections.NewPrefix(31)
	EpochRewardsKey    = collections.NewPrefix(32)
	EpochSummariesKey  = collections.NewPrefix(33)
	NextSettleKey      = collections.NewPrefix(34)
	RevenueKey         = collections.NewPrefix(35)
	PendingBurnsKey    = collections.NewPrefix(36)
	LockCountsKey      = collections.NewPrefix(37)
	IncentiveDeltasKey = collections.NewPrefix(38)
	ExpiredEpochsKey   = collections.NewPrefix(39)
	PoolOraclesKey     = collections.NewPrefix(40)
	PriceObsKey        = collections.NewPrefix(41)
	PendingBuybacksKey = collections.NewPrefix(42)
	BuybackCursorKey   = collections.NewPrefix(43)
	AttesterBondsKey   = collections.NewPrefix(44)
	AttesterUnbondKey  = collections.NewPrefix(45)
	EvidenceSeqKey     = collections.NewPrefix(46)
	EvidenceKey        = collections.NewPrefix(47)
	AttesterSpendKey   = collections.NewPrefix(48)
	SettleProgressKey  = collections.NewPrefix(49)
	StakeCheckpointKey = collections.NewPrefix(50)
	PendingCountsKey   = collections.NewPrefix(51)
)

// Supply facts of every model token.
const (
	// MTExponent is the exponent from a model token's base denom to its symbol.
	MTExponent = 6
	// DenomPrefix starts every model token's base denom: "mt/<symbol lowercase>".
	DenomPrefix = "mt/"
)
