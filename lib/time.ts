// The one timestamp format: ISO-8601 UTC with milliseconds, as text (matches the SQL defaults).

/**
 * "Today" and "this week" are the shop's days, not the server's: the store sells from the UK, and a
 * server on UTC would otherwise start the owner's day an hour late all summer. A settings key can
 * replace this constant when a shop elsewhere needs it.
 */
export const STORE_TIME_ZONE = "Europe/London";

export function nowIso(): string {
  return new Date().toISOString();
}

export function isoAfter(ms: number, from: Date = new Date()): string {
  return new Date(from.getTime() + ms).toISOString();
}

function isCalendarDate(date: string): boolean {
  const time = Date.parse(`${date}T00:00:00.000Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().startsWith(date);
}

const CANONICAL_FORMAT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const LEGACY_SQL_FORMAT = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * Normalises a timestamp from an import or an older database (`2026-01-02 03:04:05`, SQLite's
 * CURRENT_TIMESTAMP format, is UTC) to the canonical format. Returns null when it is not a time.
 */
export function normaliseTimestamp(value: string): string | null {
  // Already the one format (every timestamp this app writes, so nearly every one an import reads): a real instant if it survives the round trip.
  if (CANONICAL_FORMAT.test(value)) {
    const time = Date.parse(value);
    return !Number.isNaN(time) && new Date(time).toISOString() === value ? value : null;
  }
  const match = LEGACY_SQL_FORMAT.exec(value.trim());
  if (!match) return null;
  const [, date, time, fraction = "", zone = "Z"] = match;
  // A day the month does not have (2026-02-31) is not a time, rather than a day in the next month.
  if (!isCalendarDate(date!)) return null;
  const parsed = new Date(`${date}T${time}${fraction}${zone}`);
  if (Number.isNaN(parsed.getTime())) return null;
  // An offset can carry 9999-12-31 into year 10000, which Date writes "+010000-…": not the one format.
  const iso = parsed.toISOString();
  return /^[0-9]{4}-/.test(iso) ? iso : null;
}
