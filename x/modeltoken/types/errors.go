package types

import errorsmod "cosmossdk.io/errors"

// Registered errors of x/modeltoken. Codes start at 2 (1 is reserved by the
// SDK for internal errors) and are never renumbered.
var (
	ErrInvalidAuthority = errorsmod.Register(ModuleName, 2, "invalid authority")
	ErrInvalidParams    = errorsmod.Register(ModuleName, 3, "invalid params")
	ErrInvalidGenesis   = errorsmod.Register(ModuleName, 4, "invalid genesis")
)
