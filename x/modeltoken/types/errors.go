package types

import errorsmod "cosmossdk.io/errors"

// Registered errors of x/modeltoken. Codes start at 2 (1 is reserved by the
// SDK for internal errors) and are never renumbered.
var (
	ErrInvalidAuthority   = errorsmod.Register(ModuleName, 2, "invalid authority")
	ErrInvalidParams      = errorsmod.Register(ModuleName, 3, "invalid params")
	ErrInvalidGenesis     = errorsmod.Register(ModuleName, 4, "invalid genesis")
	ErrInvalidAddress     = errorsmod.Register(ModuleName, 5, "invalid address")
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
	ErrInsufficientFunds  = errorsmod.Register(ModuleName, 24, "insufficient funds")
	ErrRaiseFull          = errorsmod.Register(ModuleName, 25, "raise is full")
)
