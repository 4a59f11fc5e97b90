// The shop's calendar (STORE_TIME_ZONE, Europe/London): calendar days as `YYYY-MM-DD`, and the UTC instants their midnights fall on.
import { STORE_TIME_ZONE } from "@/lib/time";

/**
 * Reports cover the shop's days, not the server's: a server on UTC would start every summer day an
 * hour late. A day is named by its date text; its bounds are the London midnights converted to UTC,
 * so a day is 23 hours long in late March and 25 in late October, exactly as the shop lives it.
 */

export const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The days this calendar can name and count: 1900-01-01 to 2199-12-31. Inside them every day is
 * four-digit `YYYY-MM-DD` text (Date would write 10000 as "+010000", which sorts before "9999" and
 * once kept a report's loop running until the server ran out of memory) and London's rules are in
 * the time zone database. It is wider than the days the shop accepts (lib/shop-day-input.ts,
 * 2000–2100) by more than the longest report, so a report's previous period always fits.
 * Anything outside throws `ShopCalendarRangeError`: a bug to fix, never garbage to pass on.
 */
export const CALENDAR_FIRST_DAY = "1900-01-01";
export const CALENDAR_LAST_DAY = "2199-12-31";

/** A day or instant the calendar cannot name: outside its range, malformed, or not a real date. */
export class ShopCalendarRangeError extends RangeError {
  constructor(message: string) {
    super(message);
    this.name = "ShopCalendarRangeError";
  }
}

const DAY_PATTERN = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/;
const TIME_PATTERN = /^([0-9]{2}):([0-9]{2})(?::([0-9]{2}))?$/;

/** Day number (1970-01-01 is 0) of a real date in the Gregorian calendar, or null when there is no such date. */
function indexOfDate(year: number, month: number, day: number): number | null {
  // Date.UTC reads years 0–99 as 1900–1999; the calendar's range starts later, so this never applies.
  if (year < 1000 || month < 1 || month > 12 || day < 1) return null;
  const ms = Date.UTC(year, month - 1, day);
  const check = new Date(ms);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  return ms / DAY_MS;
}

const FIRST_INDEX = indexOfDate(1900, 1, 1)!;
const LAST_INDEX = indexOfDate(2199, 12, 31)!;

/** The day number of `YYYY-MM-DD` text, or null when it is malformed, not a real date or outside the calendar. */
function indexOrNull(value: unknown): number | null {
  if (typeof value !== "string") return null;
  const match = DAY_PATTERN.exec(value);
  if (!match) return null;
  const index = indexOfDate(Number(match[1]), Number(match[2]), Number(match[3]));
  return index !== null && index >= FIRST_INDEX && index <= LAST_INDEX ? index : null;
}

/** A real date written `YYYY-MM-DD`, inside the calendar's range. */
export function isCalendarDay(value: unknown): value is string {
  return indexOrNull(value) !== null;
}

/** The day's number, counted from 1970-01-01 (day 0): days are added and compared as these numbers. */
export function dayIndex(day: string): number {
  const index = indexOrNull(day);
  if (index === null) {
    throw new ShopCalendarRangeError(`"${String(day).slice(0, 40)}" is not a calendar day between ${CALENDAR_FIRST_DAY} and ${CALENDAR_LAST_DAY}.`);
  }
  return index;
}

/** The `YYYY-MM-DD` text of a day number; throws past the calendar's range rather than write a five-digit year. */
export function dayOfIndex(index: number): string {
  if (!Number.isSafeInteger(index) || index < FIRST_INDEX || index > LAST_INDEX) {
    throw new ShopCalendarRangeError(`Day number ${index} is outside the calendar (${CALENDAR_FIRST_DAY} to ${CALENDAR_LAST_DAY}).`);
  }
  return new Date(index * DAY_MS).toISOString().slice(0, 10);
}

/** Monday 0 … Sunday 6: weeks start on Monday, as they do in the UK. 1970-01-01 was a Thursday (3). */
export function weekdayOf(day: string): number {
  return (((dayIndex(day) + 3) % 7) + 7) % 7;
}

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
  const offset = Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
  // Intl writes years before 1 AD with an era this reading drops (and Date.UTC maps 0–99 to 1900s):
  // no zone is a day away from UTC, so a larger answer means the instant is one the calendar cannot name.
  if (!(Math.abs(offset) < 24 * 60)) throw new ShopCalendarRangeError(`No time zone offset for the instant ${instant.getTime()}.`);
  return offset;
}

