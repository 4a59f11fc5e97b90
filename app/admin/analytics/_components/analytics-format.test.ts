import { describe, expect, it } from "vitest";
import { describeConversion, formatConversionRate } from "./analytics-format";

describe("how the analytics page words the conversion rate", () => {
  it("says there is not enough data rather than showing a dash or a rate without visits", () => {
    expect(formatConversionRate(null)).toBe("Not enough data");
    expect(formatConversionRate(0.0425)).toBe("4.3%");
    expect(describeConversion({ from: "2026-07-01", sessions: 0, ordersSinceVisitsCounted: 0, visitsCountedFrom: null })).toBe(
      "No storefront visits counted yet: conversion needs visits to divide by.",
    );
  });

  it("names the day visit counting began when the period reaches back before it", () => {
    expect(describeConversion({ from: "2026-06-16", sessions: 8, ordersSinceVisitsCounted: 2, visitsCountedFrom: "2026-07-10" })).toBe(
      "2 paid orders ÷ 8 storefront visits (one per visitor per day), both counted from 10 Jul 2026, when visit counting began.",
    );
    expect(describeConversion({ from: "2026-07-10", sessions: 1, ordersSinceVisitsCounted: 1, visitsCountedFrom: "2026-07-10" })).toBe(
      "1 paid order ÷ 1 storefront visit (one per visitor per day).",
    );
  });
});
