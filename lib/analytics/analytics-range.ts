// Which shop days a report covers, the equally long period before it, and the buckets of its chart.
import { z } from "zod";
import { addDays, daysBetweenInclusive, isShopDay, shopDayOf, startOfShopDay } from "@/lib/shop-calendar";
import { STORE_TIME_ZONE } from "@/lib/time";

export const RANGE_KEYS = ["7d", "30d", "90d", "all", "custom"] as const;
export type RangeKey = (typeof RANGE_KEYS)[number];

const PRESET_DAYS = { "7d": 7, "30d": 30, "90d": 90 } as const;

/** Up to this many days a chart has a point per day; longer ranges have a point per week. */
export const MAX_DAILY_BUCKETS = 92;
/** Ten years: far more than any report needs, small enough that a typo cannot ask for a million buckets. */
export const MAX_RANGE_DAYS = 3660;

const shopDay = z.string().refine(isShopDay, { message: "must be a calendar date, YYYY-MM-DD" });

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
    if (!query.from || !query.to) return;
    if (query.from > query.to) context.addIssue({ code: "custom", path: ["to"], message: "must be on or after the start date" });
    else if (daysBetweenInclusive(query.from, query.to) > MAX_RANGE_DAYS) {
      context.addIssue({ code: "custom", path: ["to"], message: `a range covers at most ${MAX_RANGE_DAYS} days` });
    }
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

function bucketsOf(from: string, to: string, size: "day" | "week"): Bucket[] {
  const buckets: Bucket[] = [];
  let key = from;
  let startsAt = startOfShopDay(from).toISOString();
  while (key <= to) {
    let next = addDays(key, 1);
    if (size === "week") {
      // Weeks start on Monday, as they do in the UK; the first and last weeks are clipped to the range.
      const weekday = new Date(`${key}T00:00:00.000Z`).getUTCDay();
      next = addDays(key, 7 - ((weekday + 6) % 7));
    }
    const end = next > to ? addDays(to, 1) : next;
    // Each bucket starts where the one before ended: one time zone conversion per bucket.
    const endsAt = startOfShopDay(end).toISOString();
    buckets.push({ key, startsAt, endsAt });
    key = end;
    startsAt = endsAt;
  }
  return buckets;
}

export function periodOf(from: string, to: string): Period {
  const days = daysBetweenInclusive(from, to);
  const bucket = days > MAX_DAILY_BUCKETS ? "week" : "day";
  return {
    from,
    to,
    days,
    startsAt: startOfShopDay(from).toISOString(),
    endsAt: startOfShopDay(addDays(to, 1)).toISOString(),
    bucket,
    buckets: bucketsOf(from, to, bucket),
  };
}

/**
 * Presets end today (a partial day) and reach back whole shop days: `7d` is today and the six days
 * before it. `all` starts on the day of the first order (`firstDay`), or today for a new shop.
 * The previous period is the same number of days straight before, compared like for like.
 */
export function resolvePeriods(query: AnalyticsQuery, { now = new Date(), firstDay }: { now?: Date; firstDay?: string | null } = {}): ReportPeriods {
  const today = shopDayOf(now);
  let from: string;
  let to: string;
  if (query.range === "custom") {
    from = query.from!;
    to = query.to!;
  } else if (query.range === "all") {
    to = today;
    from = firstDay && firstDay < today ? firstDay : today;
    if (daysBetweenInclusive(from, to) > MAX_RANGE_DAYS) from = addDays(to, -(MAX_RANGE_DAYS - 1));
  } else {
    to = today;
    from = addDays(today, -(PRESET_DAYS[query.range] - 1));
  }
  const current = periodOf(from, to);
  const previous = periodOf(addDays(from, -current.days), addDays(from, -1));
  return { key: query.range, timeZone: STORE_TIME_ZONE, current, previous };
}