/** The day number of the wall-clock day at `localMs` (an instant shifted by the zone's offset). */
function dayIndexAtWallMs(localMs: number, what: string): number {
  const index = Math.floor(localMs / DAY_MS);
  if (!Number.isSafeInteger(index) || index < FIRST_INDEX || index > LAST_INDEX) {
    throw new ShopCalendarRangeError(`${what} is outside the calendar (${CALENDAR_FIRST_DAY} to ${CALENDAR_LAST_DAY}).`);
  }
  return index;
}

/** The instant as wall-clock milliseconds in the zone (UTC fields read as local ones); throws past the calendar. */
export function zonedWallMs(instant: Date, timeZone: string = STORE_TIME_ZONE): number {
  const ms = instant.getTime();
  if (!Number.isFinite(ms)) throw new ShopCalendarRangeError("Not a valid instant.");
  // Checked before Intl sees it: a far instant would otherwise fail inside the formatter with a vaguer message.
  dayIndexAtWallMs(ms, `The instant ${ms}`);
  const wall = ms + zoneOffsetMinutes(instant, timeZone) * 60_000;
  dayIndexAtWallMs(wall, `The instant ${ms}`);
  return wall;
}

/** The shop's calendar day at `instant`. */
export function shopDayOf(instant: Date, timeZone: string = STORE_TIME_ZONE): string {
  return dayOfIndex(Math.floor(zonedWallMs(instant, timeZone) / DAY_MS));
}

/** `day` moved by `days` calendar days: arithmetic on day numbers, never on text or instants. */
export function addDays(day: string, days: number): string {
  if (!Number.isSafeInteger(days)) throw new ShopCalendarRangeError(`Cannot move a day by ${days} days.`);
  return dayOfIndex(dayIndex(day) + days);
}

/** Calendar days from `from` to `to`, counting both ends (1 for a single day; 0 or less when `to` is earlier). */
export function daysBetweenInclusive(from: string, to: string): number {
  return dayIndex(to) - dayIndex(from) + 1;
}

/**
 * The UTC instant of a wall-clock time in the zone. Clocks change at 01:00 UTC, never near
 * midnight, so midnights are unambiguous; for a time inside a spring-forward gap the result is the
 * same wall time after the change, and in the autumn repeat it is the first of the two.
 */
export function zonedTimeToUtc(day: string, time = "00:00", timeZone: string = STORE_TIME_ZONE): Date {
  const clock = TIME_PATTERN.exec(time);
  const [hours, minutes, seconds] = [Number(clock?.[1]), Number(clock?.[2]), Number(clock?.[3] ?? 0)];
  if (!clock || hours > 23 || minutes > 59 || seconds > 59) throw new ShopCalendarRangeError(`"${time.slice(0, 20)}" is not a time of day, HH:mm.`);
  const wall = dayIndex(day) * DAY_MS + ((hours * 60 + minutes) * 60 + seconds) * 1000;
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
  return new Date(zonedWallMs(instant, timeZone)).toISOString().slice(0, 16);
}

/** The instant the shop day holding `instant` began (its London midnight). */
export function startOfShopDayAt(instant: Date, timeZone: string = STORE_TIME_ZONE): Date {
  return startOfShopDay(shopDayOf(instant, timeZone), timeZone);
}

/** The instant the shop week holding `instant` began: weeks start on Monday, as they do in the UK. */
export function startOfShopWeekAt(instant: Date, timeZone: string = STORE_TIME_ZONE): Date {
  const day = shopDayOf(instant, timeZone);
  return startOfShopDay(addDays(day, -weekdayOf(day)), timeZone);
}
