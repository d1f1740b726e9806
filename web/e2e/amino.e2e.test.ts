// Every message the app sends, signed in SIGN_MODE_LEGACY_AMINO_JSON (what a
// Ledger signs through Keplr) by an amino-only wallet and sent to a real node
// (tests/e2e/web_test.go starts it; env REST_URL, RPC_URL, MNEMONIC,
// AMINO_LAUNCH_ID). If our amino JSON differed from the chain's x/tx
// encoding by one byte, the ante handler would refuse the signature
// (codespace sdk, code 4). A message may still fail on its own terms (a lock
// that has not expired): that error comes from x/modeltoken, after the
// signature was accepted, and is what this test allows.
import { Secp256k1HdWallet } from "@cosmjs/amino";
import { AminoTypes, BroadcastTxError, SigningStargateClient, type StdFee } from "@cosmjs/stargate";
import { describe, expect, it } from "vitest";
import { createAminoTypes, createRegistry, connectComet, BECH32_PREFIX } from "../src/client/index.js";
import * as tx from "../src/gen/flock/modeltoken/v1/tx.js";

const env = (globalThis as any).process.env as Record<string, string | undefined>;
const REST = env.REST_URL!, RPC = env.RPC_URL!, MNEMONIC = env.MNEMONIC!;
const fee: StdFee = { amount: [], gas: "600000" }; // fixed gas: no simulation, so a failing message is still signed and checked

async function rest(path: string): Promise<any> {
  const r = await fetch(REST + path);
  return r.json();
}

describe.skipIf(!REST)("amino JSON signing against a node", () => {
  it("the chain accepts the signature of every message the app sends", async () => {
    const wallet = await Secp256k1HdWallet.fromMnemonic(MNEMONIC, { prefix: BECH32_PREFIX });
    const [{ address }] = await wallet.getAccounts();
    const client = SigningStargateClient.createWithSigner(await connectComet(RPC), wallet, {
      registry: createRegistry(), aminoTypes: createAminoTypes(),
    });
    // Sign and send one message; return "ok" or the failing message's codespace.
    const send = async (typeUrl: string, value: object): Promise<string> => {
      try {
        const res = await client.signAndBroadcast(address, [{ typeUrl, value }], fee);
        if (res.code === 0) return "ok";
        const t = await rest(`/cosmos/tx/v1beta1/txs/${res.transactionHash}`);
        return `${t.tx_response.codespace}:${res.code}`;
      } catch (e) {
        if (e instanceof BroadcastTxError) return `${e.codespace}:${e.code}`; // refused at CheckTx
        throw e;
      }
    };
    const outcomes: Record<string, string> = {};
    const run = async (name: string, typeUrl: string, value: object) => { outcomes[name] = await send(typeUrl, value); };

    const llama = { denom: "mt/llama", amount: "1000000" };
    await run("stake", "/flock.modeltoken.v1.MsgStake", tx.MsgStake.fromPartial({ staker: address, amount: llama }));
    await run("unstake", "/flock.modeltoken.v1.MsgUnstake", tx.MsgUnstake.fromPartial({ staker: address, amount: llama }));
    const entry = (await rest(`/flock/modeltoken/v1/unbondings/${address}`)).entries?.at(-1);
    await run("cancel-unbonding", "/flock.modeltoken.v1.MsgCancelUnbonding",
      tx.MsgCancelUnbonding.fromPartial({ owner: address, unbondingId: entry?.id ?? "0", amount: llama }));
    await run("lock", "/flock.modeltoken.v1.MsgLock",
      tx.MsgLock.fromPartial({ owner: address, amount: { denom: "uflock", amount: "1000000" }, durationDays: 30 }));
    const lock = (await rest(`/flock/modeltoken/v1/gmflock/${address}`)).locks?.at(-1);
    await run("extend-lock", "/flock.modeltoken.v1.MsgExtendLock", tx.MsgExtendLock.fromPartial({ owner: address, lockId: lock?.id ?? "0", durationDays: 60 }));
    await run("unlock", "/flock.modeltoken.v1.MsgUnlock", tx.MsgUnlock.fromPartial({ owner: address, lockId: lock?.id ?? "0" }));
    await run("buy", "/flock.modeltoken.v1.MsgBuy", tx.MsgBuy.fromPartial({
      buyer: address, launchId: env.AMINO_LAUNCH_ID ?? "1", flockIn: { denom: "uflock", amount: "1000000" }, minMtOut: "0",
    }));
    await run("claim-launch", "/flock.modeltoken.v1.MsgClaimLaunch", tx.MsgClaimLaunch.fromPartial({ supporter: address, launchId: "1" }));
    await run("claim-rewards", "/flock.modeltoken.v1.MsgClaimRewards", tx.MsgClaimRewards.fromPartial({ claimer: address }));
    console.log("amino outcomes:", outcomes);

    // These must succeed outright: they exercise Coin, uint64, uint32 and Int fields and a dont_omitempty zero.
    for (const name of ["stake", "unstake", "cancel-unbonding", "lock", "extend-lock", "buy"]) expect(outcomes[name], name).toBe("ok");
    // These may fail, but only in x/modeltoken (not expired, already claimed, nothing to claim): never at the signature.
    for (const name of ["unlock", "claim-launch", "claim-rewards"]) expect(outcomes[name], name).toMatch(/^(ok|modeltoken:\d+)$/);
  }, 300_000);

  it("a converter that is one field off is refused at the signature (the check above can fail)", async () => {
    const wallet = await Secp256k1HdWallet.fromMnemonic(MNEMONIC, { prefix: BECH32_PREFIX });
    const [{ address }] = await wallet.getAccounts();
    const good = createAminoTypes();
    const broken = new AminoTypes({
      "/flock.modeltoken.v1.MsgStake": {
        aminoType: "flock/x/modeltoken/MsgStake",
        toAmino: (m: any) => ({ ...(good.toAmino({ typeUrl: "/flock.modeltoken.v1.MsgStake", value: m }).value as object), memo_field: "x" }),
        fromAmino: (j: any) => good.fromAmino({ type: "flock/x/modeltoken/MsgStake", value: j }).value,
      },
    });
    const client = SigningStargateClient.createWithSigner(await connectComet(RPC), wallet, { registry: createRegistry(), aminoTypes: broken });
    const value = tx.MsgStake.fromPartial({ staker: address, amount: { denom: "mt/llama", amount: "1" } });
    const err = await client.signAndBroadcast(address, [{ typeUrl: "/flock.modeltoken.v1.MsgStake", value }], fee).then(() => undefined, (e) => e);
    expect(err).toBeInstanceOf(BroadcastTxError);
    expect(`${err.codespace}:${err.code}`).toBe("sdk:4"); // ErrUnauthorized: signature verification failed
  }, 120_000);
});
