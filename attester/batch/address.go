package batch

import (
	"fmt"

	"github.com/cosmos/cosmos-sdk/types/bech32"
)

// CanonicalAddress returns Rules.Canonical for a chain's account prefix: an
// address decodes if it is bech32 with that prefix and a 20- or 32-byte
// payload, and its canonical spelling is the lower-case one the chain
// writes. (Bech32 also accepts an all-upper-case spelling: the same
// account, but not the string the chain stores, so it is quarantined rather
// than silently rewritten.)
func CanonicalAddress(prefix string) func(string) (string, error) {
	return func(addr string) (string, error) {
		hrp, bz, err := bech32.DecodeAndConvert(addr)
		if err != nil {
			return "", err
		}
		if hrp != prefix {
			return "", fmt.Errorf("prefix %q, want %q", hrp, prefix)
		}
		if len(bz) != 20 && len(bz) != 32 {
			return "", fmt.Errorf("%d-byte address", len(bz))
		}
		return bech32.ConvertAndEncode(prefix, bz)
	}
}
