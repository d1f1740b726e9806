package types

import errorsmod "cosmossdk.io/errors"

// Registered errors of x/modeltoken. Codes start at 2 (1 is reserved by the
// SDK for internal errors) and are never renumbered.
//
// Codes 5 (invalid address) and 24 (insufficient funds) are retired and must
// not be reused: they duplicated the SDK's own errors, which the module now
// returns (sdkerrors.ErrInvalidAddress, code 7, and
// sdkerrors.ErrInsufficientFunds, code 5, in the "sdk" codespace), so a
// client matches a malformed address or a short balance the same way for
// every module. Code 60 (batch id taken by another model's batch) is retired
// too: since consensus version 3 batch ids are scoped per model.
var (
	ErrInvalidAuthority   = register(2, "invalid authority")
	ErrInvalidParams      = register(3, "invalid params")
	ErrInvalidGenesis     = register(4, "invalid genesis")
	ErrInvalidModelType   = register(6, "invalid model type")
	ErrUnknownModelType   = register(7, "unknown model type")
	ErrInvalidLaunch      = register(8, "invalid launch")
	ErrSymbolTaken        = register(9, "symbol already in use")
	ErrUnknownLaunch      = register(10, "unknown launch")
	ErrInvalidAmount      = register(11, "invalid amount")
	ErrInvalidDenom       = register(12, "invalid denom")
	ErrLaunchNotRaising   = register(13, "launch is not raising")
	ErrRaiseWindowClosed  = register(14, "raise window has ended")
	ErrSlippage           = register(15, "slippage limit exceeded")
	ErrBundleTooLarge     = register(16, "bundled buy above the bound")
	ErrGraduationTooEarly = register(17, "raise window has not ended")
	ErrBelowMinimum       = register(18, "raised below the minimum")
	ErrLaunchNotSettled   = register(19, "launch is not settled yet")
	ErrNoClaim            = register(20, "no claim in this launch")
	ErrAlreadyClaimed     = register(21, "already claimed")
	ErrNothingToClaim     = register(22, "nothing to claim")
	ErrUnknownModelToken  = register(23, "unknown model token")
	ErrRaiseFull          = register(25, "raise is full")
	ErrNoPosition         = register(26, "no staking position")
	ErrInsufficientStake  = register(27, "unstake exceeds staked amount")
	ErrInvalidLockTime    = register(28, "invalid lock duration")
	ErrTooManyLocks       = register(29, "too many locks for one account")
	ErrUnknownLock        = register(30, "unknown lock")
	ErrNotLockOwner       = register(31, "not the lock owner")
	ErrLockNotExpired     = register(32, "lock has not expired")
	ErrInvalidTiers       = register(33, "invalid discount tiers")
	ErrModelTokenNotLive  = register(34, "model token is not live yet")
	ErrNotAttester        = register(35, "signer is not an attester")
	ErrEpochNotOpen       = register(36, "epoch has not started")
	ErrEpochSealed        = register(37, "epoch usage is sealed")
	ErrInvalidBatch       = register(38, "invalid usage batch")
	ErrDuplicateBatch     = register(39, "batch already submitted by this attester")
	ErrContentMismatch    = register(40, "batch content differs from the posted content")
	ErrUsageCapExceeded   = register(41, "model usage cap for the epoch exceeded")
	ErrNoRewards          = register(42, "no rewards to claim")
	ErrPoolNotSeeded      = register(43, "pool not seeded")
	ErrDeadlinePassed     = register(44, "swap deadline passed")
	ErrPoolDrained        = register(45, "swap would drain the pool")
	ErrNotRevenueReporter = register(46, "signer is not a revenue reporter")
	ErrNotBeneficiary     = register(47, "signer is not the vesting beneficiary")
	ErrTooManyUnbondings  = register(48, "too many open unbonding entries")
	ErrUnknownUnbonding   = register(49, "unknown unbonding entry")
	ErrNotUnbondingOwner  = register(50, "not the unbonding entry's owner")
	ErrUnbondingMatured   = register(51, "unbonding entry has matured")
	// Attestation trust.
	ErrAttesterInactive = register(52, "attester is not active (jailed or bonded below attester_min_bond)")
	ErrNotGuardian      = register(53, "signer is neither governance nor a guardian")
	ErrBatchVoided      = register(54, "usage batch is voided")
	ErrAttesterShare    = register(55, "attester would open more than max_attester_share_bps of the model's cap")
	ErrUnknownBatch     = register(56, "unknown usage batch")
	ErrInsufficientBond = register(57, "bond too small")
	// Safety round.
	ErrEpochRunning   = register(58, "epoch is still running: its batches are disputed after it ends")
	ErrTooManyPending = register(59, "attester has too many batches waiting for their quorum")
)

// Registered lists every error above, in code order, so a client can name
// the code of an error whose message reached it without one (the CLI's
// gas simulation returns only the text).
var Registered []*errorsmod.Error

func register(code uint32, description string) *errorsmod.Error {
	err := errorsmod.Register(ModuleName, code, description)
	Registered = append(Registered, err)
	return err
}
