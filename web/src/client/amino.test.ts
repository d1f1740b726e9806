import { describe, expect, it } from "vitest";
import { createAminoTypes, protoName } from "./amino.js";
import { createRegistry, modeltokenTypes } from "./registry.js";
import { MsgBuy, MsgClaimRewards, MsgLock } from "../gen/flock/modeltoken/v1/tx.js";

const addr = "flock1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqn0p0qz";

describe("amino converters", () => {
  const amino = createAminoTypes();

  // The expected JSON is what x/tx's aminojson encoder prints for the same
  // message (snake_case names, empty fields dropped unless dont_omitempty,
  // uint64 as strings, uint32 as numbers); the e2e signs each with a node.
  const cases: [string, object, object][] = [
    ["/flock.modeltoken.v1.MsgBuy",
      MsgBuy.fromPartial({ buyer: addr, launchId: "3", flockIn: { denom: "uflock", amount: "5" }, minMtOut: "0" }),
      { type: "flock/x/modeltoken/MsgBuy", value: { buyer: addr, launch_id: "3", flock_in: { denom: "uflock", amount: "5" }, min_mt_out: "0" } }],
    ["/flock.modeltoken.v1.MsgClaimRewards",
      MsgClaimRewards.fromPartial({ claimer: addr }),
      { type: "flock/x/modeltoken/MsgClaimRewards", value: { claimer: addr } }],
    ["/flock.modeltoken.v1.MsgLock",
      MsgLock.fromPartial({ owner: addr, amount: { denom: "uflock", amount: "0" }, durationDays: 30 }),
      { type: "flock/x/modeltoken/MsgLock", value: { owner: addr, amount: { denom: "uflock", amount: "0" }, duration_days: 30 } }],
  ];
  it.each(cases)("%s to amino and back", (typeUrl, value, want) => {
    const got = amino.toAmino({ typeUrl, value });
    expect(got).toEqual(want);
    expect(amino.fromAmino(got)).toEqual({ typeUrl, value });
  });

  it("puts back a dont_omitempty field the proto JSON dropped", () => {
    const got = amino.toAmino({ typeUrl: "/flock.modeltoken.v1.MsgBuy", value: MsgBuy.fromPartial({ buyer: addr, launchId: "1", flockIn: { denom: "uflock", amount: "1" } }) });
    expect((got.value as any).min_mt_out).toBe("0");
  });

  it("has a converter for every message the app sends", () => {
    for (const t of ["MsgBuy", "MsgClaimLaunch", "MsgStake", "MsgUnstake", "MsgCancelUnbonding", "MsgLock", "MsgExtendLock", "MsgUnlock", "MsgClaimRewards"]) {
      expect(() => amino.toAmino({ typeUrl: `/flock.modeltoken.v1.${t}`, value: {} as any }), t).not.toThrow();
    }
  });

  it("maps JSON names back to proto names", () => {
    expect(protoName("minMtOut")).toBe("min_mt_out");
    expect(protoName("denom")).toBe("denom");
  });
});

describe("registry", () => {
  it("encodes and decodes every module message", () => {
    const reg = createRegistry();
    for (const [typeUrl] of modeltokenTypes) expect(reg.lookupType(typeUrl), typeUrl).toBeDefined();
    const msg = MsgBuy.fromPartial({ buyer: addr, launchId: "18446744073709551615", flockIn: { denom: "uflock", amount: "1" }, minMtOut: "2" });
    const any = reg.encodeAsAny({ typeUrl: "/flock.modeltoken.v1.MsgBuy", value: msg });
    expect(reg.decode({ typeUrl: any.typeUrl, value: any.value })).toEqual(msg);
  });
});
