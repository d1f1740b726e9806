import { describe, expect, it } from "vitest";
import { DEV_CHAIN_ID, devWallet, devWalletAllowed } from "./wallet.js";

// The dev wallet's mnemonics are public: it must never sign for another chain,
// whatever a config file says and whatever node the page talks to.
describe("dev wallet", () => {
  const cases: [string, string, boolean][] = [
    [DEV_CHAIN_ID, DEV_CHAIN_ID, true],
    ["flock-1", "flock-1", false], // a config pointing it at a real chain
    [DEV_CHAIN_ID, "flock-1", false], // a localnet config against a real node
    ["flock-1", DEV_CHAIN_ID, false],
  ];
  it.each(cases)("config %s, node %s: allowed %s", (config, node, want) => {
    expect(devWalletAllowed(config, node)).toBe(want);
  });
  it("refuses to build the signer elsewhere", async () => {
    await expect(devWallet({ name: "alice", mnemonic: "x" }, "flock-1", "flock-1")).rejects.toThrow(/only signs for/);
  });
});

describe("Keplr", () => {
  it("suggests flockd with its prefixes and denom, enables the chain and returns its signer", async () => {
    const calls: string[] = [];
    let suggested: any;
    const signer = { getAccounts: async () => [] };
    (globalThis as any).keplr = {
      experimentalSuggestChain: async (info: unknown) => { calls.push("suggest"); suggested = info; },
      enable: async (id: string) => { calls.push(`enable ${id}`); },
      getOfflineSigner: (id: string) => { calls.push(`signer ${id}`); return signer; },
    };
    try {
      const { keplrSigner } = await import("./wallet.js");
      const got = await keplrSigner("flock-1", "https://rpc.example", "https://rest.example");
      expect(got).toBe(signer);
      expect(calls).toEqual(["suggest", "enable flock-1", "signer flock-1"]);
      expect(suggested.chainId).toBe("flock-1");
      expect(suggested.rpc).toBe("https://rpc.example");
      expect(suggested.bech32Config.bech32PrefixAccAddr).toBe("flock");
      expect(suggested.bech32Config.bech32PrefixValAddr).toBe("flockvaloper");
      expect(suggested.currencies[0]).toEqual({ coinDenom: "FLOCK", coinMinimalDenom: "uflock", coinDecimals: 6 });
    } finally {
      delete (globalThis as any).keplr;
    }
  });

  it("says so when Keplr is missing", async () => {
    const { keplrSigner } = await import("./wallet.js");
    await expect(keplrSigner("flock-1", "r", "s")).rejects.toThrow(/Keplr is not installed/);
  });
});
