package types

import (
	errorsmod "cosmossdk.io/errors"

	"cosmossdk.io/core/address"
)

// DefaultGenesis returns the default genesis with the given treasury, which
// the app sets to the gov module account so that a fresh chain validates.
func DefaultGenesis(treasury string) *GenesisState {
	p := DefaultParams()
	p.Treasury = treasury
	return &GenesisState{Params: p}
}

// Validate checks the genesis state as a whole.
func (gs GenesisState) Validate(ac address.Codec) error {
	if err := gs.Params.Validate(ac); err != nil {
		return errorsmod.Wrap(ErrInvalidGenesis, err.Error())
	}
	return nil
}
