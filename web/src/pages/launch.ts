// Launches: the list, and one launch with its curve, a quote as you type,
// buy, and claim (or refund) after settlement.
import { LaunchStatus, type Launch } from "../gen/flock/modeltoken/v1/launch.js";
import { bpsOf, fromDisplay, timeLeft, toDisplay, withSlippage } from "../client/format.js";
import type { AppState } from "../state.js";
import { chart, n } from "../ui/chart.js";
import { amountEl, h, kv, section, setStatus, table } from "../ui/dom.js";
import { maybe } from "./common.js";

export const SLIPPAGE_BPS = 100; // a buy fails if it would get more than 1% fewer MT than quoted

const statusName: Record<number, string> = {
  [LaunchStatus.LAUNCH_STATUS_RAISING]: "raising",
  [LaunchStatus.LAUNCH_STATUS_GRADUATED]: "graduated",
  [LaunchStatus.LAUNCH_STATUS_FAILED]: "failed (refunds open)",
};

/** launchProgress draws raised/max with a tick at min. */
export function launchProgress(l: Launch): HTMLElement {
  const max = l.modelType?.raiseMax ?? "0", min = l.modelType?.raiseMin ?? "0";
  const fill = Math.min(10000, bpsOf(l.raised, max)), minAt = Math.min(10000, bpsOf(min, max));
  return h("span", { "data-testid": `progress-${l.id}`, "data-bps-max": fill, "data-bps-min": bpsOf(l.raised, min) },
    h("span", { class: "progress", title: `min ${toDisplay(min)} FLOCK, max ${toDisplay(max)} FLOCK` },
      h("span", { style: `width:${fill / 100}%` }), h("i", { style: `left:${minAt / 100}%` })),
    ` ${(bpsOf(l.raised, min) / 100).toFixed(2)}% of min, ${(fill / 100).toFixed(2)}% of max`);
}

export async function launchesPage(state: AppState): Promise<HTMLElement> {
  const { launches } = await state.rest.launches();
  return section("Launches", table(["Launch", "Symbol", "Status", "Raised", "Progress", "Supporters", "Time left"],
    launches.map((l) => [
      h("a", { href: `#/launch/${l.id}`, "data-testid": `launch-link-${l.id}` }, `#${l.id} ${l.name}`), l.symbol,
      statusName[l.status] ?? "unknown", amountEl(`raised-${l.id}`, l.raised, toDisplay(l.raised), "FLOCK"),
      launchProgress(l), l.supporters, l.status === LaunchStatus.LAUNCH_STATUS_RAISING ? timeLeft(l.endTime) : "—",
    ]), "launches"));
}

export async function launchPage(state: AppState, id: string): Promise<HTMLElement> {
  const { launch: l } = await state.rest.launch(id);
  if (!l) throw new Error(`launch ${id} not found`);
  const raising = l.status === LaunchStatus.LAUNCH_STATUS_RAISING;
  const max = l.modelType?.raiseMax ?? "0";
  const info = kv(
    ["Status", h("b", { "data-testid": "launch-status" }, statusName[l.status] ?? "unknown")],
    ["Model", `${l.name} (${l.modelId})`],
    ["Raised", amountEl("launch-raised", l.raised, toDisplay(l.raised), "FLOCK")],
    ["Sold", amountEl("launch-sold", l.sold, toDisplay(l.sold), l.symbol)],
    ["Raise", `min ${toDisplay(l.modelType?.raiseMin ?? "0")} / max ${toDisplay(max)} FLOCK`],
    ["Progress", launchProgress(l)],
    ["Ends", [l.endTime?.toISOString() ?? "—", raising ? ` (${timeLeft(l.endTime)} left)` : ""]],
    ["Supporters", l.supporters]);

  const parts: HTMLElement[] = [section(`Launch #${l.id}: ${l.symbol}`, info)];
  if (raising) parts.push(section("Bonding curve", await curveChart(state, l)), buyBox(state, l));
  parts.push(await claimBox(state, l));
  return h("div", { "data-testid": "launch-page" }, parts);
}

/** curveChart plots MT sold against FLOCK raised: the part sold so far, then the chain's quotes for buying the rest. */
async function curveChart(state: AppState, l: Launch): Promise<SVGSVGElement> {
  const left = BigInt(l.modelType?.raiseMax ?? "0") - BigInt(l.raised);
  const points: [number, number][] = [[0, 0], [n(l.raised), n(l.sold)]];
  if (left > 0n) {
    // Quotes are gross FLOCK in; the curve's x is net raised, so use each quote's net.
    const steps = [1n, 2n, 3n, 4n, 5n, 6n, 7n, 8n];
    const quotes = await Promise.all(steps.map((i) => maybe(state.rest.buyQuote(l.id, ((left * i) / 8n).toString()))));
    for (const q of quotes) if (q?.quote) points.push([n((BigInt(l.raised) + BigInt(q.quote.net)).toString()), n((BigInt(l.sold) + BigInt(q.quote.mtOut)).toString())]);
  }
  return chart([{ name: "MT sold along the curve", points, color: "#5b6cff" }], {
    title: "Bonding curve: MT sold vs FLOCK raised", xLabel: "FLOCK raised", yLabel: `${l.symbol} sold`,
    marker: { x: n(l.raised), y: n(l.sold), label: "now" }, testid: "curve-chart",
  });
}

