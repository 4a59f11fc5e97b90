import { describe, expect, it } from "vitest";
import {
  addDays,
  CALENDAR_FIRST_DAY,
  CALENDAR_LAST_DAY,
  dayIndex,
  dayOfIndex,
  daysBetweenInclusive,
  isCalendarDay,
  shopDayOf,
  ShopCalendarRangeError,
  startOfShopDay,
  startOfShopWeekAt,
  utcToZonedWallTime,
  weekdayOf,
  zonedTimeToUtc,
} from "./shop-calendar";

describe("the shop calendar's arithmetic", () => {
  it("counts days as numbers from 1970-01-01 and writes them back as four-digit dates", () => {
    expect(dayIndex("1970-01-01")).toBe(0);
    expect(dayIndex("2026-03-01") - dayIndex("2026-02-28")).toBe(1);
    expect(dayOfIndex(dayIndex("2024-02-29"))).toBe("2024-02-29");
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2025-02-28", 1)).toBe("2025-03-01");
    expect(addDays("2026-01-01", -1)).toBe("2025-12-31");
    expect(daysBetweenInclusive("2026-01-01", "2026-12-31")).toBe(365);
    expect(daysBetweenInclusive("2026-01-02", "2026-01-01")).toBe(0);
  });

  it("never writes a year it cannot sort: a day past the calendar throws instead of becoming '+010000-01-01'", () => {
    expect(() => addDays("9999-12-31", 1)).toThrow(ShopCalendarRangeError);
    expect(() => addDays(CALENDAR_LAST_DAY, 1)).toThrow(ShopCalendarRangeError);
    expect(() => addDays(CALENDAR_FIRST_DAY, -1)).toThrow(ShopCalendarRangeError);
    expect(addDays(CALENDAR_LAST_DAY, 0)).toBe("2199-12-31");
    expect(addDays(CALENDAR_FIRST_DAY, 0)).toBe("1900-01-01");
    expect(() => addDays("2026-01-01", 1e9)).toThrow(ShopCalendarRangeError);
    expect(() => addDays("2026-01-01", 0.5)).toThrow(ShopCalendarRangeError);
    expect(() => addDays("2026-01-01", Number.NaN)).toThrow(ShopCalendarRangeError);
    expect(() => dayOfIndex(Number.POSITIVE_INFINITY)).toThrow(ShopCalendarRangeError);
  });

  it("knows real dates: 2000-02-29 is one, 2001-02-29 and 2026-13-01 are not, nor are years 0000 and 9999", () => {
    expect(isCalendarDay("2000-02-29")).toBe(true);
    expect(isCalendarDay("1900-02-28")).toBe(true);
    for (const value of ["2001-02-29", "1900-02-29", "2026-13-01", "2026-02-30", "2026-00-10", "2026-01-00", "0000-01-01", "9999-12-31", "+010000-01-01", "2026-1-1", "", "٢٠٢٦-٠١-٠١", "2026-01-01T00:00"]) {
      expect(isCalendarDay(value), value).toBe(false);
      expect(() => dayIndex(value), value).toThrow(ShopCalendarRangeError);
      expect(() => startOfShopDay(value), value).toThrow(ShopCalendarRangeError);
    }
  });

  it("names weekdays from Monday (0) to Sunday (6)", () => {
    expect(weekdayOf("2026-07-13")).toBe(0);
    expect(weekdayOf("2026-07-19")).toBe(6);
    expect(weekdayOf("1970-01-01")).toBe(3);
    expect(weekdayOf("1969-12-29")).toBe(0);
    expect(startOfShopWeekAt(new Date("2026-07-19T22:59:00.000Z")).toISOString()).toBe("2026-07-12T23:00:00.000Z");
  });

  it("gives London's clock-change days 23 and 25 hours", () => {
    const hours = (day: string) => (startOfShopDay(addDays(day, 1)).getTime() - startOfShopDay(day).getTime()) / 3_600_000;
    expect(hours("2026-03-29")).toBe(23);
    expect(hours("2026-10-25")).toBe(25);
    expect(hours("2026-06-01")).toBe(24);
    expect(hours("2100-03-28")).toBe(23);
    expect(zonedTimeToUtc("2026-03-29", "01:30").toISOString()).toBe("2026-03-29T01:30:00.000Z");
  });

  it("refuses an instant or a time of day it cannot name", () => {
    expect(() => shopDayOf(new Date(Number.NaN))).toThrow(ShopCalendarRangeError);
    expect(() => shopDayOf(new Date("+010000-01-01T00:00:00.000Z"))).toThrow(ShopCalendarRangeError);
    expect(() => utcToZonedWallTime(new Date("0000-06-01T00:00:00.000Z"))).toThrow(ShopCalendarRangeError);
    expect(() => zonedTimeToUtc("2026-01-01", "24:00")).toThrow(ShopCalendarRangeError);
    expect(() => zonedTimeToUtc("2026-01-01", "12:60")).toThrow(ShopCalendarRangeError);
    expect(() => zonedTimeToUtc("2026-01-01", "noon")).toThrow(ShopCalendarRangeError);
    expect(shopDayOf(new Date("2199-12-31T23:59:59.999Z"))).toBe("2199-12-31");
  });
});
