// Model tokens: price (pool spot and TWAP), market cap, supply, burned,
// staked, usage and rewards of recent epochs; and the launches still raising.
import { LaunchStatus, type Launch } from "../gen/flock/modeltoken/v1/launch.js";
import { denomLabel, formatDec, mulDecTruncate, timeLeft, toDisplay } from "../client/format.js";
import type { AppState } from "../state.js";
import { chart, n } from "../ui/chart.js";
import { amountEl, h, section, table } from "../ui/dom.js";
import { maybe, recentSettledEpochs } from "./common.js";
import { launchProgress } from "./launch.js";

export async function modelsPage(state: AppState): Promise<HTMLElement> {
  const [{ modelTokens }, raising, epochs] = await Promise.all([
    state.rest.modelTokens(),
    state.rest.launches("LAUNCH_STATUS_RAISING"),
    recentSettledEpochs(state, 8),
  ]);
  const rows = await Promise.all(modelTokens.map(async (t) => {
    const [eco, pool, twap] = await Promise.all([state.rest.economy(t.denom), maybe(state.rest.pool(t.denom)), maybe(state.rest.twap(t.denom))]);
    const sym = denomLabel(t.denom);
    const cap = pool ? mulDecTruncate(eco.supply, pool.spotPrice) : undefined;
    return {
      t, eco, pool, twap, cells: [
        h("b", {}, t.symbol), t.name,
        pool ? h("span", { "data-testid": `spot-${t.denom}`, "data-raw": pool.spotPrice }, formatDec(pool.spotPrice), " FLOCK") : "—",
        twap ? h("span", { "data-testid": `twap-${t.denom}`, "data-raw": twap.twap }, formatDec(twap.twap), " FLOCK") : "—",
        cap !== undefined ? amountEl(`cap-${t.denom}`, cap, toDisplay(cap), "FLOCK") : "—",
        amountEl(`supply-${t.denom}`, eco.supply, toDisplay(eco.supply), sym),
        amountEl(`burned-${t.denom}`, t.burned, toDisplay(t.burned), sym),
        amountEl(`staked-${t.denom}`, eco.stake?.totalStaked ?? "0", toDisplay(eco.stake?.totalStaked ?? "0"), sym),
      ],
    };
  }));

  const charts = await Promise.all(modelTokens.map(async (t) => {
    const rewards = await Promise.all(epochs.map((e) => maybe(state.rest.epochModelReward(e, t.denom))));
    const usage = epochs.map((e, i) => [e, n(rewards[i]?.reward?.usage ?? "0")] as [number, number]);
    const paid = epochs.map((e, i) => [e, n(rewards[i]?.reward?.emission ?? "0")] as [number, number]);
    return h("div", {},
      chart([{ name: "API spend (USD)", points: usage, color: "#5b6cff" }],
        { title: `${t.symbol}: usage per settled epoch`, xLabel: "epoch", yLabel: "USD", bars: true, testid: `usage-chart-${t.denom}`, width: 360, height: 200 }),
      chart([{ name: "rewards (FLOCK)", points: paid, color: "#2bb673" }],
        { title: `${t.symbol}: rewards per settled epoch`, xLabel: "epoch", yLabel: "FLOCK", bars: true, testid: `reward-chart-${t.denom}`, width: 360, height: 200 }));
  }));

  return h("div", { "data-testid": "models-page" },
    section("Model tokens",
      table(["Symbol", "Name", "Spot price", "TWAP", "Market cap", "Supply", "Burned", "Staked"], rows.map((r) => r.cells), "model-tokens"),
      h("p", { class: "muted" }, "Prices are FLOCK per model token from the graduation pool; market cap = supply × spot price, truncated as the chain's decimals truncate.")),
    section("Raising launches", raisingTable(raising.launches)),
    section("Recent epochs", h("div", { class: "grid" }, charts)));
}

function raisingTable(launches: Launch[]): HTMLElement {
  return table(["Launch", "Symbol", "Raised", "Progress to min / max", "Time left"], launches
    .filter((l) => l.status === LaunchStatus.LAUNCH_STATUS_RAISING)
    .map((l) => [
      h("a", { href: `#/launch/${l.id}`, "data-testid": `launch-link-${l.id}` }, `#${l.id} ${l.name}`),
      l.symbol,
      amountEl(`raised-${l.id}`, l.raised, toDisplay(l.raised), "FLOCK"),
      launchProgress(l),
      h("span", { "data-countdown": l.endTime?.toISOString() ?? "" }, timeLeft(l.endTime)),
    ]), "raising-launches");
}
