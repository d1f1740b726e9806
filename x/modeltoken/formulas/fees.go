package formulas

import (
	"cosmossdk.io/math"

	"github.com/flockchain/flockd/x/modeltoken/types"
)

// CeilBps returns ⌈x × bps / 10000⌉: the protocol's side of a fee is
// rounded up, against the payer.
func CeilBps(x math.Int, bps uint32) math.Int {
	num := x.MulRaw(int64(bps))
	q := num.QuoRaw(types.BpsDenominator)
	if !num.ModRaw(types.BpsDenominator).IsZero() {
		q = q.AddRaw(1)
	}
	return q
}
