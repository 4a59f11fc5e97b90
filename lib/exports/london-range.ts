// Shop-calendar date ranges: "from 1 March to 31 March" means London's days, both ends inclusive.
import { addDays, startOfShopDay } from "@/lib/shop-calendar";
import { STORE_TIME_ZONE } from "@/lib/time";

export type InstantRange = {
  /** First instant of the first day (inclusive), ISO UTC. */
  startsAt: string;
  /** First instant after the last day (exclusive), ISO UTC. */
  endsBefore: string;
};

/**
 * The UTC instants a range of shop days covers: from London's midnight starting `from` to London's
 * midnight ending `to` (the shop calendar's day starts, so DST days are 23 or 25 hours). Days come
 * validated (lib/shop-day-input.ts); a day the calendar cannot name throws instead of giving a range.
 */
export function londonDayRange(from: string, to: string, timeZone = STORE_TIME_ZONE): InstantRange {
  return {
    startsAt: startOfShopDay(from, timeZone).toISOString(),
    endsBefore: startOfShopDay(addDays(to, 1), timeZone).toISOString(),
  };
}
