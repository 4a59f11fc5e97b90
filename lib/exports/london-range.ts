// Shop-calendar date ranges: "from 1 March to 31 March" means London's days, both ends inclusive.
import { z } from "zod";
import { addDays, isShopDay, startOfShopDay } from "@/lib/shop-calendar";
import { STORE_TIME_ZONE } from "@/lib/time";

/** A real calendar date written YYYY-MM-DD (2026-02-30 is refused, not rolled into March). */
export const calendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Use a date written YYYY-MM-DD.")
  .refine(isShopDay, "That date does not exist.");

export type InstantRange = {
  /** First instant of the first day (inclusive), ISO UTC. */
  startsAt: string;
  /** First instant after the last day (exclusive), ISO UTC. */
  endsBefore: string;
};

/**
 * The UTC instants a range of shop days covers: from London's midnight starting `from` to London's
 * midnight ending `to` (the shop calendar's day starts, so DST days are 23 or 25 hours).
 */
export function londonDayRange(from: string, to: string, timeZone = STORE_TIME_ZONE): InstantRange {
  return {
    startsAt: startOfShopDay(from, timeZone).toISOString(),
    endsBefore: startOfShopDay(addDays(to, 1), timeZone).toISOString(),
  };
}

/** `from` and `to` as query parameters, validated together. */
export const dateRangeQuery = z
  .object({ from: calendarDate, to: calendarDate })
  .refine((range) => range.from <= range.to, { message: "The start date must not be after the end date.", path: ["to"] });
