// How the admin words an update's times: London wall time with the weekday, and how far off it is.
import type { UpdateState } from "@/lib/updates/update-state";
import { STORE_TIME_ZONE } from "@/lib/time";

const wallTime = new Intl.DateTimeFormat("en-GB", { weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: STORE_TIME_ZONE });

/** "Fri 4 Dec, 19:00": the shop's time, whatever the owner's computer is set to. */
export function shopWhen(iso: string): string {
  return wallTime.format(new Date(iso));
}

/** "in 2 h", "in 35 min", "in 3 days", "5 min ago": rounded down, so "in 2 h" never means 1 h 10. */
export function relativeTime(iso: string, nowMs: number): string {
  const diff = Date.parse(iso) - nowMs;
  const minutes = Math.floor(Math.abs(diff) / 60_000);
  const text = minutes < 1 ? "under a minute" : minutes < 60 ? `${minutes} min` : minutes < 48 * 60 ? `${Math.floor(minutes / 60)} h` : `${Math.floor(minutes / (24 * 60))} days`;
  return diff >= 0 ? `in ${text}` : `${text} ago`;
}

type Timed = { state: UpdateState; liveAt: string; closeAt: string | null; closedAt: string | null; cancelledAt: string | null };

/** One line saying where the update stands: "Goes live Fri 4 Dec, 19:00 (in 2 h)". */
export function updateTimeline(update: Timed, nowMs: number): string {
  const at = (iso: string) => `${shopWhen(iso)} (${relativeTime(iso, nowMs)})`;
  switch (update.state) {
    case "scheduled":
    case "preview":
      return `Goes live ${at(update.liveAt)}`;
    case "live":
      return update.closeAt ? `Live since ${shopWhen(update.liveAt)}, closes ${at(update.closeAt)}` : `Live since ${at(update.liveAt)}`;
    case "closed":
      return `Closed ${shopWhen(update.closedAt ?? update.closeAt ?? update.liveAt)}`;
    case "cancelled":
      return `Cancelled ${shopWhen(update.cancelledAt ?? update.liveAt)}`;
  }
}

export const STATE_BADGES: Record<UpdateState, { label: string; className: string }> = {
  scheduled: { label: "Scheduled", className: "bg-sky-100 text-sky-900" },
  preview: { label: "Preview", className: "bg-violet-100 text-violet-900" },
  live: { label: "Live", className: "bg-green-100 text-green-900" },
  closed: { label: "Closed", className: "bg-stone-200 text-stone-800" },
  cancelled: { label: "Cancelled", className: "bg-amber-100 text-amber-900" },
};
