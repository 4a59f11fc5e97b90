import { describe, expect, it } from "vitest";
import { analyticsQuery, periodOf, resolvePeriods } from "./analytics-range";
import { addDays, shopDayOf, startOfShopDay, utcToZonedWallTime, zonedTimeToUtc } from "@/lib/shop-calendar";
import { MAX_RANGE_DAYS } from "@/lib/shop-day-input";

describe("the shop calendar (Europe/London)", () => {
  it("starts a winter day at midnight UTC and a summer day at 23:00 UTC the evening before", () => {
    expect(startOfShopDay("2026-01-15").toISOString()).toBe("2026-01-15T00:00:00.000Z");
    expect(startOfShopDay("2026-07-15").toISOString()).toBe("2026-07-14T23:00:00.000Z");
  });

  it("names the London day of an instant on both sides of midnight, in BST and in GMT", () => {
    expect(shopDayOf(new Date("2026-07-14T22:59:59.999Z"))).toBe("2026-07-14");
    expect(shopDayOf(new Date("2026-07-14T23:00:00.000Z"))).toBe("2026-07-15");
    expect(shopDayOf(new Date("2026-01-14T23:59:59.999Z"))).toBe("2026-01-14");
    expect(shopDayOf(new Date("2026-01-15T00:00:00.000Z"))).toBe("2026-01-15");
  });

  it("converts wall times across the clock changes: the spring gap moves forward, the autumn repeat takes the first", () => {
    expect(zonedTimeToUtc("2026-03-29", "00:30").toISOString()).toBe("2026-03-29T00:30:00.000Z");
    expect(zonedTimeToUtc("2026-03-29", "01:30").toISOString()).toBe("2026-03-29T01:30:00.000Z");
    expect(zonedTimeToUtc("2026-03-29", "02:30").toISOString()).toBe("2026-03-29T01:30:00.000Z");
    expect(zonedTimeToUtc("2026-10-25", "01:30").toISOString()).toBe("2026-10-25T00:30:00.000Z");
    expect(zonedTimeToUtc("2026-10-25", "02:30").toISOString()).toBe("2026-10-25T02:30:00.000Z");
    expect(utcToZonedWallTime(new Date("2026-07-01T08:00:00.000Z"))).toBe("2026-07-01T09:00");
    expect(utcToZonedWallTime(new Date("2026-12-01T08:00:00.000Z"))).toBe("2026-12-01T08:00");
  });
});

