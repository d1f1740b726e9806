// Where the app's signer comes from: Keplr when the browser has it, or, on a
// local chain only, a DEV-ONLY wallet from the localnet's public demo
// mnemonics. The dev wallet is refused unless the page's config, the node's
// own chain id and DEV_CHAIN_ID all agree, so it can never sign for another
// chain even if a config file says otherwise.
import { DirectSecp256k1HdWallet, type OfflineSigner } from "@cosmjs/proto-signing";

export const BECH32_PREFIX = "flock";
/** The chain id scripts/localnet.sh uses; the only one a dev wallet signs for. */
export const DEV_CHAIN_ID = "flock-localnet-1";

export interface DevAccount {
  name: string;
  mnemonic: string;
}

export function devWalletAllowed(configChainId: string, nodeChainId: string): boolean {
  return configChainId === DEV_CHAIN_ID && nodeChainId === DEV_CHAIN_ID;
}

export async function devWallet(account: DevAccount, configChainId: string, nodeChainId: string): Promise<OfflineSigner> {
  if (!devWalletAllowed(configChainId, nodeChainId)) {
    throw new Error(`the dev wallet only signs for ${DEV_CHAIN_ID} (config ${configChainId}, node ${nodeChainId})`);
  }
  return DirectSecp256k1HdWallet.fromMnemonic(account.mnemonic, { prefix: BECH32_PREFIX });
}

interface Keplr {
  experimentalSuggestChain(info: unknown): Promise<void>;
  enable(chainId: string): Promise<void>;
  getOfflineSigner(chainId: string): OfflineSigner;
}

export function keplr(): Keplr | undefined {
  return (globalThis as any).keplr as Keplr | undefined;
}

/** keplrSigner asks Keplr to add the chain (first use) and returns its signer. */
export async function keplrSigner(chainId: string, rpc: string, rest: string): Promise<OfflineSigner> {
  const k = keplr();
  if (!k) throw new Error("Keplr is not installed");
  const flock = { coinDenom: "FLOCK", coinMinimalDenom: "uflock", coinDecimals: 6 };
  await k.experimentalSuggestChain({
    chainId, chainName: `flockd (${chainId})`, rpc, rest,
    bip44: { coinType: 118 },
    bech32Config: {
      bech32PrefixAccAddr: BECH32_PREFIX, bech32PrefixAccPub: `${BECH32_PREFIX}pub`,
      bech32PrefixValAddr: `${BECH32_PREFIX}valoper`, bech32PrefixValPub: `${BECH32_PREFIX}valoperpub`,
      bech32PrefixConsAddr: `${BECH32_PREFIX}valcons`, bech32PrefixConsPub: `${BECH32_PREFIX}valconspub`,
    },
    currencies: [flock], feeCurrencies: [{ ...flock, gasPriceStep: { low: 0, average: 0, high: 0.025 } }],
    stakeCurrency: flock,
  });
  await k.enable(chainId);
  return k.getOfflineSigner(chainId);
}
