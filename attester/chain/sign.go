package chain

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"strings"

	"cosmossdk.io/math"

	"github.com/cosmos/cosmos-sdk/client"
	clienttx "github.com/cosmos/cosmos-sdk/client/tx"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/tx/signing"
)

func (c *Client) factory(num, seq, gas uint64) clienttx.Factory {
	f := clienttx.Factory{}.WithChainID(c.chainID).WithKeybase(c.keyring).WithTxConfig(c.txConfig).
		WithAccountNumber(num).WithSequence(seq).WithGas(gas).WithSignMode(signing.SignMode_SIGN_MODE_DIRECT).
		WithSimulateAndExecute(false)
	if gas > 0 && c.gasPrice.IsPositive() {
		fee := c.gasPrice.Amount.MulInt64(int64(gas)).Ceil().TruncateInt()
		f = f.WithFees(sdk.NewCoin(c.gasPrice.Denom, math.Int(fee)).String())
	}
	return f
}

func signTx(ctx context.Context, f clienttx.Factory, keyName string, b client.TxBuilder) error {
	return clienttx.Sign(ctx, f, keyName, b, true)
}

// TxHash is a transaction's CometBFT hash: upper-case hex sha256 of its
// bytes.
func TxHash(bz []byte) string {
	h := sha256.Sum256(bz)
	return strings.ToUpper(hex.EncodeToString(h[:]))
}
