// The x/modeltoken messages for CosmJS: the protobuf registry (SIGN_MODE_DIRECT)
// and the amino converters (SIGN_MODE_LEGACY_AMINO_JSON, what a Ledger signs).
import { Registry, type GeneratedType } from "@cosmjs/proto-signing";
import { defaultRegistryTypes } from "@cosmjs/stargate";
import * as tx from "../gen/flock/modeltoken/v1/tx.js";

/** Type URL -> generated codec, for every message of the module's Msg service. */
export const modeltokenTypes: ReadonlyArray<[string, GeneratedType & MessageCodec]> = [
  ["/flock.modeltoken.v1.MsgUpdateParams", tx.MsgUpdateParams],
  ["/flock.modeltoken.v1.MsgUpsertModelType", tx.MsgUpsertModelType],
  ["/flock.modeltoken.v1.MsgCreateLaunch", tx.MsgCreateLaunch],
  ["/flock.modeltoken.v1.MsgBuy", tx.MsgBuy],
  ["/flock.modeltoken.v1.MsgGraduate", tx.MsgGraduate],
  ["/flock.modeltoken.v1.MsgClaimLaunch", tx.MsgClaimLaunch],
  ["/flock.modeltoken.v1.MsgClaimVested", tx.MsgClaimVested],
  ["/flock.modeltoken.v1.MsgStake", tx.MsgStake],
  ["/flock.modeltoken.v1.MsgUnstake", tx.MsgUnstake],
  ["/flock.modeltoken.v1.MsgWithdrawUnbonded", tx.MsgWithdrawUnbonded],
  ["/flock.modeltoken.v1.MsgCancelUnbonding", tx.MsgCancelUnbonding],
  ["/flock.modeltoken.v1.MsgSetDiscountTiers", tx.MsgSetDiscountTiers],
  ["/flock.modeltoken.v1.MsgLock", tx.MsgLock],
  ["/flock.modeltoken.v1.MsgUnlock", tx.MsgUnlock],
  ["/flock.modeltoken.v1.MsgSubmitUsage", tx.MsgSubmitUsage],
  ["/flock.modeltoken.v1.MsgClaimRewards", tx.MsgClaimRewards],
  ["/flock.modeltoken.v1.MsgFundIncentive", tx.MsgFundIncentive],
  ["/flock.modeltoken.v1.MsgSwap", tx.MsgSwap],
  ["/flock.modeltoken.v1.MsgDepositRevenue", tx.MsgDepositRevenue],
  ["/flock.modeltoken.v1.MsgSpendTreasury", tx.MsgSpendTreasury],
  ["/flock.modeltoken.v1.MsgBondAttester", tx.MsgBondAttester],
  ["/flock.modeltoken.v1.MsgUnbondAttester", tx.MsgUnbondAttester],
  ["/flock.modeltoken.v1.MsgVoidBatch", tx.MsgVoidBatch],
  ["/flock.modeltoken.v1.MsgReinstateAttester", tx.MsgReinstateAttester],
  ["/flock.modeltoken.v1.MsgExtendLock", tx.MsgExtendLock],
];

/** What the amino converters need of a ts-proto codec besides encoding. */
export interface MessageCodec {
  toJSON(message: any): unknown;
  fromJSON(object: any): any;
}

/** A CosmJS registry with the SDK's default messages and x/modeltoken's. */
export function createRegistry(): Registry {
  return new Registry([...defaultRegistryTypes, ...modeltokenTypes]);
}
