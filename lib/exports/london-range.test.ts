import { describe, expect, it } from "vitest";
import { shopDayRange } from "@/lib/shop-day-input";
import { londonDayRange } from "./london-range";

describe("London calendar ranges", () => {
  it("covers whole London days in winter (GMT) and summer (BST), both ends inclusive", () => {
    expect(londonDayRange("2026-01-10", "2026-01-12")).toEqual({ startsAt: "2026-01-10T00:00:00.000Z", endsBefore: "2026-01-13T00:00:00.000Z" });
    expect(londonDayRange("2026-07-01", "2026-07-31")).toEqual({ startsAt: "2026-06-30T23:00:00.000Z", endsBefore: "2026-07-31T23:00:00.000Z" });
  });

  it("handles the days the clocks change", () => {
    // 29 March 2026: clocks go forward at 01:00 GMT; 25 October 2026: back at 01:00 GMT.
    expect(londonDayRange("2026-03-29", "2026-03-29")).toEqual({ startsAt: "2026-03-29T00:00:00.000Z", endsBefore: "2026-03-29T23:00:00.000Z" });
    expect(londonDayRange("2026-10-25", "2026-10-25")).toEqual({ startsAt: "2026-10-24T23:00:00.000Z", endsBefore: "2026-10-26T00:00:00.000Z" });
  });

  it("refuses malformed, impossible and reversed dates", () => {
    expect(shopDayRange.safeParse({ from: "2026-02-01", to: "2026-02-28" }).success).toBe(true);
    for (const range of [
      { from: "2026-2-1", to: "2026-02-28" },
      { from: "2026-02-30", to: "2026-03-01" },
      { from: "yesterday", to: "2026-03-01" },
      { from: "2026-03-02", to: "2026-03-01" },
      { from: "2026-03-01" },
    ]) {
      expect(shopDayRange.safeParse(range).success, JSON.stringify(range)).toBe(false);
    }
  });
});
