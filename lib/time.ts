// The one timestamp format: ISO-8601 UTC with milliseconds, as text (matches the SQL defaults).

export function nowIso(): string {
  return new Date().toISOString();
}

export function isoAfter(ms: number, from: Date = new Date()): string {
  return new Date(from.getTime() + ms).toISOString();
}

const LEGACY_SQL_FORMAT = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})(\.\d+)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * Normalises a timestamp from an import or an older database (`2026-01-02 03:04:05`, SQLite's
 * CURRENT_TIMESTAMP format, is UTC) to the canonical format. Returns null when it is not a time.
 */
export function normaliseTimestamp(value: string): string | null {
  const match = LEGACY_SQL_FORMAT.exec(value.trim());
  if (!match) return null;
  const [, date, time, fraction = "", zone = "Z"] = match;
  const parsed = new Date(`${date}T${time}${fraction}${zone}`);
  return Number.isNaN(parsed.getTime()) ? null : parsed.toISOString();
}
