// How the storefront words an update's live time and the time left before it, in the shop's (London) time.
import { STORE_TIME_ZONE } from "@/lib/time";

const DAY = 24 * 60 * 60_000;
const weekdayTime = new Intl.DateTimeFormat("en-GB", { timeZone: STORE_TIME_ZONE, weekday: "long", hour: "2-digit", minute: "2-digit" });
const dateTime = new Intl.DateTimeFormat("en-GB", { timeZone: STORE_TIME_ZONE, weekday: "long", day: "numeric", month: "long", hour: "2-digit", minute: "2-digit" });

/**
 * "Friday 19:00" within the coming week, as dyers announce it; further off the weekday alone is
 * ambiguous, so the date is added ("Friday 18 December, 19:00").
 */
export function liveTimeText(liveAt: string, nowMs: number): string {
  const instant = new Date(liveAt);
  return instant.getTime() - nowMs < 6 * DAY ? weekdayTime.format(instant).replace(" at ", " ") : dateTime.format(instant).replace(" at ", ", ");
}

/** The time left, coarse when far off and to the second in the last hour: "2 days 3 h", "4 h 05 min", "12:07", "0:09". */
export function timeLeftText(ms: number): string {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  const minutes = Math.floor(seconds / 60);
  const hours = Math.floor(minutes / 60);
  const days = Math.floor(hours / 24);
  if (days >= 1) return `${days} ${days === 1 ? "day" : "days"} ${hours % 24} h`;
  if (hours >= 1) return `${hours} h ${String(minutes % 60).padStart(2, "0")} min`;
  return `${minutes}:${String(seconds % 60).padStart(2, "0")}`;
}
