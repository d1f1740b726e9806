package app

import (
	"fmt"

	cmtcrypto "github.com/cometbft/cometbft/crypto"
	cmtbytes "github.com/cometbft/cometbft/libs/bytes"
	cmtproto "github.com/cometbft/cometbft/proto/tendermint/types"

	corestore "cosmossdk.io/core/store"
	"cosmossdk.io/math"

	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	"github.com/cosmos/cosmos-sdk/crypto/keys/ed25519"
	sdk "github.com/cosmos/cosmos-sdk/types"
	distrtypes "github.com/cosmos/cosmos-sdk/x/distribution/types"
	slashingtypes "github.com/cosmos/cosmos-sdk/x/slashing/types"
	stakingtypes "github.com/cosmos/cosmos-sdk/x/staking/types"
	upgradetypes "github.com/cosmos/cosmos-sdk/x/upgrade/types"

	modeltokentypes "github.com/flockchain/flockd/x/modeltoken/types"
)

// TestnetFunds is what `flockd in-place-testnet` mints to the new operator,
// so it can send transactions (governance deposits, upgrade proposals) on
// the rehearsal chain: 1,000,000 FLOCK.
var TestnetFunds = math.NewInt(1_000_000_000_000)

// testnetValidatorTokens is the new validator's bonded stake: more than any
// chain's whole supply of FLOCK needs, so it alone has all the voting power.
var testnetValidatorTokens = math.NewInt(900_000_000_000_000)

// InitForTestnet turns an application loaded from exported or copied state
// into a one-validator rehearsal chain (`flockd in-place-testnet`): the
// validator set becomes the node's own key (operator newOperator), with
// its distribution and slashing records; the operator gets TestnetFunds;
// and, if upgrade names one, that upgrade is scheduled for the next block,
// to rehearse its migrations on real state. Everything else — every model
// token, position, reward and batch — stays as it was. CometBFT's side (the
// chain id, the validator set in its stores) is done by the SDK's command.
func (app *FlockApp) InitForTestnet(valAddr cmtbytes.HexBytes, valPubKey cmtcrypto.PubKey, newOperator, upgrade string) error {
	ctx := app.NewUncachedContext(true, cmtproto.Header{})
	opAcc, err := sdk.AccAddressFromBech32(newOperator)
	if err != nil {
		return fmt.Errorf("operator address %q: %w", newOperator, err)
	}
	valOp := sdk.ValAddress(opAcc)
	pubkeyAny, err := codectypes.NewAnyWithValue(&ed25519.PubKey{Key: valPubKey.Bytes()})
	if err != nil {
		return err
	}
	valOpStr, err := app.StakingKeeper.ValidatorAddressCodec().BytesToString(valOp)
	if err != nil {
		return err
	}
	newVal := stakingtypes.Validator{
		OperatorAddress: valOpStr,
		ConsensusPubkey: pubkeyAny,
		Status:          stakingtypes.Bonded,
		Tokens:          testnetValidatorTokens,
		DelegatorShares: math.LegacyNewDecFromInt(testnetValidatorTokens),
		Description:     stakingtypes.Description{Moniker: "in-place testnet validator"},
		Commission: stakingtypes.NewCommission(math.LegacyNewDecWithPrec(5, 2), math.LegacyNewDecWithPrec(10, 2),
			math.LegacyNewDecWithPrec(5, 2)),
		MinSelfDelegation: math.OneInt(),
	}

	// Staking: the old validators leave the power index and the last
	// validator set; the new one is the whole set.
	stakingStore := ctx.KVStore(app.GetKey(stakingtypes.StoreKey))
	for _, open := range []func() (corestore.Iterator, error){
		func() (corestore.Iterator, error) { return app.StakingKeeper.ValidatorsPowerStoreIterator(ctx) },
		func() (corestore.Iterator, error) { return app.StakingKeeper.LastValidatorsIterator(ctx) },
	} {
		it, err := open()
		if err != nil {
			return err
		}
		var keys [][]byte
		for ; it.Valid(); it.Next() {
			keys = append(keys, it.Key())
		}
		if err := it.Close(); err != nil {
			return err
		}
		for _, k := range keys {
			stakingStore.Delete(k)
		}
	}
	if err := app.StakingKeeper.SetValidator(ctx, newVal); err != nil {
		return err
	}
	if err := app.StakingKeeper.SetValidatorByConsAddr(ctx, newVal); err != nil {
		return err
	}
	if err := app.StakingKeeper.SetValidatorByPowerIndex(ctx, newVal); err != nil {
		return err
	}
	if err := app.StakingKeeper.SetLastValidatorPower(ctx, valOp, 0); err != nil {
		return err
	}
	if err := app.StakingKeeper.Hooks().AfterValidatorCreated(ctx, valOp); err != nil {
		return err
	}

	// Distribution: the new validator's reward records.
	if err := app.DistrKeeper.SetValidatorHistoricalRewards(ctx, valOp, 0, distrtypes.NewValidatorHistoricalRewards(sdk.DecCoins{}, 1)); err != nil {
		return err
	}
	if err := app.DistrKeeper.SetValidatorCurrentRewards(ctx, valOp, distrtypes.NewValidatorCurrentRewards(sdk.DecCoins{}, 1)); err != nil {
		return err
	}
	if err := app.DistrKeeper.SetValidatorAccumulatedCommission(ctx, valOp, distrtypes.InitialValidatorAccumulatedCommission()); err != nil {
		return err
	}
	if err := app.DistrKeeper.SetValidatorOutstandingRewards(ctx, valOp, distrtypes.ValidatorOutstandingRewards{Rewards: sdk.DecCoins{}}); err != nil {
		return err
	}

	// Slashing: the new validator's signing info, so it is not jailed for
	// the blocks it "missed" before the rehearsal.
	consAddr := sdk.ConsAddress(valAddr.Bytes())
	if err := app.SlashingKeeper.SetValidatorSigningInfo(ctx, consAddr,
		slashingtypes.NewValidatorSigningInfo(consAddr, app.LastBlockHeight(), 0, ctx.BlockTime(), false, 0)); err != nil {
		return err
	}

	// Bank: funds for the operator (minted by x/modeltoken, which may mint).
	funds := sdk.NewCoins(sdk.NewCoin(BondDenom, TestnetFunds))
	if err := app.BankKeeper.MintCoins(ctx, modeltokentypes.ModuleName, funds); err != nil {
		return err
	}
	if err := app.BankKeeper.SendCoinsFromModuleToAccount(ctx, modeltokentypes.ModuleName, opAcc, funds); err != nil {
		return err
	}

	// Upgrade: rehearse a named upgrade on this state at the next block.
	if upgrade != "" {
		if err := app.UpgradeKeeper.ScheduleUpgrade(ctx, upgradetypes.Plan{Name: upgrade, Height: app.LastBlockHeight() + 1}); err != nil {
			return fmt.Errorf("scheduling upgrade %s: %w", upgrade, err)
		}
	}
	return nil
}
