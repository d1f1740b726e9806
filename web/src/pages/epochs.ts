// Epochs: the emission schedule so far, this epoch's usage by model, and the
// countdown to the next epoch and to this epoch's settlement.
import { durationSeconds, duration, toDisplay } from "../client/format.js";
import type { AppState } from "../state.js";
import { chart, n } from "../ui/chart.js";
import { amountEl, h, kv, section, table } from "../ui/dom.js";
import { maybe } from "./common.js";

const MAX_EPOCHS_CHARTED = 200;

export async function epochsPage(state: AppState): Promise<HTMLElement> {
  const rest = state.rest;
  const [cur, params, { modelTokens }, first] = await Promise.all([
    rest.epoch(), rest.getJSON("/flock/modeltoken/v1/params"), rest.modelTokens(), maybe(rest.epochSummary(1)),
  ]);
  const number = Number(cur.epoch?.number ?? 0);
  const nextToSettle = Number(first?.nextEpochToSettle ?? 1);
  const next = cur.nextEpochTime!;
  // An epoch settles once its attestation grace and dispute window have passed (spec §epochs).
  const settleDelay = durationSeconds(params.params?.attestation_grace) + durationSeconds(params.params?.dispute_window);
  const settlesAt = new Date(next.getTime() + settleDelay * 1000);

  const from = Math.max(1, nextToSettle - MAX_EPOCHS_CHARTED);
  const summaries = (await Promise.all(range(from, nextToSettle - 1).map((e) => maybe(rest.epochSummary(e))))).filter((s) => s?.summary);
  let cumulative = 0n;
  const emitted: [number, number][] = [], cum: [number, number][] = [];
  for (const s of summaries) {
    cumulative += BigInt(s!.summary!.emitted);
    emitted.push([Number(s!.summary!.epoch), n(s!.summary!.emitted)]);
    cum.push([Number(s!.summary!.epoch), n(cumulative.toString())]);
  }
  const usage = await Promise.all(modelTokens.map((t) => maybe(rest.modelUsage(number, t.denom))));

  const countdown = h("span", { "data-testid": "epoch-countdown" }, duration(next.getTime() - Date.now()));
  const settleCountdown = h("span", { "data-testid": "settle-countdown" }, duration(settlesAt.getTime() - Date.now()));
  const timer = setInterval(() => {
    if (!countdown.isConnected) return clearInterval(timer);
    countdown.textContent = duration(next.getTime() - Date.now());
    settleCountdown.textContent = duration(settlesAt.getTime() - Date.now());
  }, 1000);

  return h("div", { "data-testid": "epochs-page" },
    section(`Epoch ${number}`, kv(
      ["Current epoch", h("b", { "data-testid": "epoch-number" }, String(number))],
      ["Started", cur.epoch?.startTime?.toISOString() ?? "—"],
      ["Next epoch", [next.toISOString(), " (in ", countdown, ")"]],
      ["This epoch settles", ["about ", settlesAt.toISOString(), " (in ", settleCountdown, `; ${settleDelay}s of attestation grace and dispute window after it ends)`]],
      ["Next epoch to settle", h("span", { "data-testid": "next-to-settle" }, String(nextToSettle))],
      ["Emitted so far", amountEl("emitted-total", cumulative.toString(), toDisplay(cumulative), "FLOCK")])),
    section("Emission schedule so far",
      h("div", { class: "grid" },
        chart([{ name: "emitted per epoch", points: emitted, color: "#2bb673" }], { title: "FLOCK emitted per settled epoch", xLabel: "epoch", yLabel: "FLOCK", bars: true, testid: "emission-chart" }),
        chart([{ name: "cumulative", points: cum, color: "#5b6cff" }], { title: "Cumulative FLOCK emitted", xLabel: "epoch", yLabel: "FLOCK", testid: "cumulative-chart" })),
      table(["Epoch", "Emitted", "Usage (USD)", "Models"], summaries.slice(-10).reverse().map((s) => [s!.summary!.epoch,
        amountEl(`emitted-${s!.summary!.epoch}`, s!.summary!.emitted, toDisplay(s!.summary!.emitted), "FLOCK"), toDisplay(s!.summary!.totalUsage), s!.summary!.models]), "epoch-summaries")),
    section(`Usage this epoch (${number}) by model`,
      table(["Model", "Spend (USD)", "Users", "Batches"], modelTokens.map((t, i) => [t.symbol,
        amountEl(`usage-${t.denom}`, usage[i]?.usage?.totalSpend ?? "0", toDisplay(usage[i]?.usage?.totalSpend ?? "0"), "USD"),
        usage[i]?.usage?.users ?? "0", usage[i]?.usage?.batches ?? "0"]), "epoch-usage")));
}

function range(a: number, b: number): number[] {
  const out: number[] = [];
  for (let i = a; i <= b; i++) out.push(i);
  return out;
}
