// Signing and broadcasting x/modeltoken transactions with CosmJS.
//
// The CometBFT client is chosen explicitly: CosmJS's connectComet() picks a
// client from the version string the node reports, and flockd's CometBFT
// reports 0.39.x, which CosmJS does not know and would talk to with the 0.37
// client (wrong block-results and broadcast shapes). flockd's RPC speaks the
// 0.38 protocol (FinalizeBlock), so the Comet38 client is the right one.
import type { OfflineSigner } from "@cosmjs/proto-signing";
import { GasPrice, SigningStargateClient, type DeliverTxResponse, type StdFee } from "@cosmjs/stargate";
import { Comet38Client, type CometClient } from "@cosmjs/tendermint-rpc";
import * as tx from "../gen/flock/modeltoken/v1/tx.js";
import { createAminoTypes } from "./amino.js";
import { createRegistry } from "./registry.js";

export const BOND_DENOM = "uflock";

/** connectComet opens flockd's CometBFT RPC with the client that matches it. */
export async function connectComet(rpcUrl: string): Promise<CometClient> {
  return Comet38Client.connect(rpcUrl);
}

/** A transaction the chain ran and refused (non-zero code), with its log. */
export class TxError extends Error {
  constructor(
    readonly code: number,
    readonly codespace: string,
    readonly rawLog: string,
    readonly txHash: string,
  ) {
    super(`tx ${txHash} failed (${codespace} ${code}): ${rawLog}`);
    this.name = "TxError";
  }
}

/** Wraps SigningStargateClient with one typed method per user action. */
export class FlockSigner {
  private constructor(
    readonly client: SigningStargateClient,
    readonly address: string,
  ) {}

  static async connect(rpcUrl: string, signer: OfflineSigner, gasPrice = `0${BOND_DENOM}`): Promise<FlockSigner> {
    const comet = await connectComet(rpcUrl);
    const client = SigningStargateClient.createWithSigner(comet, signer, {
      registry: createRegistry(),
      aminoTypes: createAminoTypes(),
      gasPrice: GasPrice.fromString(gasPrice),
    });
    const [account] = await signer.getAccounts();
    if (!account) throw new Error("the wallet has no account");
    return new FlockSigner(client, account.address);
  }

  /** send simulates the gas (×1.5), signs, broadcasts and waits for the block. */
  async send(typeUrl: string, value: object, memo = ""): Promise<DeliverTxResponse> {
    const fee: StdFee | "auto" | number = 1.5;
    const res = await this.client.signAndBroadcast(this.address, [{ typeUrl, value }], fee, memo);
    if (res.code !== 0) throw new TxError(res.code, (res as any).codespace ?? "", res.rawLog ?? "", res.transactionHash);
    return res;
  }

  buy(launchId: string, flockIn: string, minMtOut: string) {
    return this.send("/flock.modeltoken.v1.MsgBuy", tx.MsgBuy.fromPartial({
      buyer: this.address, launchId, flockIn: { denom: BOND_DENOM, amount: flockIn }, minMtOut,
    }));
  }
  claimLaunch(launchId: string) {
    return this.send("/flock.modeltoken.v1.MsgClaimLaunch", tx.MsgClaimLaunch.fromPartial({ supporter: this.address, launchId }));
  }
  stake(denom: string, amount: string) {
    return this.send("/flock.modeltoken.v1.MsgStake", tx.MsgStake.fromPartial({ staker: this.address, amount: { denom, amount } }));
  }
  unstake(denom: string, amount: string) {
    return this.send("/flock.modeltoken.v1.MsgUnstake", tx.MsgUnstake.fromPartial({ staker: this.address, amount: { denom, amount } }));
  }
  /** cancelUnbonding restakes amount of unbonding entry unbondingId. */
  cancelUnbonding(unbondingId: string, denom: string, amount: string) {
    return this.send("/flock.modeltoken.v1.MsgCancelUnbonding", tx.MsgCancelUnbonding.fromPartial({
      owner: this.address, unbondingId, amount: { denom, amount },
    }));
  }
  lock(amount: string, durationDays: number) {
    return this.send("/flock.modeltoken.v1.MsgLock", tx.MsgLock.fromPartial({
      owner: this.address, amount: { denom: BOND_DENOM, amount }, durationDays,
    }));
  }
  extendLock(lockId: string, durationDays: number) {
    return this.send("/flock.modeltoken.v1.MsgExtendLock", tx.MsgExtendLock.fromPartial({ owner: this.address, lockId, durationDays }));
  }
  unlock(lockId: string) {
    return this.send("/flock.modeltoken.v1.MsgUnlock", tx.MsgUnlock.fromPartial({ owner: this.address, lockId }));
  }
  /** claimRewards claims one model's rewards, or every model's with denom "". */
  claimRewards(denom = "") {
    return this.send("/flock.modeltoken.v1.MsgClaimRewards", tx.MsgClaimRewards.fromPartial({ claimer: this.address, denom }));
  }
}
