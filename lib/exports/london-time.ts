// Timestamps as the shop's wall-clock time for spreadsheets: "2026-03-29 14:05" in Europe/London.
import { dayOfIndex, DAY_MS, ShopCalendarRangeError, zoneOffsetMinutes } from "@/lib/shop-calendar";
import { STORE_TIME_ZONE } from "@/lib/time";

const HOUR_MS = 3_600_000;

/**
 * London's offset from UTC for each UTC hour. Clocks change on the hour, so an hour never holds two
 * offsets; caching by hour turns an export's 100,000 Intl calls into a few thousand.
 */
const offsetByHour = new Map<number, number>();

function offsetMs(instant: number): number {
  const hour = Math.floor(instant / HOUR_MS);
  let offset = offsetByHour.get(hour);
  if (offset === undefined) {
    offset = zoneOffsetMinutes(new Date(hour * HOUR_MS), STORE_TIME_ZONE) * 60_000;
    if (offsetByHour.size > 50_000) offsetByHour.clear();
    offsetByHour.set(hour, offset);
  }
  return offset;
}

/** ISO UTC → London local "YYYY-MM-DD HH:mm", which spreadsheets read as a date-time; null stays empty. */
export function londonDateTime(iso: string | null): string {
  if (!iso) return "";
  const instant = Date.parse(iso);
  if (!Number.isFinite(instant)) throw new ShopCalendarRangeError(`"${iso.slice(0, 40)}" is not a timestamp.`);
  dayOfIndex(Math.floor(instant / DAY_MS)); // throws for an instant outside the calendar, before its offset is looked up
  const local = instant + offsetMs(instant);
  // The day goes through the calendar, which refuses a day it cannot write as YYYY-MM-DD.
  const day = dayOfIndex(Math.floor(local / DAY_MS));
  return `${day} ${new Date(local).toISOString().slice(11, 16)}`;
}
