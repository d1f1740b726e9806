package keeper

import (
	"cosmossdk.io/math"

	"github.com/flockchain/flockd/x/modeltoken/types"
)

// SealForTest builds the sealed reward of one model from usage records, as
// ingest and settlement would (tests only).
func SealForTest(recs []types.UsageRecord, pool math.Int, alpha math.LegacyDec) types.EpochModelReward {
	mu := newModelUsage(1, "mt/test")
	s := math.ZeroInt()
	for _, r := range recs {
		addTerms(&mu, r, +1)
		s = s.Add(r.Stake)
	}
	return types.EpochModelReward{Epoch: 1, Denom: "mt/test", Emission: pool, ReservedFlock: pool, Mt: pool,
		SumUg: mu.SumUg, SumUgSqrtS: mu.SumUgSqrtS, SumUsg: mu.SumUsg, StakeTotal: s, Alpha: alpha,
		PaidFlock: math.ZeroInt(), PaidMt: math.ZeroInt()}
}
