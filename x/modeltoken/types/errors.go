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
// every module.
var (
	ErrInvalidAuthority   = errorsmod.Register(ModuleName, 2, "invalid authority")
	ErrInvalidParams      = errorsmod.Register(ModuleName, 3, "invalid params")
	ErrInvalidGenesis     = errorsmod.Register(ModuleName, 4, "invalid genesis")
	ErrInvalidModelType   = errorsmod.Register(ModuleName, 6, "invalid model type")
	ErrUnknownModelType   = errorsmod.Register(ModuleName, 7, "unknown model type")
	ErrInvalidLaunch      = errorsmod.Register(ModuleName, 8, "invalid launch")
	ErrSymbolTaken        = errorsmod.Register(ModuleName, 9, "symbol already in use")
	ErrUnknownLaunch      = errorsmod.Register(ModuleName, 10, "unknown launch")
	ErrInvalidAmount      = errorsmod.Register(ModuleName, 11, "invalid amount")
	ErrInvalidDenom       = errorsmod.Register(ModuleName, 12, "invalid denom")
	ErrLaunchNotRaising   = errorsmod.Register(ModuleName, 13, "launch is not raising")
	ErrRaiseWindowClosed  = errorsmod.Register(ModuleName, 14, "raise window has ended")
	ErrSlippage           = errorsmod.Register(ModuleName, 15, "slippage limit exceeded")
	ErrBundleTooLarge     = errorsmod.Register(ModuleName, 16, "bundled buy above the bound")
	ErrGraduationTooEarly = errorsmod.Register(ModuleName, 17, "raise window has not ended")
	ErrBelowMinimum       = errorsmod.Register(ModuleName, 18, "raised below the minimum")
	ErrLaunchNotSettled   = errorsmod.Register(ModuleName, 19, "launch is not settled yet")
	ErrNoClaim            = errorsmod.Register(ModuleName, 20, "no claim in this launch")
	ErrAlreadyClaimed     = errorsmod.Register(ModuleName, 21, "already claimed")
	ErrNothingToClaim     = errorsmod.Register(ModuleName, 22, "nothing to claim")
	ErrUnknownModelToken  = errorsmod.Register(ModuleName, 23, "unknown model token")
	ErrRaiseFull          = errorsmod.Register(ModuleName, 25, "raise is full")
	ErrNoPosition         = errorsmod.Register(ModuleName, 26, "no staking position")
	ErrInsufficientStake  = errorsmod.Register(ModuleName, 27, "unstake exceeds staked amount")
	ErrInvalidLockTime    = errorsmod.Register(ModuleName, 28, "invalid lock duration")
	ErrTooManyLocks       = errorsmod.Register(ModuleName, 29, "too many locks for one account")
	ErrUnknownLock        = errorsmod.Register(ModuleName, 30, "unknown lock")
	ErrNotLockOwner       = errorsmod.Register(ModuleName, 31, "not the lock owner")
	ErrLockNotExpired     = errorsmod.Register(ModuleName, 32, "lock has not expired")
	ErrInvalidTiers       = errorsmod.Register(ModuleName, 33, "invalid discount tiers")
	ErrModelTokenNotLive  = errorsmod.Register(ModuleName, 34, "model token is not live yet")
	ErrNotAttester        = errorsmod.Register(ModuleName, 35, "signer is not an attester")
	ErrEpochNotOpen       = errorsmod.Register(ModuleName, 36, "epoch has not started")
	ErrEpochSealed        = errorsmod.Register(ModuleName, 37, "epoch usage is sealed")
	ErrInvalidBatch       = errorsmod.Register(ModuleName, 38, "invalid usage batch")
	ErrDuplicateBatch     = errorsmod.Register(ModuleName, 39, "batch already submitted by this attester")
	ErrContentMismatch    = errorsmod.Register(ModuleName, 40, "batch content differs from the posted content")
	ErrUsageCapExceeded   = errorsmod.Register(ModuleName, 41, "model usage cap for the epoch exceeded")
	ErrNoRewards          = errorsmod.Register(ModuleName, 42, "no rewards to claim")
	ErrPoolNotSeeded      = errorsmod.Register(ModuleName, 43, "pool not seeded")
	ErrDeadlinePassed     = errorsmod.Register(ModuleName, 44, "swap deadline passed")
	ErrPoolDrained        = errorsmod.Register(ModuleName, 45, "swap would drain the pool")
	ErrNotRevenueReporter = errorsmod.Register(ModuleName, 46, "signer is not a revenue reporter")
	ErrNotBeneficiary     = errorsmod.Register(ModuleName, 47, "signer is not the vesting beneficiary")
	ErrTooManyUnbondings  = errorsmod.Register(ModuleName, 48, "too many open unbonding entries")
	ErrUnknownUnbonding   = errorsmod.Register(ModuleName, 49, "unknown unbonding entry")
	ErrNotUnbondingOwner  = errorsmod.Register(ModuleName, 50, "not the unbonding entry's owner")
	ErrUnbondingMatured   = errorsmod.Register(ModuleName, 51, "unbonding entry has matured")
	// Attestation trust (#15).
	ErrAttesterInactive = errorsmod.Register(ModuleName, 52, "attester is not active (jailed or bonded below attester_min_bond)")
	ErrNotGuardian      = errorsmod.Register(ModuleName, 53, "signer is neither governance nor a guardian")
	ErrBatchVoided      = errorsmod.Register(ModuleName, 54, "usage batch is voided")
	ErrAttesterShare    = errorsmod.Register(ModuleName, 55, "attester would open more than max_attester_share_bps of the model's cap")
	ErrUnknownBatch     = errorsmod.Register(ModuleName, 56, "unknown usage batch")
	ErrInsufficientBond = errorsmod.Register(ModuleName, 57, "bond too small")
)