describe("resolvePeriods", () => {
  const resolve = (query: Record<string, string>, now: string, firstDay?: string) =>
    resolvePeriods(analyticsQuery.parse(query), { now: new Date(now), firstDay });

  it("ends a preset today in London, even when the UTC date is still yesterday", () => {
    const { current, previous } = resolve({ range: "7d" }, "2026-07-14T23:30:00.000Z");
    expect(current).toMatchObject({ from: "2026-07-09", to: "2026-07-15", days: 7, startsAt: "2026-07-08T23:00:00.000Z", endsAt: "2026-07-15T23:00:00.000Z" });
    expect(previous).toMatchObject({ from: "2026-07-02", to: "2026-07-08", days: 7, startsAt: "2026-07-01T23:00:00.000Z", endsAt: "2026-07-08T23:00:00.000Z" });
  });

  it("bounds a winter range by UTC midnights", () => {
    const { current, previous } = resolve({ range: "30d" }, "2026-01-30T12:00:00.000Z");
    expect(current).toMatchObject({ from: "2026-01-01", to: "2026-01-30", startsAt: "2026-01-01T00:00:00.000Z", endsAt: "2026-01-31T00:00:00.000Z" });
    expect(previous).toMatchObject({ from: "2025-12-02", to: "2025-12-31", days: 30, endsAt: "2026-01-01T00:00:00.000Z" });
  });

  it("gives the spring-forward day 23 hours and the autumn day 25", () => {
    const spring = resolve({ range: "custom", from: "2026-03-28", to: "2026-03-30" }, "2026-07-01T12:00:00.000Z").current;
    expect(spring.buckets).toEqual([
      { key: "2026-03-28", startsAt: "2026-03-28T00:00:00.000Z", endsAt: "2026-03-29T00:00:00.000Z" },
      { key: "2026-03-29", startsAt: "2026-03-29T00:00:00.000Z", endsAt: "2026-03-29T23:00:00.000Z" },
      { key: "2026-03-30", startsAt: "2026-03-29T23:00:00.000Z", endsAt: "2026-03-30T23:00:00.000Z" },
    ]);
    const autumn = resolve({ range: "custom", from: "2026-10-25", to: "2026-10-25" }, "2026-12-01T12:00:00.000Z");
    expect(autumn.current).toMatchObject({ startsAt: "2026-10-24T23:00:00.000Z", endsAt: "2026-10-26T00:00:00.000Z" });
    expect(autumn.previous).toMatchObject({ from: "2026-10-24", startsAt: "2026-10-23T23:00:00.000Z", endsAt: "2026-10-24T23:00:00.000Z" });
  });

  it("charts days up to 92 days and Monday weeks beyond", () => {
    expect(resolve({ range: "90d" }, "2026-07-15T12:00:00.000Z").current).toMatchObject({ bucket: "day" });
    expect(resolve({ range: "90d" }, "2026-07-15T12:00:00.000Z").current.buckets).toHaveLength(90);
    const all = resolve({ range: "all" }, "2026-07-15T12:00:00.000Z", "2026-01-01").current;
    expect(all).toMatchObject({ from: "2026-01-01", bucket: "week" });
    expect(all.buckets[1]!.key).toBe("2026-01-05");
    expect(all.buckets.at(-1)).toMatchObject({ key: "2026-07-13", endsAt: "2026-07-15T23:00:00.000Z" });
  });

  it("starts `all` today for a shop without orders", () => {
    expect(resolve({ range: "all" }, "2026-07-15T12:00:00.000Z").current).toMatchObject({ from: "2026-07-15", to: "2026-07-15", days: 1 });
  });

  it("refuses custom ranges without both dates, backwards, impossible dates, outside 2000–2100 or longer than the cap", () => {
    for (const query of [
      { range: "custom" },
      { range: "custom", from: "2026-07-01" },
      { range: "custom", from: "2026-07-02", to: "2026-07-01" },
      { range: "custom", from: "2026-02-30", to: "2026-03-01" },
      { range: "custom", from: "2000-01-01", to: "2026-01-01" },
      { range: "custom", from: "9999-12-25", to: "9999-12-31" },
      { range: "custom", from: "1999-12-31", to: "2000-01-01" },
      { range: "custom", from: "2024-01-01", to: addDays("2024-01-01", MAX_RANGE_DAYS) },
      { range: "14d" },
    ]) {
      expect(analyticsQuery.safeParse(query).success, JSON.stringify(query)).toBe(false);
    }
  });

  it(`covers a custom range of exactly ${MAX_RANGE_DAYS} days in Monday weeks, its previous period just as long`, () => {
    const to = addDays("2024-01-01", MAX_RANGE_DAYS - 1);
    const { current, previous } = resolve({ range: "custom", from: "2024-01-01", to }, "2027-01-01T12:00:00.000Z");
    expect(current).toMatchObject({ from: "2024-01-01", to, days: MAX_RANGE_DAYS, bucket: "week" });
    expect(previous).toMatchObject({ to: "2023-12-31", days: MAX_RANGE_DAYS });
    // 2024-01-01 is a Monday: whole weeks, the last one clipped to the range.
    expect(current.buckets).toHaveLength(Math.ceil(MAX_RANGE_DAYS / 7));
    expect(current.buckets.at(-1)).toMatchObject({ endsAt: current.endsAt });
  });

  it("starts `all` on the first order's day, but no earlier than 2000-01-01, however long ago that is", () => {
    const longAgo = resolve({ range: "all" }, "2026-07-15T12:00:00.000Z", "1970-01-01");
    expect(longAgo.current).toMatchObject({ from: "2000-01-01", to: "2026-07-15", bucket: "week" });
    expect(longAgo.current.buckets.length).toBeLessThanOrEqual(Math.ceil(longAgo.current.days / 7) + 1);
    expect(resolve({ range: "all" }, "2026-07-15T12:00:00.000Z", "2019-03-02").current).toMatchObject({ from: "2019-03-02" });
    expect(resolve({ range: "all" }, "2001-01-01T12:00:00.000Z", "1990-01-01").current).toMatchObject({ from: "2000-01-01", to: "2001-01-01" });
  });
});

describe("periodOf, the loop over a report's days", () => {
  it("refuses a period past the calendar instead of counting forever (9999-12-31 once never ended)", () => {
    expect(() => addDays("9999-12-31", 1)).toThrow(RangeError);
    expect(() => periodOf("9999-12-25", "9999-12-31")).toThrow(RangeError);
    expect(() => periodOf("2026-01-02", "2026-01-01")).toThrow(RangeError);
    expect(() => periodOf("1999-12-31", "2100-12-31")).toThrow(RangeError);
    expect(periodOf("2000-01-01", "2100-12-31").buckets.length).toBeLessThan(5_400);
  });

  it("has one bucket per day, each starting where the one before ended, across a year's clock changes", () => {
    const period = periodOf("2026-03-28", "2026-03-30");
    expect(period.buckets.map((bucket) => bucket.key)).toEqual(["2026-03-28", "2026-03-29", "2026-03-30"]);
    const weeks = periodOf("2026-01-01", "2026-12-31");
    expect(weeks.buckets[0]).toMatchObject({ key: "2026-01-01", startsAt: "2026-01-01T00:00:00.000Z" });
    expect(weeks.buckets[1]!.key).toBe("2026-01-05");
    expect(weeks.buckets.at(-1)).toMatchObject({ key: "2026-12-28", endsAt: "2027-01-01T00:00:00.000Z" });
    expect(weeks.buckets).toHaveLength(53);
    for (let i = 1; i < weeks.buckets.length; i += 1) expect(weeks.buckets[i]!.startsAt).toBe(weeks.buckets[i - 1]!.endsAt);
    const oneMonday = periodOf("2026-07-13", "2026-07-13");
    expect(oneMonday.buckets).toEqual([{ key: "2026-07-13", startsAt: "2026-07-12T23:00:00.000Z", endsAt: "2026-07-13T23:00:00.000Z" }]);
  });
});
