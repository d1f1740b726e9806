// Helpers the pages share: settled epochs to chart, and "optional" queries.
import type { AppState } from "../state.js";

/** maybe runs a query whose absence is normal (no pool yet, epoch not settled). */
export async function maybe<T>(p: Promise<T>): Promise<T | undefined> {
  try {
    return await p;
  } catch {
    return undefined;
  }
}

/** recentSettledEpochs lists up to `count` settled epochs, newest last. */
export async function recentSettledEpochs(state: AppState, count: number): Promise<number[]> {
  const cur = await state.rest.epoch();
  const probe = await maybe(state.rest.epochSummary(1));
  const next = Number(probe?.nextEpochToSettle ?? 1);
  const last = Math.min(next - 1, Number(cur.epoch?.number ?? 1));
  const out: number[] = [];
  for (let e = Math.max(1, last - count + 1); e <= last; e++) out.push(e);
  return out;
}
