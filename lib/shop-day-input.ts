// The shop days the shop accepts from outside (query strings, forms, bodies): one day, and a range of them.
import { z } from "zod";
import { dayIndex, isCalendarDay } from "@/lib/shop-calendar";

/**
 * The days anyone may ask about. The shop's records start this century (the demo seed writes about
 * two years back from today; an import of older history still lands after 2000) and no report or
 * schedule needs a day past 2100. Well inside the calendar's own range (1900–2199), so a report's
 * previous period and the day after `to` can always be computed.
 */
export const SHOP_FIRST_YEAR = 2000;
export const SHOP_LAST_YEAR = 2100;
export const SHOP_FIRST_DAY = `${SHOP_FIRST_YEAR}-01-01`;
export const SHOP_LAST_DAY = `${SHOP_LAST_YEAR}-12-31`;

/**
 * The longest range of days a report or export covers: three calendar years, leap day included,
 * is 1,096 days; 1,100 gives that a little room. A report's work grows with its days (chart buckets,
 * the previous period), so one typed year must not ask for a century.
 */
export const MAX_RANGE_DAYS = 1100;

const FORMAT_MESSAGE = "must be a date written YYYY-MM-DD";

/** Why `value` is not a shop day, or null when it is one. */
export function shopDayProblem(value: unknown): string | null {
  const year = typeof value === "string" ? /^([0-9]{4})-[0-9]{2}-[0-9]{2}$/.exec(value)?.[1] : undefined;
  if (year === undefined) return FORMAT_MESSAGE;
  if (Number(year) < SHOP_FIRST_YEAR || Number(year) > SHOP_LAST_YEAR) return `must be between ${SHOP_FIRST_DAY} and ${SHOP_LAST_DAY}`;
  if (!isCalendarDay(value)) return "is not a real date";
  return null;
}

/** An ISO-8601 UTC timestamp (already validated as one) whose year is one of the shop's: for windows such as a discount's. */
export function isInShopYears(iso: string): boolean {
  const year = Number(/^([0-9]{4})-/.exec(iso)?.[1]);
  return year >= SHOP_FIRST_YEAR && year <= SHOP_LAST_YEAR;
}

/** A real date written `YYYY-MM-DD` between SHOP_FIRST_DAY and SHOP_LAST_DAY (2026-02-30 is refused, not rolled into March). */
export const shopDay = z.string().superRefine((value, context) => {
  const problem = shopDayProblem(value);
  if (problem) context.addIssue({ code: "custom", message: problem });
});

/**
 * Checks a from/to pair inside a larger schema (both optional there): a reversed pair is refused, and
 * so is one longer than MAX_RANGE_DAYS unless the caller's work does not grow with the days (a paged
 * list). Issues land on `to`, where the forms show them.
 */
export function refineShopDayRange(range: { from?: string; to?: string }, context: z.RefinementCtx, { isSpanCapped = true } = {}): void {
  if (!range.from || !range.to || shopDayProblem(range.from) || shopDayProblem(range.to)) return;
  const days = dayIndex(range.to) - dayIndex(range.from) + 1;
  if (days < 1) context.addIssue({ code: "custom", path: ["to"], message: "must be on or after the start date" });
  else if (isSpanCapped && days > MAX_RANGE_DAYS) {
    const limit = MAX_RANGE_DAYS.toLocaleString("en-GB");
    context.addIssue({ code: "custom", path: ["to"], message: `a range covers at most ${limit} days (about three years); this one covers ${days.toLocaleString("en-GB")}` });
  }
}

/** `from` and `to` as query parameters, both required, in order and at most MAX_RANGE_DAYS apart. */
export const shopDayRange = z.object({ from: shopDay, to: shopDay }).superRefine((range, context) => refineShopDayRange(range, context));

/**
 * `from` and `to`, both required and in order, spanning any of the accepted days: for work that
 * streams and does not grow with the days (an export), so an owner can take every year at once.
 */
export const uncappedShopDayRange = z
  .object({ from: shopDay, to: shopDay })
  .superRefine((range, context) => refineShopDayRange(range, context, { isSpanCapped: false }));

/** Days from SHOP_FIRST_DAY to SHOP_LAST_DAY: the longest period anything in the shop can cover. */
export const ACCEPTED_SPAN_DAYS = dayIndex(SHOP_LAST_DAY) - dayIndex(SHOP_FIRST_DAY) + 1;
