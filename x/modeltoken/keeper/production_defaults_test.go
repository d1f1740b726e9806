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
// off. Each attack must be defended under the params the chain ships with:
// every keeper test of the module README's "Adversarial defences" table
// runs here, and the property tests (the finality ones build this fixture
// themselves). Their setups keep amounts above the floors, and withAttesters
// bonds attester_min_bond for each attester, so they pass under both
// fixtures.
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
		{"IncentiveGriefing", TestAttackIncentiveGriefing},
		{"IncentiveReserveSmall", TestIncentiveReserveSmallerThanSteps},
		{"CancelUnbonding", TestCancelUnbonding},
		{"OrderDependentMultiplier", TestAttackOrderDependentMultiplier},
		{"DustFarming", TestAttackDustFarming},
		{"AttesterMessagesReject", TestAttesterMessagesReject},
		{"BuybackBuysWhatDirectSwapsWould", TestBuybackBuysWhatDirectSwapsWould},
		{"BuybackDustIsBurned", TestBuybackDustIsBurned},
		{"BuybackServesModelsRoundRobin", TestBuybackServesModelsRoundRobin},
		{"BuybackSlicesStayWithinBounds", TestBuybackSlicesStayWithinBounds},
		{"ClaimRemovesPaidRecords", TestClaimRemovesPaidRecords},
		{"DisputableBatchesPages", TestDisputableBatchesPages},
		{"EstimateRewardsIsTheRewardWhenNobodyElseActs", TestEstimateRewardsIsTheRewardWhenNobodyElseActs},
		{"ExpirySweepIsBounded", TestExpirySweepIsBounded},
		{"GlobalPayoutNeverExceedsExactShare", TestGlobalPayoutNeverExceedsExactShare},
		{"HoldingThePriceUpMakesTheBuybackWait", TestHoldingThePriceUpMakesTheBuybackWait},
		{"HonestAttestersAreNeverSlashed", TestHonestAttestersAreNeverSlashed},
		{"IssuerBundleAloneCannotGraduate", TestIssuerBundleAloneCannotGraduate},
		{"IssuerFillingTheRaiseDoesNotGraduate", TestIssuerFillingTheRaiseDoesNotGraduate},
		{"LastBuyerSellsAtPoolOpenLosesAtMostTheFees", TestLastBuyerSellsAtPoolOpenLosesAtMostTheFees},
		{"OnlyOutsideBuysCountTowardTheMinimum", TestOnlyOutsideBuysCountTowardTheMinimum},
		{"PoolOpensAtTheCurvesFinalPrice", TestPoolOpensAtTheCurvesFinalPrice},
		{"SandwichingTheBuybackLoses", TestSandwichingTheBuybackLoses},
		{"SettlementWaitsForTheDisputeWindow", TestSettlementWaitsForTheDisputeWindow},
		{"UnbondingDoesNotEscapeASlash", TestUnbondingDoesNotEscapeASlash},
		{"UnclaimedRewardsExpire", TestUnclaimedRewardsExpire},
		{"BeginBlockerSurvivesAPanickingStep", TestBeginBlockerSurvivesAPanickingStep},
		{"ValidateGenesisRejectsEveryCorruptSection", TestValidateGenesisRejectsEveryCorruptSection},
		{"PumpIsNotSpread", TestPumpIsNotSpreadOverTheHour},
		{"TradeCannotMoveItsTwap", TestTradeCannotMoveItsOwnBlocksTwap},
		{"BatchIDsScopedPerModel", TestBatchIDsAreScopedPerModel},
		{"BatchIDSquatting", TestBatchIDSquattingDelaysNothing},
		{"VoidingTheSquat", TestVoidingTheSquatDoesNotBurnTheID},
	} {
		t.Run(tc.name, tc.test)
	}
}
