// Entry point: load config, check the node, draw the header and route
// #/models, #/launches, #/launch/<id>, #/account, #/epochs to their pages.
import "./style.css";
import { RestClient } from "./client/rest.js";
import { devWalletAllowed, keplr } from "./client/wallet.js";
import { loadConfig } from "./config.js";
import { accountPage } from "./pages/account.js";
import { epochsPage } from "./pages/epochs.js";
import { launchPage, launchesPage } from "./pages/launch.js";
import { modelsPage } from "./pages/models.js";
import { connectDev, connectKeplr, type AppState } from "./state.js";
import { h } from "./ui/dom.js";

const routes: [RegExp, (s: AppState, m: RegExpExecArray) => Promise<HTMLElement>][] = [
  [/^#\/launch\/(\d+)$/, (s, m) => launchPage(s, m[1])],
  [/^#\/launches$/, (s) => launchesPage(s)],
  [/^#\/account$/, (s) => accountPage(s)],
  [/^#\/epochs$/, (s) => epochsPage(s)],
  [/^(#\/models)?$/, (s) => modelsPage(s)],
];

async function render(state: AppState, main: HTMLElement) {
  const hash = location.hash || "#/models";
  for (const [re, page] of routes) {
    const m = re.exec(hash);
    if (!m) continue;
    main.replaceChildren(h("p", { class: "muted" }, "loading…"));
    try {
      const el = await page(state, m);
      main.replaceChildren(el);
      main.dataset.page = hash;
    } catch (e) {
      main.replaceChildren(h("p", { class: "status error", "data-testid": "page-error" }, String((e as Error).message ?? e)));
    }
    document.querySelectorAll("nav a").forEach((a) => a.classList.toggle("active", hash.startsWith(a.getAttribute("href") ?? "-")));
    return;
  }
  main.replaceChildren(h("p", {}, "no such page"));
}

function walletBox(state: AppState, rerender: () => void): HTMLElement {
  const box = h("div", { class: "wallet", "data-testid": "wallet" });
  const draw = () => {
    if (state.signer) {
      box.replaceChildren(h("span", { "data-testid": "wallet-address", title: state.signer.address }, `${state.walletLabel}: ${state.signer.address}`));
      return;
    }
    const items: HTMLElement[] = [];
    if (keplr()) items.push(h("button", { onclick: () => connectKeplr(state).then(() => { draw(); rerender(); }, (e) => alert(e.message)) }, "Connect Keplr"));
    const dev = state.config.devAccounts ?? [];
    if (dev.length && devWalletAllowed(state.config.chainId, state.nodeChainId)) {
      const sel = h("select", { "data-testid": "dev-account" }, dev.map((a) => h("option", { value: a.name }, a.name)));
      items.push(h("span", { class: "devonly" }, "DEV-ONLY wallet (public localnet mnemonics):"), sel,
        h("button", { "data-testid": "dev-connect", onclick: () => {
          const acc = dev.find((a) => a.name === sel.value)!;
          connectDev(state, acc).then(() => { draw(); rerender(); }, (e) => alert(e.message));
        } }, "Use"));
    }
    if (!items.length) items.push(h("span", { class: "muted" }, "Install Keplr to sign transactions"));
    box.replaceChildren(...items);
  };
  draw();
  return box;
}

async function start() {
  const root = document.getElementById("app")!;
  try {
    const config = await loadConfig();
    const rest = new RestClient(config.rest);
    const nodeChainId = await rest.nodeChainId();
    if (nodeChainId !== config.chainId) throw new Error(`the node at ${config.rest} runs ${nodeChainId}, not ${config.chainId}`);
    const state: AppState = { config, rest, nodeChainId };
    const main = h("main", { id: "main" });
    const rerender = () => render(state, main);
    root.replaceChildren(
      h("header", {},
        h("h1", {}, "flockd"),
        h("nav", {},
          h("a", { href: "#/models" }, "Model tokens"),
          h("a", { href: "#/launches" }, "Launches"),
          h("a", { href: "#/account" }, "My account"),
          h("a", { href: "#/epochs" }, "Epochs")),
        walletBox(state, rerender),
        h("span", { class: "chain muted" }, `chain ${config.chainId}`),
        h("button", { class: "refresh", "data-testid": "refresh", onclick: rerender }, "↻ Refresh")),
      main);
    window.addEventListener("hashchange", rerender);
    await rerender();
  } catch (e) {
    root.replaceChildren(h("p", { class: "status error", "data-testid": "fatal" }, String((e as Error).message ?? e)));
  }
}

start();
