package types_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"cosmossdk.io/math"

	"github.com/flockchain/flockd/x/modeltoken/types"
)

func TestModelTypeValidate(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(*types.ModelType)
		ok     bool
	}{
		{"default llm-small", func(*types.ModelType) {}, true},
		{"flat price curve", func(m *types.ModelType) { m.EndPriceMultipleBps = 10_000 }, true},
		{"uppercase id", func(m *types.ModelType) { m.Id = "LLM" }, false},
		{"one-letter id", func(m *types.ModelType) { m.Id = "l" }, false},
		{"min above max", func(m *types.ModelType) { m.RaiseMin = m.RaiseMax.AddRaw(1) }, false},
		{"zero max", func(m *types.ModelType) { m.RaiseMax = math.ZeroInt(); m.RaiseMin = math.ZeroInt() }, false},
		{"negative min", func(m *types.ModelType) { m.RaiseMin = math.NewInt(-1) }, false},
		{"nil max", func(m *types.ModelType) { m.RaiseMax = math.Int{} }, false},
		{"max above the FLOCK supply", func(m *types.ModelType) { m.RaiseMax = math.NewInt(1_000_000_001).MulRaw(1_000_000) }, false},
		{"allocation sums to 9999", func(m *types.ModelType) { m.Allocation.TreasuryBps-- }, false},
		{"allocation sums to 10001", func(m *types.ModelType) { m.Allocation.TreasuryBps++ }, false},
		{"no sale bucket", func(m *types.ModelType) { m.Allocation.TreasuryBps += m.Allocation.SaleBps; m.Allocation.SaleBps = 0 }, false},
		{"liquidity flock above 100%", func(m *types.ModelType) { m.LiquidityFlockBps = 10_001 }, false},
		{"falling price", func(m *types.ModelType) { m.EndPriceMultipleBps = 9_999 }, false},
		{"absurd multiple", func(m *types.ModelType) { m.EndPriceMultipleBps = 1_000_001 }, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			mt := types.DefaultModelTypes()[0]
			tc.mutate(&mt)
			err := mt.Validate()
			if tc.ok {
				require.NoError(t, err)
			} else {
				require.ErrorIs(t, err, types.ErrInvalidModelType)
			}
		})
	}
}

func TestDefaultModelTypesSaleAmount(t *testing.T) {
	for _, mt := range types.DefaultModelTypes() {
		require.NoError(t, mt.Validate())
		require.Equal(t, math.NewInt(400_000_000_000), mt.SaleAmount(), "40% of 1,000,000 MT")
	}
}

func TestSymbolAndDenom(t *testing.T) {
	require.NoError(t, types.ValidateSymbol("LLAMA3"))
	require.ErrorContains(t, types.ValidateSymbol("GMFLOCK"), "reserved")
	require.ErrorIs(t, types.ValidateSymbol("LL-AMA"), types.ErrInvalidLaunch)
	require.Equal(t, "mt/llama3", types.DenomForSymbol("LLAMA3"))
}
