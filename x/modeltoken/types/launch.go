package types

import (
	"regexp"
	"strings"
	"unicode/utf8"

	errorsmod "cosmossdk.io/errors"
)

var symbolRe = regexp.MustCompile(`^[A-Z][A-Z0-9]{2,9}$`)

// Metadata length bounds keep state small; a model's full card lives off chain.
const (
	MaxNameLen        = 64
	MaxDescriptionLen = 512
	MaxModelIDLen     = 128
)

// ValidateSymbol checks the $MT symbol format: 3-10 chars, A-Z and 0-9,
// starting with a letter. FLOCK is reserved.
func ValidateSymbol(symbol string) error {
	if !symbolRe.MatchString(symbol) {
		return errorsmod.Wrapf(ErrInvalidLaunch, "symbol %q: want 3-10 chars of A-Z and 0-9, starting with a letter", symbol)
	}
	if symbol == "FLOCK" || symbol == "GMFLOCK" {
		return errorsmod.Wrapf(ErrInvalidLaunch, "symbol %q is reserved", symbol)
	}
	return nil
}

// DenomForSymbol is the bank base denom of a model token.
func DenomForSymbol(symbol string) string {
	return DenomPrefix + strings.ToLower(symbol)
}

// ValidateLaunchMetadata checks the free-text fields of a launch.
func ValidateLaunchMetadata(name, description, modelID string) error {
	switch {
	case strings.TrimSpace(name) == "" || utf8.RuneCountInString(name) > MaxNameLen:
		return errorsmod.Wrapf(ErrInvalidLaunch, "name must be 1-%d characters", MaxNameLen)
	case utf8.RuneCountInString(description) > MaxDescriptionLen:
		return errorsmod.Wrapf(ErrInvalidLaunch, "description longer than %d characters", MaxDescriptionLen)
	case strings.TrimSpace(modelID) == "" || len(modelID) > MaxModelIDLen:
		return errorsmod.Wrapf(ErrInvalidLaunch, "model_id must be 1-%d bytes", MaxModelIDLen)
	}
	return nil
}
