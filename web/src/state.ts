// What every page shares: the config, the REST client and, once the user
// connects a wallet, the signer.
import { FlockSigner } from "./client/signing.js";
import { RestClient } from "./client/rest.js";
import { devWallet, keplrSigner, type DevAccount } from "./client/wallet.js";
import type { AppConfig } from "./config.js";

export interface AppState {
  config: AppConfig;
  rest: RestClient;
  nodeChainId: string;
  signer?: FlockSigner;
  walletLabel?: string;
}

export async function connectDev(state: AppState, account: DevAccount): Promise<void> {
  const wallet = await devWallet(account, state.config.chainId, state.nodeChainId);
  state.signer = await FlockSigner.connect(state.config.rpc, wallet);
  state.walletLabel = `${account.name} (DEV-ONLY wallet)`;
}

export async function connectKeplr(state: AppState): Promise<void> {
  const signer = await keplrSigner(state.config.chainId, state.config.rpc, state.config.rest);
  state.signer = await FlockSigner.connect(state.config.rpc, signer);
  state.walletLabel = "Keplr";
}
