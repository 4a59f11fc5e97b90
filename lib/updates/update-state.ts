// Where a shop update stands at a given instant: derived from its times, never stored.
import type { schema } from "@/lib/db";

export const UPDATE_STATES = ["scheduled", "preview", "live", "closed", "cancelled"] as const;
export type UpdateState = (typeof UPDATE_STATES)[number];

export type UpdateTimes = Pick<typeof schema.shopUpdates.$inferSelect, "previewAt" | "liveAt" | "closeAt" | "closedAt" | "cancelledAt">;

/**
 * The clock decides, so an update flips on its minute without a cron or a deploy, on every server
 * at once. ISO text compares as time (one format everywhere), so no parsing is needed.
 */
export function updateStateAt(update: UpdateTimes, nowIso: string): UpdateState {
  if (update.cancelledAt !== null) return "cancelled";
  if (update.closedAt !== null || (update.closeAt !== null && nowIso >= update.closeAt)) return "closed";
  if (nowIso >= update.liveAt) return "live";
  if (update.previewAt !== null && nowIso >= update.previewAt) return "preview";
  return "scheduled";
}

/** An update that still governs its variants: not cancelled and not closed. */
export function isUnfinished(state: UpdateState): boolean {
  return state === "scheduled" || state === "preview" || state === "live";
}

/** Whether its variants may be put in a cart and checked out. */
export function isBuyable(state: UpdateState): boolean {
  return state === "live";
}
