// My account: balances, stake positions and unbonding, discount tier per
// model, gmFLOCK locks and multiplier, pending rewards per model and in
// total; claim, stake/unstake, lock/extend.
import type { DeliverTxResponse } from "@cosmjs/stargate";
import { denomLabel, formatDec, fromDisplay, toDisplay } from "../client/format.js";
import type { AppState } from "../state.js";
import { amountEl, h, kv, section, setStatus, table } from "../ui/dom.js";

export async function accountPage(state: AppState): Promise<HTMLElement> {
  if (!state.signer) return section("My account", h("p", { "data-testid": "account-connect" }, "Connect a wallet (top right) to see your account."));
  const s = state.signer, addr = s.address, rest = state.rest;
  const [balances, { positions }, { entries }, gm, rewards, { modelTokens }] = await Promise.all([
    rest.balances(addr), rest.positions(addr), rest.unbondings(addr), rest.gmflock(addr), rest.pendingRewards(addr), rest.modelTokens(),
  ]);
  const discounts = await Promise.all(modelTokens.map((t) => rest.discount(addr, t.denom)));
  const status = h("div", { "data-testid": "account-status" });
  // act runs a transaction and shows its outcome; the user refreshes to see the new state.
  const act = (what: string, run: () => Promise<DeliverTxResponse>) => async (ev?: Event) => {
    ev?.preventDefault();
    setStatus(status, "busy", `${what}: signing and waiting for the block…`);
    try {
      const res = await run();
      setStatus(status, "ok", `${what}: done in block ${res.height}`);
    } catch (e) {
      setStatus(status, "error", `${what}: ${(e as Error).message}`);
    }
  };
  const amountOf = (input: HTMLInputElement) => {
    const v = fromDisplay(input.value);
    if (!v || v === "0") throw new Error("enter a positive amount (up to 6 decimals)");
    return v;
  };

  const denomSel = h("select", { "data-testid": "stake-denom" }, modelTokens.map((t) => h("option", { value: t.denom }, t.symbol)));
  const stakeAmt = h("input", { "data-testid": "stake-amount", placeholder: "amount", inputmode: "decimal" });
  const lockAmt = h("input", { "data-testid": "lock-amount", placeholder: "FLOCK", inputmode: "decimal" });
  const lockDays = h("input", { "data-testid": "lock-days", placeholder: "days", value: "30", inputmode: "numeric" });
  const extId = h("select", { "data-testid": "extend-lock" }, gm.locks.map((l) => h("option", { value: l.id }, `lock #${l.id}`)));
  const extDays = h("input", { "data-testid": "extend-days", placeholder: "days from now", inputmode: "numeric" });

  return h("div", { "data-testid": "account-page" },
    section("Balances", h("p", {}, "Address ", h("code", { "data-testid": "account-address" }, addr)),
      table(["Denom", "Amount"], balances.map((c) => [denomLabel(c.denom), amountEl(`balance-${c.denom}`, c.amount, toDisplay(c.amount), denomLabel(c.denom))]), "balances")),
    section("Pending rewards",
      table(["Model", "FLOCK", "MT", "Epochs"], rewards.models.map((m) => [denomLabel(m.denom),
        amountEl(`pending-flock-${m.denom}`, m.flock, toDisplay(m.flock), "FLOCK"),
        amountEl(`pending-mt-${m.denom}`, m.mt, toDisplay(m.mt), denomLabel(m.denom)), m.epochs]), "pending-rewards"),
      h("p", {}, "Total: ", rewards.total.length
        ? rewards.total.map((c) => amountEl(`pending-total-${c.denom}`, c.amount, toDisplay(c.amount), denomLabel(c.denom)))
        : h("span", { "data-testid": "pending-total-none" }, "nothing to claim")),
      h("button", { "data-testid": "claim-rewards", disabled: !rewards.total.length, onclick: act("claim rewards", () => s.claimRewards()) }, "Claim all")),
    section("Staking",
      // Every model token, staked or not: the discount tier is per model.
      table(["Model", "Staked", "Discount tier", "API discount"], modelTokens.map((t, i) => {
        const staked = positions.find((p) => p.denom === t.denom)?.amount ?? "0";
        const d = discounts[i];
        return [t.symbol, amountEl(`staked-${t.denom}`, staked, toDisplay(staked), t.symbol),
          h("span", { "data-testid": `tier-${t.denom}` }, String(d?.tier ?? 0)), `${(d?.discountBps ?? 0) / 100}%`];
      }), "positions"),
      h("form", {}, denomSel, stakeAmt,
        h("button", { "data-testid": "stake-button", onclick: act("stake", async () => s.stake(denomSel.value, amountOf(stakeAmt))) }, "Stake"),
        h("button", { "data-testid": "unstake-button", onclick: act("unstake", async () => s.unstake(denomSel.value, amountOf(stakeAmt))) }, "Unstake")),
      h("h3", {}, "Unbonding"),
      table(["#", "Amount", "Paid at", ""], entries.map((e) => [e.id, amountEl(`unbonding-${e.id}`, e.amount, toDisplay(e.amount), denomLabel(e.denom)),
        e.completionTime?.toISOString() ?? "—",
        h("button", { onclick: act("cancel unbonding", () => s.cancelUnbonding(e.id, e.denom, e.amount)) }, "Restake")]), "unbondings")),
    section("gmFLOCK",
      kv(
        ["gmFLOCK", amountEl("gmflock", gm.gmflock, toDisplay(gm.gmflock), "gmFLOCK")],
        ["Effective", amountEl("gm-effective", gm.effective, toDisplay(gm.effective), "gmFLOCK")],
        ["Reward multiplier", h("b", { "data-testid": "gm-multiplier", "data-raw": gm.multiplier }, `×${formatDec(gm.multiplier, 4)}`)]),
      table(["Lock", "Amount", "gmFLOCK", "Days", "Ends", ""], gm.locks.map((l) => [`#${l.id}`,
        amountEl(`lock-${l.id}`, l.amount, toDisplay(l.amount), "FLOCK"), toDisplay(l.gmflock), l.durationDays, l.endTime?.toISOString() ?? "—",
        h("button", { onclick: act("unlock", () => s.unlock(l.id)) }, "Unlock")]), "locks"),
      h("form", {}, lockAmt, lockDays,
        h("button", { "data-testid": "lock-button", onclick: act("lock", async () => s.lock(amountOf(lockAmt), Number(lockDays.value))) }, "Lock FLOCK")),
      gm.locks.length ? h("form", {}, extId, extDays,
        h("button", { "data-testid": "extend-button", onclick: act("extend lock", async () => s.extendLock(extId.value, Number(extDays.value))) }, "Extend")) : null),
    status);
}
