// Runtime configuration, read from ./config.json next to index.html (written
// by scripts/webserve from its flags), so one build serves any node.
import type { DevAccount } from "./client/wallet.js";

export interface AppConfig {
  chainId: string;
  /** REST gateway base URL, e.g. http://127.0.0.1:1317 */
  rest: string;
  /** CometBFT RPC URL, e.g. http://127.0.0.1:26657 */
  rpc: string;
  /** DEV-ONLY accounts from the localnet's public mnemonics; absent elsewhere. */
  devAccounts?: DevAccount[];
}

export async function loadConfig(): Promise<AppConfig> {
  const res = await fetch("./config.json", { cache: "no-store" });
  if (!res.ok) throw new Error(`config.json: HTTP ${res.status}`);
  const c = (await res.json()) as AppConfig;
  if (!c.rest || !c.rpc || !c.chainId) throw new Error("config.json needs chainId, rest and rpc");
  return c;
}
