package keeper_test

import (
	"testing"
)

// productionDefaults makes newFixture return a fixture with the params the
// chain ships with (dispute window, attester bonds, every floor) instead of
// the convenient ones. Only TestAdversarialUnderProductionDefaults sets it,
// for the sequential subtests it runs (parallel tests start after it ends).
var productionDefaults bool

// TestAdversarialUnderProductionDefaults reruns the adversarial tests with
// the production default params: the first review's high finding slipped
// through because the fixture ran with dispute_window = 0 and the floors
// off. Each attack must be defended under the params the chain ships with.
// Not here yet: the incentive-griefing, small-reserve, cancel-unbonding,
// order-dependent multiplier and dust-farming tests, whose setups use
// amounts below the default floors or an unbonded attester (they need
// setups of their own).
func TestAdversarialUnderProductionDefaults(t *testing.T) {
	productionDefaults = true
	defer func() { productionDefaults = false }()
	// A slice, not a map: subtests run in the same order every time.
	for _, tc := range []struct {
		name string
		test func(*testing.T)
	}{
		{"DustUnstakes", TestAttackDustUnstakes},
		{"DustPositions", TestAttackDustPositions},
		{"AlphaZero", TestAttackAlphaZero},
		{"UppercaseDuplicates", TestAttackUppercaseDuplicates},
		{"HugeAmounts", TestAttackHugeAmounts},
		{"PendingBatchFlood", TestAttackPendingBatchFlood},
		{"CompromisedAttester", TestCompromisedAttester},
		{"EquivocationIsSlashedOnce", TestEquivocationIsSlashedOnce},
		{"GuardianIsBounded", TestGuardianIsBounded},
		{"PumpIsNotSpread", TestPumpIsNotSpreadOverTheHour},
		{"TradeCannotMoveItsTwap", TestTradeCannotMoveItsOwnBlocksTwap},
		{"BatchIDsScopedPerModel", TestBatchIDsAreScopedPerModel},
		{"BatchIDSquatting", TestBatchIDSquattingDelaysNothing},
		{"VoidingTheSquat", TestVoidingTheSquatDoesNotBurnTheID},
	} {
		t.Run(tc.name, tc.test)
	}
}
