package types

import (
	"github.com/cosmos/cosmos-sdk/codec"
	"github.com/cosmos/cosmos-sdk/codec/legacy"
	codectypes "github.com/cosmos/cosmos-sdk/codec/types"
	sdk "github.com/cosmos/cosmos-sdk/types"
	"github.com/cosmos/cosmos-sdk/types/msgservice"
)

// RegisterLegacyAminoCodec registers amino names so Ledger (amino-json) signing works.
func RegisterLegacyAminoCodec(cdc *codec.LegacyAmino) {
	legacy.RegisterAminoMsg(cdc, &MsgUpdateParams{}, "flock/x/modeltoken/MsgUpdateParams")
	legacy.RegisterAminoMsg(cdc, &MsgUpsertModelType{}, "flock/x/modeltoken/MsgUpsertModelType")
	legacy.RegisterAminoMsg(cdc, &MsgCreateLaunch{}, "flock/x/modeltoken/MsgCreateLaunch")
	legacy.RegisterAminoMsg(cdc, &MsgBuy{}, "flock/x/modeltoken/MsgBuy")
	legacy.RegisterAminoMsg(cdc, &MsgGraduate{}, "flock/x/modeltoken/MsgGraduate")
	legacy.RegisterAminoMsg(cdc, &MsgClaimLaunch{}, "flock/x/modeltoken/MsgClaimLaunch")
	legacy.RegisterAminoMsg(cdc, &MsgClaimVested{}, "flock/x/modeltoken/MsgClaimVested")
	legacy.RegisterAminoMsg(cdc, &MsgStake{}, "flock/x/modeltoken/MsgStake")
	legacy.RegisterAminoMsg(cdc, &MsgUnstake{}, "flock/x/modeltoken/MsgUnstake")
	legacy.RegisterAminoMsg(cdc, &MsgWithdrawUnbonded{}, "flock/x/modeltoken/MsgWithdrawUnbonded")
	legacy.RegisterAminoMsg(cdc, &MsgCancelUnbonding{}, "flock/x/modeltoken/MsgCancelUnbonding")
	legacy.RegisterAminoMsg(cdc, &MsgSetDiscountTiers{}, "flock/x/modeltoken/MsgSetDiscountTiers")
	legacy.RegisterAminoMsg(cdc, &MsgLock{}, "flock/x/modeltoken/MsgLock")
	legacy.RegisterAminoMsg(cdc, &MsgUnlock{}, "flock/x/modeltoken/MsgUnlock")
	legacy.RegisterAminoMsg(cdc, &MsgSubmitUsage{}, "flock/x/modeltoken/MsgSubmitUsage")
	legacy.RegisterAminoMsg(cdc, &MsgClaimRewards{}, "flock/x/modeltoken/MsgClaimRewards")
	legacy.RegisterAminoMsg(cdc, &MsgFundIncentive{}, "flock/x/modeltoken/MsgFundIncentive")
	legacy.RegisterAminoMsg(cdc, &MsgSwap{}, "flock/x/modeltoken/MsgSwap")
	legacy.RegisterAminoMsg(cdc, &MsgDepositRevenue{}, "flock/x/modeltoken/MsgDepositRevenue")
	legacy.RegisterAminoMsg(cdc, &MsgSpendTreasury{}, "flock/x/modeltoken/MsgSpendTreasury")
	legacy.RegisterAminoMsg(cdc, &MsgBondAttester{}, "flock/x/modeltoken/MsgBondAttester")
	legacy.RegisterAminoMsg(cdc, &MsgExtendLock{}, "flock/x/modeltoken/MsgExtendLock")
	legacy.RegisterAminoMsg(cdc, &MsgUnbondAttester{}, "flock/x/modeltoken/MsgUnbondAttester")
	legacy.RegisterAminoMsg(cdc, &MsgVoidBatch{}, "flock/x/modeltoken/MsgVoidBatch")
	legacy.RegisterAminoMsg(cdc, &MsgReinstateAttester{}, "flock/x/modeltoken/MsgReinstateAttester")
	cdc.RegisterConcrete(&Params{}, "flock/x/modeltoken/Params", nil)
}

// RegisterInterfaces registers the module's messages with the interface registry.
func RegisterInterfaces(registry codectypes.InterfaceRegistry) {
	registry.RegisterImplementations((*sdk.Msg)(nil),
		&MsgUpdateParams{},
		&MsgUpsertModelType{},
		&MsgCreateLaunch{},
		&MsgBuy{},
		&MsgGraduate{},
		&MsgClaimLaunch{},
		&MsgClaimVested{},
		&MsgStake{},
		&MsgUnstake{},
		&MsgWithdrawUnbonded{},
		&MsgCancelUnbonding{},
		&MsgSetDiscountTiers{},
		&MsgLock{},
		&MsgUnlock{},
		&MsgSubmitUsage{},
		&MsgClaimRewards{},
		&MsgFundIncentive{},
		&MsgSwap{},
		&MsgDepositRevenue{},
		&MsgSpendTreasury{},
		&MsgBondAttester{},
		&MsgExtendLock{},
		&MsgUnbondAttester{},
		&MsgVoidBatch{},
		&MsgReinstateAttester{},
	)
	msgservice.RegisterMsgServiceDesc(registry, &_Msg_serviceDesc)
}
