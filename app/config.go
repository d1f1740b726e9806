package app

import (
	"os"

	sdk "github.com/cosmos/cosmos-sdk/types"
)

const (
	// AppName is the name reported by the node's ABCI info.
	AppName = "flockd"

	// AccountAddressPrefix is the bech32 prefix of account addresses.
	AccountAddressPrefix = "flock"

	// BondDenom is the base denom of $FLOCK: the staking, fee and launch denom.
	BondDenom = "uflock"
	// DisplayDenom is the human unit of $FLOCK (1 FLOCK = 10^6 uflock).
	DisplayDenom = "FLOCK"
	// DenomExponent is the exponent from BondDenom to DisplayDenom.
	DenomExponent = 6
)

var (
	ValidatorAddressPrefix = AccountAddressPrefix + sdk.PrefixValidator + sdk.PrefixOperator
	ConsensusAddressPrefix = AccountAddressPrefix + sdk.PrefixValidator + sdk.PrefixConsensus

	// DefaultNodeHome is where `flockd` keeps config, data and keys by
	// default: $FLOCKD_HOME if set (e.g. the localnet's home, so commands
	// work without --home), else ~/.flockd.
	DefaultNodeHome = defaultNodeHome()
)

func defaultNodeHome() string {
	if h := os.Getenv("FLOCKD_HOME"); h != "" {
		return h
	}
	return os.ExpandEnv("$HOME/.flockd")
}

func init() {
	SetAddressPrefixes()
	sdk.DefaultBondDenom = BondDenom
}

// SetAddressPrefixes points the SDK's global bech32 config at flock prefixes.
// Parts of the SDK (keyring output, sdk.AccAddress.String) still read it.
func SetAddressPrefixes() {
	cfg := sdk.GetConfig()
	cfg.SetBech32PrefixForAccount(AccountAddressPrefix, AccountAddressPrefix+sdk.PrefixPublic)
	cfg.SetBech32PrefixForValidator(ValidatorAddressPrefix, ValidatorAddressPrefix+sdk.PrefixPublic)
	cfg.SetBech32PrefixForConsensusNode(ConsensusAddressPrefix, ConsensusAddressPrefix+sdk.PrefixPublic)
}
