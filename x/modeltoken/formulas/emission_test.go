package formulas_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	"github.com/flockchain/flockd/x/modeltoken/formulas"
	"github.com/flockchain/flockd/x/modeltoken/types"
)

func TestEmissionSchedule(t *testing.T) {
	p := types.DefaultParams()
	e0 := math.NewInt(100_000_000_000)
	tests := []struct {
		epoch uint64
		want  math.Int
	}{
		{1, e0}, {29, e0},
		{30, math.NewInt(99_000_000_000)}, // one 1% step
		{60, math.NewInt(98_010_000_000)}, // two steps
	}
	for _, tc := range tests {
		require.Equal(t, tc.want, formulas.EmissionFor(p, tc.epoch), "epoch %d", tc.epoch)
	}
	// 100 steps: 1e11 · 0.99^100 = 36,603,234,127.3; each step floors, so
	// the result is at most 100 uflock below the exact value.
	got := formulas.EmissionFor(p, 3000)
	require.True(t, got.LTE(math.NewInt(36_603_234_127)) && got.GTE(math.NewInt(36_603_234_027)), "%s", got)
	require.Equal(t, math.NewInt(5), formulas.CappedEmission(p, 1, p.FlockMaxSupply.SubRaw(5)), "capped by the supply")
	require.True(t, formulas.CappedEmission(p, 1, p.FlockMaxSupply.AddRaw(1)).IsZero())
}
