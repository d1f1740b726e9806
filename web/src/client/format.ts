// Exact decimal arithmetic for display, on BigInt: amounts arrive as integer
// strings of base units (uflock, MT base units: both 10^-6 of the display
// unit) and prices as cosmos.Dec strings (18 decimals). Nothing here rounds
// up, and every function is checked by format.test.ts.

export const EXPONENT = 6;
const DEC_PRECISION = 18n;

/** toDisplay shifts base units to the display unit, exactly, with thousands separators: "1234500000" -> "1,234.5". */
export function toDisplay(amount: string | bigint, exponent = EXPONENT): string {
  let v = BigInt(amount);
  const neg = v < 0n;
  if (neg) v = -v;
  const base = 10n ** BigInt(exponent);
  const int = (v / base).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const frac = (v % base).toString().padStart(exponent, "0").replace(/0+$/, "");
  return (neg ? "-" : "") + int + (frac ? "." + frac : "");
}

/** fromDisplay parses a typed display amount into base units; null if it is not a plain non-negative decimal or has too many decimals. */
export function fromDisplay(text: string, exponent = EXPONENT): string | null {
  const t = text.trim().replace(/,/g, "");
  const m = /^(\d*)(?:\.(\d*))?$/.exec(t);
  if (!m || (m[1] === "" && (m[2] ?? "") === "")) return null;
  const frac = m[2] ?? "";
  if (frac.length > exponent) return null;
  return (BigInt(m[1] || "0") * 10n ** BigInt(exponent) + BigInt(frac.padEnd(exponent, "0") || "0")).toString();
}

/** decToUnits parses a cosmos.Dec string ("1.5", "0.000001") into 10^-18 units. */
export function decToUnits(dec: string): bigint {
  const m = /^(-?)(\d+)(?:\.(\d{1,18}))?$/.exec(dec.trim());
  if (!m) throw new Error(`not a decimal: ${dec}`);
  const v = BigInt(m[2]) * 10n ** DEC_PRECISION + BigInt((m[3] ?? "").padEnd(18, "0"));
  return m[1] ? -v : v;
}

/** mulDecTruncate is floor(amount × dec) for a non-negative amount and price, as cosmos.Dec's MulInt(...).TruncateInt() does. */
export function mulDecTruncate(amount: string, dec: string): string {
  return ((BigInt(amount) * decToUnits(dec)) / 10n ** DEC_PRECISION).toString();
}

/** formatDec prints a cosmos.Dec with at most `digits` decimals (cut, not rounded), trailing zeros dropped. */
export function formatDec(dec: string, digits = 6): string {
  const units = decToUnits(dec);
  const neg = units < 0n;
  const abs = neg ? -units : units;
  const cut = abs / 10n ** (DEC_PRECISION - BigInt(digits));
  return (neg ? "-" : "") + toDisplay(cut, digits);
}

/** bpsOf is floor(part × 10000 / whole), 0 when whole is 0: a progress bar's fill. */
export function bpsOf(part: string, whole: string): number {
  const w = BigInt(whole);
  if (w <= 0n) return 0;
  return Number((BigInt(part) * 10000n) / w);
}

/** withSlippage is floor(amount × (10000 − bps) / 10000): the least a buy accepts. */
export function withSlippage(amount: string, bps: number): string {
  return ((BigInt(amount) * BigInt(10000 - bps)) / 10000n).toString();
}

/** duration formats milliseconds as "1h 02m 03s", or "7d 00h 00m" from a
 * day up (a 7-day raise is not "10080m 00s"); negative: "0s". */
export function duration(ms: number): string {
  if (ms <= 0) return "0s";
  const s = Math.floor(ms / 1000);
  const d = Math.floor(s / 86400), h = Math.floor((s % 86400) / 3600), m = Math.floor((s % 3600) / 60), sec = s % 60;
  if (d) return `${d}d ${String(h).padStart(2, "0")}h ${String(m).padStart(2, "0")}m`;
  if (h) return `${h}h ${String(m).padStart(2, "0")}m ${String(sec).padStart(2, "0")}s`;
  if (m) return `${m}m ${String(sec).padStart(2, "0")}s`;
  return `${sec}s`;
}

/** timeLeft is the countdown to a raise's end. */
export function timeLeft(end?: Date): string {
  if (!end) return "—";
  const ms = end.getTime() - Date.now();
  if (ms <= 0) return "ended: settles at the next block";
  return duration(ms);
}

/** durationSeconds parses a protobuf JSON duration ("120s", "1.5s"). */
export function durationSeconds(d: string | undefined): number {
  const m = /^(\d+)(?:\.(\d+))?s$/.exec(d ?? "");
  return m ? Number(m[1]) + Number("0." + (m[2] ?? "0")) : 0;
}

/** denomLabel: "uflock" -> "FLOCK", "mt/llama" -> "LLAMA", anything else unchanged. */
export function denomLabel(denom: string): string {
  if (denom === "uflock") return "FLOCK";
  if (denom.startsWith("mt/")) return denom.slice(3).toUpperCase();
  return denom;
}
