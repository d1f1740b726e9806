import { describe, expect, it } from "vitest";
import { bpsOf, decToUnits, denomLabel, duration, durationSeconds, formatDec, fromDisplay, mulDecTruncate, toDisplay, withSlippage } from "./format.js";

describe("toDisplay / fromDisplay", () => {
  const cases: [string, string][] = [
    ["0", "0"],
    ["1", "0.000001"],
    ["1000000", "1"],
    ["1234500000", "1,234.5"],
    ["1000000000000000000000000001", "1,000,000,000,000,000,000,000.000001"],
  ];
  it.each(cases)("%s base units shows as %s and parses back", (base, shown) => {
    expect(toDisplay(base)).toBe(shown);
    expect(fromDisplay(shown)).toBe(base);
  });
  it("refuses what is not an amount", () => {
    for (const bad of ["", ".", "-1", "1e6", "1.0000001", "abc", "1.2.3"]) expect(fromDisplay(bad)).toBeNull();
  });
  it("negative amounts keep their sign", () => expect(toDisplay("-1500000")).toBe("-1.5"));
});

describe("decimal arithmetic matches cosmos.Dec", () => {
  it("parses 18-decimal strings", () => {
    expect(decToUnits("1.5")).toBe(1_500_000_000_000_000_000n);
    expect(decToUnits("0.000000000000000001")).toBe(1n);
    expect(() => decToUnits("1.0000000000000000001")).toThrow();
  });
  it("truncates the product like MulInt().TruncateInt()", () => {
    expect(mulDecTruncate("3", "0.333333333333333333")).toBe("0"); // 0.999… truncates to 0
    expect(mulDecTruncate("1000000", "2.5")).toBe("2500000");
    expect(mulDecTruncate("7", "1.999999999999999999")).toBe("13");
  });
  it("prints a cut, not rounded, decimal", () => {
    expect(formatDec("1.9999999")).toBe("1.999999");
    expect(formatDec("0.000000000000000001")).toBe("0");
    expect(formatDec("12345.5")).toBe("12,345.5");
  });
});

describe("progress, slippage, time", () => {
  it("bpsOf floors and survives a zero target", () => {
    expect(bpsOf("1", "3")).toBe(3333);
    expect(bpsOf("5", "0")).toBe(0);
    expect(bpsOf("20000000000", "10000000000")).toBe(20000);
  });
  it("withSlippage never asks for more than the quote", () => {
    expect(withSlippage("1000", 100)).toBe("990");
    expect(withSlippage("999", 100)).toBe("989"); // 989.01 floors
    expect(withSlippage("5", 0)).toBe("5");
  });
  it("formats and parses durations", () => {
    expect(duration(3_723_000)).toBe("1h 02m 03s");
    expect(duration(61_000)).toBe("1m 01s");
    expect(duration(-5)).toBe("0s");
    expect(duration(7 * 86_400_000)).toBe("7d 00h 00m"); // a 7-day raise, not "10080m 00s"
    expect(duration(86_400_000 + 3_723_000)).toBe("1d 01h 02m");
    expect(durationSeconds("120s")).toBe(120);
    expect(durationSeconds("1.5s")).toBe(1.5);
    expect(durationSeconds(undefined)).toBe(0);
  });
  it("labels denoms", () => {
    expect(denomLabel("uflock")).toBe("FLOCK");
    expect(denomLabel("mt/llama")).toBe("LLAMA");
    expect(denomLabel("ibc/ABC")).toBe("ibc/ABC");
  });
});