function buyBox(state: AppState, l: Launch): HTMLElement {
  const input = h("input", { "data-testid": "buy-amount", placeholder: "FLOCK to spend", inputmode: "decimal" });
  const quote = h("div", { "data-testid": "buy-quote", class: "muted" }, "type an amount for a quote");
  const status = h("div", { "data-testid": "buy-status" });
  let quoted: { flockIn: string; mtOut: string } | undefined;
  let seq = 0;
  input.addEventListener("input", async () => {
    const mine = ++seq;
    quoted = undefined;
    const amount = fromDisplay(input.value);
    if (!amount || amount === "0") { quote.textContent = "enter a positive FLOCK amount (up to 6 decimals)"; return; }
    try {
      const q = (await state.rest.buyQuote(l.id, amount)).quote!;
      if (mine !== seq) return; // a later keystroke's quote wins
      quoted = { flockIn: amount, mtOut: q.mtOut };
      quote.replaceChildren("you get ", amountEl("quote-mt-out", q.mtOut, toDisplay(q.mtOut), l.symbol),
        ` (fees ${toDisplay((BigInt(q.platformFee) + BigInt(q.creatorFee)).toString())} FLOCK, anti-snipe tax ${toDisplay(q.antiSnipeTax)} FLOCK`,
        BigInt(q.refund) > 0n ? `, refund ${toDisplay(q.refund)} FLOCK above the max` : "", q.graduates ? ", this buy fills the raise" : "", ")");
      quote.dataset.raw = q.mtOut;
    } catch (e) {
      if (mine === seq) quote.textContent = (e as Error).message;
    }
  });
  const buy = h("button", { "data-testid": "buy-button", onclick: async (ev: Event) => {
    ev.preventDefault();
    if (!state.signer) return setStatus(status, "error", "connect a wallet first");
    if (!quoted) return setStatus(status, "error", "wait for the quote");
    setStatus(status, "busy", "signing and waiting for the block…");
    try {
      const res = await state.signer.buy(l.id, quoted.flockIn, withSlippage(quoted.mtOut, SLIPPAGE_BPS));
      setStatus(status, "ok", `bought in block ${res.height} (tx ${res.transactionHash})`);
    } catch (e) {
      setStatus(status, "error", (e as Error).message);
    }
  } }, "Buy");
  return section("Buy", h("form", {}, input, buy), quote, h("p", { class: "muted" }, `Slippage limit ${SLIPPAGE_BPS / 100}%: the buy fails if the curve moved against you.`), status);
}

async function claimBox(state: AppState, l: Launch): Promise<HTMLElement> {
  if (!state.signer) return section("Your claim", h("p", { class: "muted" }, "connect a wallet to see your claim"));
  const c = (await maybe(state.rest.claim(l.id, state.signer.address)))?.claim;
  const status = h("div", { "data-testid": "claim-status" });
  if (!c) return section("Your claim", h("p", { "data-testid": "claim-none", class: "muted" }, "you did not buy in this launch"), status);
  const failed = l.status === LaunchStatus.LAUNCH_STATUS_FAILED;
  const canClaim = !c.claimed && l.status !== LaunchStatus.LAUNCH_STATUS_RAISING;
  const button = h("button", { "data-testid": "claim-button", disabled: !canClaim, onclick: async () => {
    setStatus(status, "busy", "signing and waiting for the block…");
    try {
      const res = await state.signer!.claimLaunch(l.id);
      setStatus(status, "ok", `claimed in block ${res.height}`);
    } catch (e) {
      setStatus(status, "error", (e as Error).message);
    }
  } }, failed ? "Refund" : "Claim");
  return section("Your claim", kv(
    ["Principal", amountEl("claim-principal", c.principal, toDisplay(c.principal), "FLOCK")],
    ["MT owed", amountEl("claim-mt-owed", c.mtOwed, toDisplay(c.mtOwed), l.symbol)],
    ["Claimed", h("span", { "data-testid": "claim-claimed" }, c.claimed ? "yes" : "no")]),
    h("p", { class: "muted" }, l.status === LaunchStatus.LAUNCH_STATUS_RAISING ? "claim opens when the launch settles" : failed ? "the launch failed: your FLOCK is refunded" : "the launch graduated: claim your MT"),
    button, status);
}
