import { describe, expect, it } from "vitest";
import { ShopCalendarRangeError } from "@/lib/shop-calendar";
import { londonDateTime } from "./london-time";

describe("London wall-clock time for spreadsheets", () => {
  it("shows GMT in winter, BST in summer, and the hours around both clock changes", () => {
    expect(londonDateTime("2026-01-15T09:30:00.000Z")).toBe("2026-01-15 09:30");
    expect(londonDateTime("2026-07-31T22:59:59.999Z")).toBe("2026-07-31 23:59");
    expect(londonDateTime("2026-07-31T23:00:00.000Z")).toBe("2026-08-01 00:00");
    expect(londonDateTime("2026-03-29T00:59:00.000Z")).toBe("2026-03-29 00:59");
    expect(londonDateTime("2026-03-29T01:00:00.000Z")).toBe("2026-03-29 02:00");
    expect(londonDateTime("2026-10-25T00:30:00.000Z")).toBe("2026-10-25 01:30");
    expect(londonDateTime("2026-10-25T01:30:00.000Z")).toBe("2026-10-25 01:30");
    expect(londonDateTime(null)).toBe("");
  });

  it("refuses a timestamp it cannot write as a four-digit date rather than print '+010000-01-01'", () => {
    expect(() => londonDateTime("+010000-01-01T00:00:00.000Z")).toThrow(ShopCalendarRangeError);
    expect(() => londonDateTime("-000001-12-31T23:00:00.000Z")).toThrow(ShopCalendarRangeError);
    expect(() => londonDateTime("not a time")).toThrow(ShopCalendarRangeError);
  });
});
