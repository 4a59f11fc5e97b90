// Which shop days a report covers, the equally long period before it, and the buckets of its chart.
import { z } from "zod";
import { addDays, dayIndex, dayOfIndex, shopDayOf, startOfShopDay, weekdayOf } from "@/lib/shop-calendar";
import { ACCEPTED_SPAN_DAYS, refineShopDayRange, SHOP_FIRST_DAY, shopDay } from "@/lib/shop-day-input";
import { STORE_TIME_ZONE } from "@/lib/time";

export const RANGE_KEYS = ["7d", "30d", "90d", "all", "custom"] as const;
export type RangeKey = (typeof RANGE_KEYS)[number];

const PRESET_DAYS = { "7d": 7, "30d": 30, "90d": 90 } as const;

/** Up to this many days a chart has a point per day; longer ranges have a point per week. */
export const MAX_DAILY_BUCKETS = 92;

export const analyticsQuery = z
  .object({
    range: z.enum(RANGE_KEYS).default("30d"),
    from: shopDay.optional(),
    to: shopDay.optional(),
  })
  .superRefine((query, context) => {
    if (query.range !== "custom") return;
    if (!query.from) context.addIssue({ code: "custom", path: ["from"], message: "a custom range needs a start date" });
    if (!query.to) context.addIssue({ code: "custom", path: ["to"], message: "a custom range needs an end date" });
    refineShopDayRange(query, context);
  });
export type AnalyticsQuery = z.infer<typeof analyticsQuery>;

export type Bucket = { key: string; startsAt: string; endsAt: string };

export type Period = {
  /** First and last shop day, both included. */
  from: string;
  to: string;
  days: number;
  /** UTC instants of the London midnights that bound the period: [startsAt, endsAt). */
  startsAt: string;
  endsAt: string;
  bucket: "day" | "week";
  buckets: Bucket[];
};

export type ReportPeriods = { key: RangeKey; timeZone: string; current: Period; previous: Period };

/**
 * The chart's buckets, counted before the loop from day numbers: one per day, or one per Monday
 * week clipped to the range. The loop runs exactly that many times, so no date text, however odd,
 * can keep it going.
 */
function bucketsOf(first: number, last: number, size: "day" | "week"): Bucket[] {
  // Bucket i starts on day startOf(i): the range's first day, then (for weeks) each Monday after it. periodOf caps the days, so count ≤ ACCEPTED_SPAN_DAYS.
  const firstMonday = first + 7 - weekdayOf(dayOfIndex(first));
  const count = size === "day" ? last - first + 1 : firstMonday > last ? 1 : 2 + Math.floor((last - firstMonday) / 7);
  const startOf = (i: number) => (size === "day" ? first + i : i === 0 ? first : firstMonday + 7 * (i - 1));
  const buckets: Bucket[] = [];
  let startsAt = startOfShopDay(dayOfIndex(first)).toISOString();
  for (let i = 0; i < count; i += 1) {
    const end = i + 1 < count ? startOf(i + 1) : last + 1;
    // Each bucket starts where the one before ended: one time zone conversion per bucket.
    const endsAt = startOfShopDay(dayOfIndex(end)).toISOString();
    buckets.push({ key: dayOfIndex(startOf(i)), startsAt, endsAt });
    startsAt = endsAt;
  }
  return buckets;
}

/**
 * A period of 1 to ACCEPTED_SPAN_DAYS shop days (a custom range is capped lower, at MAX_RANGE_DAYS, by
 * its query; `all` may cover every accepted day); anything else is a bug upstream, refused here.
 */
export function periodOf(from: string, to: string): Period {
  const first = dayIndex(from);
  const last = dayIndex(to);
  const days = last - first + 1;
  if (days < 1 || days > ACCEPTED_SPAN_DAYS) throw new RangeError(`A report period covers 1 to ${ACCEPTED_SPAN_DAYS} days, not ${days} (${from} to ${to}).`);
  const bucket = days > MAX_DAILY_BUCKETS ? "week" : "day";
  return {
    from,
    to,
    days,
    startsAt: startOfShopDay(from).toISOString(),
    endsAt: startOfShopDay(addDays(to, 1)).toISOString(),
    bucket,
    buckets: bucketsOf(first, last, bucket),
  };
}

/**
 * Presets end today (a partial day) and reach back whole shop days: `7d` is today and the six days
 * before it. `all` starts on the day of the first order (`firstDay`), or today for a new shop.
 * The previous period is the same number of days straight before, compared like for like.
 */
export function resolvePeriods(query: AnalyticsQuery, { now = new Date(), firstDay }: { now?: Date; firstDay?: string | null } = {}): ReportPeriods {
  const today = dayIndex(shopDayOf(now));
  let from: number;
  let to: number;
  if (query.range === "custom") {
    from = dayIndex(query.from!);
    to = dayIndex(query.to!);
  } else if (query.range === "all") {
    to = today;
    // Orders imported from before the shop's accepted days, or a clock set wrong, cannot stretch the report.
    from = Math.min(today, Math.max(firstDay ? dayIndex(firstDay) : today, dayIndex(SHOP_FIRST_DAY)));
  } else {
    to = today;
    from = today - (PRESET_DAYS[query.range] - 1);
  }
  const current = periodOf(dayOfIndex(from), dayOfIndex(to));
  const previous = periodOf(dayOfIndex(from - current.days), dayOfIndex(from - 1));
  return { key: query.range, timeZone: STORE_TIME_ZONE, current, previous };
}
