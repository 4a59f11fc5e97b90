// Shop-calendar date ranges: "from 1 March to 31 March" means London's days, both ends inclusive.
import { z } from "zod";
import { startOfShopDayAt } from "@/lib/shop-calendar";
import { STORE_TIME_ZONE } from "@/lib/time";

const DAY_MS = 86_400_000;

/** A real calendar date written YYYY-MM-DD (2026-02-30 is refused, not rolled into March). */
export const calendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date written YYYY-MM-DD.")
  .refine((value) => {
    const parsed = new Date(`${value}T00:00:00.000Z`);
    return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(value);
  }, "That date does not exist.");

export type InstantRange = {
  /** First instant of the first day (inclusive), ISO UTC. */
  startsAt: string;
  /** First instant after the last day (exclusive), ISO UTC. */
  endsBefore: string;
};

/**
 * The UTC instants a range of shop days covers: from London's midnight starting `from` to London's
 * midnight ending `to`. Midday is used to name a day because it is never inside a DST jump, so the
 * day's start is found by the dashboard's own zone arithmetic.
 */
export function londonDayRange(from: string, to: string, timeZone = STORE_TIME_ZONE): InstantRange {
  const middayOf = (date: string, plusDays = 0) => new Date(Date.parse(`${date}T12:00:00.000Z`) + plusDays * DAY_MS);
  return {
    startsAt: startOfShopDayAt(middayOf(from), timeZone).toISOString(),
    endsBefore: startOfShopDayAt(middayOf(to, 1), timeZone).toISOString(),
  };
}

/** `from` and `to` as query parameters, validated together. */
export const dateRangeQuery = z
  .object({ from: calendarDate, to: calendarDate })
  .refine((range) => range.from <= range.to, { message: "The start date must not be after the end date.", path: ["to"] });
