// The web app as a person uses it, in Debian's Chromium (playwright-core,
// no downloaded browser). Started by tests/e2e/web_test.go against a
// localnet it started (scripts/localnet.sh with the web app on):
//   APP_URL, REST_URL, LAUNCH_ID (a raising launch alice fills), SHOTS_DIR,
//   CHROMIUM (default /usr/bin/chromium)
// Every wait is on the chain's or the page's state; the only clock is a
// generous overall limit so a broken run ends instead of hanging.
import { chromium } from "playwright-core";
import { mkdirSync } from "node:fs";
import { join } from "node:path";

const env = (k, d) => process.env[k] ?? d ?? (() => { throw new Error(`${k} is not set`); })();
const APP = env("APP_URL"), REST = env("REST_URL"), LAUNCH = env("LAUNCH_ID"), SHOTS = env("SHOTS_DIR");
const WAIT = { timeout: 10 * 60_000 };
mkdirSync(SHOTS, { recursive: true });

const log = (...a) => console.log("web-e2e:", ...a);
async function rest(path) {
  const r = await fetch(REST + path);
  const b = await r.json();
  if (!r.ok) throw new Error(`${path}: ${r.status} ${JSON.stringify(b)}`);
  return b;
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
/** until polls fn (on the chain's state) until it returns a truthy value. */
async function until(what, fn) {
  for (let i = 0; ; i++) {
    const v = await fn().catch(() => undefined);
    if (v) return v;
    if (i % 15 === 0) log(`waiting: ${what}`);
    await sleep(1000);
  }
}
function check(cond, msg) {
  if (!cond) throw new Error(msg);
}

const browser = await chromium.launch({
  executablePath: env("CHROMIUM", "/usr/bin/chromium"),
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync"],
});
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
page.setDefaultTimeout(WAIT.timeout);
page.on("pageerror", (e) => log("page error:", e.message));
// Optional queries (a pool not opened yet, an epoch not settled) answer 404 by design: not worth a line.
page.on("console", (m) => { if (m.type() === "error" && !/status of 404/.test(m.text())) log("console:", m.text()); });
const shot = (name) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
const raw = (testid) => page.getByTestId(testid).getAttribute("data-raw");
const refresh = async () => { await page.getByTestId("refresh").click(); await page.locator("main > div, main > section").first().waitFor(); };
/** rendered re-renders the page until the value it shows equals what REST says now (both can move as blocks land). */
async function rendered(what, testid, restValue) {
  return until(`${what} on the page equals REST`, async () => {
    await refresh();
    const [shown, want] = [await page.getByTestId(testid).getAttribute("data-raw", { timeout: 5000 }), await restValue()];
    return shown === want ? shown : undefined;
  });
}

try {
  // 1. The model tokens page, as anyone sees it.
  await page.goto(APP);
  await page.getByTestId("models-page").waitFor();
  const supply = await raw("supply-mt/llama");
  const eco = await rest("/flock/modeltoken/v1/economy?denom=mt/llama");
  check(supply === eco.supply, `LLAMA supply shown ${supply}, REST ${eco.supply}`);
  await shot("models");

  // 2. Connect the DEV-ONLY wallet as alice.
  await page.getByTestId("dev-account").selectOption("alice");
  await page.getByTestId("dev-connect").click();
  const addr = (await page.getByTestId("wallet-address").getAttribute("title")).trim();
  log("alice is", addr);

  // 3. The launch: a quote as she types equals the chain's quote; she buys past the max, which fills the raise.
  await page.goto(`${APP}#/launches`);
  await page.getByTestId(`launch-link-${LAUNCH}`).waitFor();
  await shot("launches");
  await page.goto(`${APP}#/launch/${LAUNCH}`);
  await page.getByTestId("curve-chart").waitFor();
  await page.getByTestId("buy-amount").fill("12000");
  await page.locator('[data-testid="buy-quote"][data-raw]').waitFor();
  const q = await rest(`/flock/modeltoken/v1/launches/${LAUNCH}/quote?amount=12000000000`);
  check(await page.getByTestId("buy-quote").getAttribute("data-raw") === q.quote.mt_out, `quote shown differs from REST ${q.quote.mt_out}`);
  await shot("launch");
  await page.getByTestId("buy-button").click();
  await page.locator('[data-testid="buy-status"][data-state="ok"], [data-testid="buy-status"][data-state="error"]').waitFor();
  check(await page.getByTestId("buy-status").getAttribute("data-state") === "ok", "buy: " + await page.getByTestId("buy-status").textContent());
  const launch = await until("the launch graduated", async () => {
    const l = (await rest(`/flock/modeltoken/v1/launches/${LAUNCH}`)).launch;
    return l.status === "LAUNCH_STATUS_GRADUATED" ? l : undefined;
  });
  log("launch graduated:", launch.denom);

  // 4. Claim the MT she bought.
  await refresh();
  await page.getByTestId("claim-button").click();
  await page.locator('[data-testid="claim-status"][data-state="ok"], [data-testid="claim-status"][data-state="error"]').waitFor();
  check(await page.getByTestId("claim-status").getAttribute("data-state") === "ok", "claim: " + await page.getByTestId("claim-status").textContent());
  const claim = (await rest(`/flock/modeltoken/v1/launches/${LAUNCH}/claims/${addr}`)).claim;
  check(claim.claimed === true, "REST says the claim is not claimed");

  // 5. Stake 100 of it from the account page.
  await page.goto(`${APP}#/account`);
  await page.getByTestId("account-page").waitFor();
  await page.getByTestId("stake-denom").selectOption(launch.denom);
  await page.getByTestId("stake-amount").fill("100");
  await page.getByTestId("stake-button").click();
  await page.locator('[data-testid="account-status"][data-state="ok"], [data-testid="account-status"][data-state="error"]').waitFor();
  check(await page.getByTestId("account-status").getAttribute("data-state") === "ok", "stake: " + await page.getByTestId("account-status").textContent());
  const pos = await rest(`/flock/modeltoken/v1/positions/${addr}/by_denom?denom=${launch.denom}`);
  check(pos.position.amount === "100000000", `REST position ${JSON.stringify(pos)}`);

  // 6. Wait for an epoch with her usage to settle; the page's pending rewards equal REST's.
  await until("alice has settled rewards", async () => (await rest(`/flock/modeltoken/v1/rewards/${addr}`)).total.some((c) => c.denom === "uflock"));
  const pending = await rendered("pending FLOCK", "pending-total-uflock", async () =>
    (await rest(`/flock/modeltoken/v1/rewards/${addr}`)).total.find((c) => c.denom === "uflock")?.amount);
  log("pending rewards shown = REST:", pending);
  await shot("account");

  // 7. Claim them; the FLOCK balance shown equals REST's.
  await page.getByTestId("claim-rewards").click();
  await page.locator('[data-testid="account-status"][data-state="ok"], [data-testid="account-status"][data-state="error"]').waitFor();
  check(await page.getByTestId("account-status").getAttribute("data-state") === "ok", "claim rewards: " + await page.getByTestId("account-status").textContent());
  const balance = await rendered("FLOCK balance", "balance-uflock", async () =>
    (await rest(`/cosmos/bank/v1beta1/balances/${addr}/by_denom?denom=uflock`)).balance.amount);
  log("balance shown = REST:", balance);

  // 8. Epochs page: the emission so far equals the sum of REST's epoch summaries.
  await page.goto(`${APP}#/epochs`);
  await page.getByTestId("epochs-page").waitFor();
  await rendered("emitted so far", "emitted-total", async () => {
    const first = await rest("/flock/modeltoken/v1/epochs/1");
    let sum = 0n;
    for (let e = 1; e < Number(first.next_epoch_to_settle); e++) sum += BigInt((await rest(`/flock/modeltoken/v1/epochs/${e}`)).summary.emitted);
    return sum.toString();
  });
  await shot("epochs");
  log("ok");
} catch (e) {
  await shot("failure").catch(() => {});
  console.error("web-e2e: FAILED:", e);
  process.exitCode = 1;
} finally {
  await browser.close();
}
