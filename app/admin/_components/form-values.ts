// Turning what the owner types into API values and back: money as decimals, times in shop time (UK).
import { STORE_TIME_ZONE } from "@/lib/time";

/** "12.5" or "12.50" → 1250 minor units; null when it is not an amount. */
export function parseMoney(text: string): number | null {
  const trimmed = text.trim().replace(/^£/, "");
  if (!/^\d+(\.\d{1,2})?$/.test(trimmed)) return null;
  const [whole, fraction = ""] = trimmed.split(".");
  return Number(whole) * 100 + Number(fraction.padEnd(2, "0"));
}

export function moneyText(minor: number | null | undefined): string {
  if (minor === null || minor === undefined) return "";
  return `${Math.floor(minor / 100)}.${String(minor % 100).padStart(2, "0")}`;
}

/** A whole number ≥ 0 typed into a field; null when empty, NaN when it is not one. */
export function parseWhole(text: string): number | null {
  if (text.trim() === "") return null;
  return /^\d+$/.test(text.trim()) ? Number(text.trim()) : Number.NaN;
}

const wallClock = new Intl.DateTimeFormat("en-GB", {
  timeZone: STORE_TIME_ZONE,
  hourCycle: "h23",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
});

function wallParts(ms: number): Record<string, number> {
  return Object.fromEntries(wallClock.formatToParts(new Date(ms)).filter((part) => part.type !== "literal").map((part) => [part.type, Number(part.value)]));
}

/** ISO → the `datetime-local` value of that moment in shop time. Same on server and browser, so no hydration drift. */
export function isoToShopTime(iso: string | null): string {
  if (!iso) return "";
  const p = wallParts(Date.parse(iso));
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${p.year}-${pad(p.month!)}-${pad(p.day!)}T${pad(p.hour!)}:${pad(p.minute!)}`;
}

/** A `datetime-local` value read as shop time → ISO (UTC with ms); null when empty or not a time. */
export function shopTimeToIso(value: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value.trim());
  if (!match) return null;
  const [, y, mo, d, h, mi] = match.map(Number) as [number, number, number, number, number, number];
  const guess = Date.UTC(y, mo - 1, d, h, mi);
  const p = wallParts(guess);
  const offset = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!) - guess;
  return new Date(guess - offset).toISOString();
}
