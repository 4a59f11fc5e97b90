// The shop's calendar (STORE_TIME_ZONE, Europe/London): calendar days as `YYYY-MM-DD`, and the UTC instants their midnights fall on.
import { STORE_TIME_ZONE } from "@/lib/time";

/**
 * Reports cover the shop's days, not the server's: a server on UTC would start every summer day an
 * hour late. A day is named by its date text; its bounds are the London midnights converted to UTC,
 * so a day is 23 hours long in late March and 25 in late October, exactly as the shop lives it.
 */

export const DAY_MS = 24 * 60 * 60 * 1000;

const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

// Building a formatter costs far more than using one, and a long report converts hundreds of midnights.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-GB", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Minutes the zone is ahead of UTC at `instant` (60 in British Summer Time, 0 in winter). */
export function zoneOffsetMinutes(instant: Date, timeZone: string = STORE_TIME_ZONE): number {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) if (part.type !== "literal") parts[part.type] = Number(part.value);
  const asUtc = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

export function isShopDay(value: string): boolean {
  const match = DAY_PATTERN.exec(value);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === value;
}

/** The shop's calendar day at `instant`. */
export function shopDayOf(instant: Date, timeZone: string = STORE_TIME_ZONE): string {
  return new Date(instant.getTime() + zoneOffsetMinutes(instant, timeZone) * 60_000).toISOString().slice(0, 10);
}

/** `day` moved by `days` calendar days (date arithmetic on the date text, never on instants). */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Calendar days from `from` to `to`, counting both ends (1 for a single day). */
export function daysBetweenInclusive(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00.000Z`) - Date.parse(`${from}T00:00:00.000Z`)) / DAY_MS) + 1;
}

/**
 * The UTC instant of a wall-clock time in the zone. Clocks change at 01:00 UTC, never near
 * midnight, so midnights are unambiguous; for a time inside a spring-forward gap the result is the
 * same wall time after the change, and in the autumn repeat it is the first of the two.
 */
export function zonedTimeToUtc(day: string, time = "00:00", timeZone: string = STORE_TIME_ZONE): Date {
  const wall = Date.parse(`${day}T${time.length === 5 ? `${time}:00` : time}.000Z`);
  const before = zoneOffsetMinutes(new Date(wall - 12 * 60 * 60_000), timeZone);
  const first = new Date(wall - before * 60_000);
  const after = zoneOffsetMinutes(first, timeZone);
  if (after === before) return first;
  const second = new Date(wall - after * 60_000);
  // Neither offset reproduces the wall time only inside the spring gap: keep `first`, just after the change.
  return zoneOffsetMinutes(second, timeZone) === after ? second : first;
}

/** The instant a shop day begins (its London midnight, in UTC). */
export function startOfShopDay(day: string, timeZone: string = STORE_TIME_ZONE): Date {
  return zonedTimeToUtc(day, "00:00", timeZone);
}

/** A UTC instant as the zone's wall time, `YYYY-MM-DDTHH:mm` (the form of an <input type="datetime-local">). */
export function utcToZonedWallTime(instant: Date, timeZone: string = STORE_TIME_ZONE): string {
  return new Date(instant.getTime() + zoneOffsetMinutes(instant, timeZone) * 60_000).toISOString().slice(0, 16);
}

/** The instant the shop day holding `instant` began (its London midnight). */
export function startOfShopDayAt(instant: Date, timeZone: string = STORE_TIME_ZONE): Date {
  return startOfShopDay(shopDayOf(instant, timeZone), timeZone);
}

/** The instant the shop week holding `instant` began: weeks start on Monday, as they do in the UK. */
export function startOfShopWeekAt(instant: Date, timeZone: string = STORE_TIME_ZONE): Date {
  const day = shopDayOf(instant, timeZone);
  const daysSinceMonday = (new Date(`${day}T00:00:00.000Z`).getUTCDay() + 6) % 7;
  return startOfShopDay(addDays(day, -daysSinceMonday), timeZone);
}
