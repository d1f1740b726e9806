package keeper_test

import (
	"fmt"
	"testing"

	errorsmod "cosmossdk.io/errors"
	"cosmossdk.io/math"

	sdk "github.com/cosmos/cosmos-sdk/types"

	"github.com/flockchain/flockd/testutil"
	"github.com/flockchain/flockd/x/modeltoken/types"
)

// fuzzMsgKinds is how many message types FuzzMsgServer builds.
const fuzzMsgKinds = 20

// fuzzMsg builds message kind%fuzzMsgKinds from fuzzed fields. Amounts
// bypass coin validation (negative, zero, odd denoms), as a decoded tx can.
func fuzzMsg(kind uint8, addr, text, amount string, id uint64, n uint32) sdk.Msg {
	amt, ok := math.NewIntFromString(amount)
	if !ok {
		amt = math.ZeroInt()
	}
	coin := sdk.Coin{Denom: text, Amount: amt}
	switch kind % fuzzMsgKinds {
	case 0:
		return &types.MsgCreateLaunch{Creator: addr, ModelType: text, Name: text, Symbol: text, ModelId: text, PayoutAddress: addr, BundleFlock: amt}
	case 1:
		return &types.MsgBuy{Buyer: addr, LaunchId: id, FlockIn: coin, MinMtOut: amt}
	case 2:
		return &types.MsgGraduate{Sender: addr, LaunchId: id}
	case 3:
		return &types.MsgClaimLaunch{Supporter: addr, LaunchId: id}
	case 4:
		return &types.MsgClaimVested{Beneficiary: addr, LaunchId: id}
	case 5:
		return &types.MsgStake{Staker: addr, Amount: coin}
	case 6:
		return &types.MsgUnstake{Staker: addr, Amount: coin}
	case 7:
		return &types.MsgLock{Owner: addr, Amount: coin, DurationDays: n}
	case 8:
		return &types.MsgUnlock{Owner: addr, LockId: id}
	case 9:
		return &types.MsgSubmitUsage{Attester: addr, Epoch: id, Denom: text, BatchId: text,
			Rows: []types.UsageRow{{User: addr, Spend: uint64(n)}}}
	case 10:
		return &types.MsgClaimRewards{Claimer: addr, Denom: text}
	case 11:
		return &types.MsgFundIncentive{Funder: addr, Denom: text, Amount: coin}
	case 12:
		return &types.MsgSwap{Trader: addr, Denom: text, TokenIn: coin, MinOut: amt}
	case 13:
		return &types.MsgDepositRevenue{Reporter: addr, Denom: text, Amount: coin}
	case 14:
		return &types.MsgSpendTreasury{Authority: addr, Recipient: addr, Amount: sdk.Coins{coin}}
	case 15:
		return &types.MsgUpdateParams{Authority: addr}
	case 16:
		return &types.MsgSetDiscountTiers{Authority: addr, Denom: text,
			Tiers: []types.DiscountTier{{MinStaked: amt, DiscountBps: n}}}
	case 17:
		return &types.MsgWithdrawUnbonded{Owner: addr, Denom: text}
	case 18:
		return &types.MsgCancelUnbonding{Owner: addr, UnbondingId: id, Amount: coin}
	default:
		return &types.MsgUpsertModelType{Authority: addr, ModelType: types.ModelType{Id: text, RaiseMin: amt, RaiseMax: amt}}
	}
}

// FuzzMsgServer sends every x/modeltoken message with fuzzed fields through
// the msg service router of a real app holding a live model token: it must
// never panic, and every rejection must be a registered, typed error (never
// the SDK's "undefined" internal error).
func FuzzMsgServer(f *testing.F) {
	fx := newFixture(f)
	denom := fx.liveToken(f, "FUZ")
	good := []string{fx.Accounts[0].String(), fx.Accounts[1].String(), testutil.GovAuthority(), "flock1nope", ""}
	for kind := uint8(0); kind < fuzzMsgKinds; kind++ {
		for i, addr := range good {
			f.Add(kind, addr, denom, "1000000", uint64(1), uint32(30+i))
		}
		f.Add(kind, good[0], "uflock", "-5", uint64(0), uint32(0))
		f.Add(kind, good[1], "MT/!!", "115792089237316195423570985008687907853269984665640564039457584007913129639935", uint64(1<<63), uint32(1<<31))
		// Huge amounts in valid denoms, from a funded account, reach the
		// arithmetic unless bounded first: 2^63, 2^128 and 2^256−1.
		for _, huge := range []string{"9223372036854775808", "340282366920938463463374607431768211456",
			"115792089237316195423570985008687907853269984665640564039457584007913129639935"} {
			for _, d := range []string{"uflock", denom} {
				f.Add(kind, good[0], d, huge, uint64(1), uint32(30))
			}
		}
	}
	router := fx.MsgServiceRouter()
	f.Fuzz(func(t *testing.T, kind uint8, addr, text, amount string, id uint64, n uint32) {
		msg := fuzzMsg(kind, addr, text, amount, id, n)
		handler := router.Handler(msg)
		if handler == nil {
			t.Fatalf("no handler for %T", msg)
		}
		ctx, _ := fx.Ctx.CacheContext()
		_, err := func() (res *sdk.Result, err error) {
			defer func() {
				if r := recover(); r != nil {
					err = fmt.Errorf("panic: %v", r)
					t.Fatalf("%T panicked: %v", msg, r)
				}
			}()
			return handler(ctx, msg)
		}()
		if err != nil {
			if codespace, code, _ := errorsmod.ABCIInfo(err, false); codespace == errorsmod.UndefinedCodespace || code == 1 {
				t.Fatalf("%T: untyped error %v", msg, err)
			}
		}
	})
}
