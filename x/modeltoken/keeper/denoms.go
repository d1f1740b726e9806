package keeper

import (
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/flockchain/flockd/x/modeltoken/types"
)

// symbolOfDenom is the launch symbol a model-token denom was made from
// ("mt/llama" → "LLAMA"), or "" for a denom without the model-token prefix.
func symbolOfDenom(denom string) string {
	if len(denom) <= len(types.DenomPrefix) || denom[:len(types.DenomPrefix)] != types.DenomPrefix {
		return ""
	}
	out := []byte(denom[len(types.DenomPrefix):])
	for i, c := range out {
		if c >= 'a' && c <= 'z' {
			out[i] = c - 'a' + 'A'
		}
	}
	return string(out)
}

// flock is amount of FLOCK as coins.
func (k Keeper) flock(amount math.Int) sdk.Coins {
	return sdk.NewCoins(sdk.NewCoin(k.flockDenom, amount))
}
