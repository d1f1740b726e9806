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
