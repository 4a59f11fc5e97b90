// How long a checkout of a shop update's variants holds them, and the guard that the update is still live when it does.
import { and, eq, gt, isNull, lte, or, sql } from "drizzle-orm";
import type { Guard, StatementBuilder } from "@/lib/db";
import { shopUpdates } from "@/lib/db/schema";
import type { GoverningUpdate } from "./variant-updates";

/**
 * The end of the hold for a checkout holding update stock: the shortest holdMinutes of the updates
 * its lines belong to, never past the usual hold (`usualUntil`). Null when no line is in an update,
 * so the usual window applies. The payment session still lives its provider's minimum; the shop
 * expires it when this hold ends (see releaseLapsedHolds).
 */
export function updateHoldUntil(governing: Iterable<GoverningUpdate>, now: Date, usualUntil: string): string | null {
  let minutes: number | null = null;
  for (const update of governing) minutes = minutes === null ? update.holdMinutes : Math.min(minutes, update.holdMinutes);
  if (minutes === null) return null;
  const until = new Date(now.getTime() + minutes * 60_000).toISOString();
  return until < usualUntil ? until : usualUntil;
}

/**
 * The `update` guards of a checkout's write batch: each update the checkout's lines belong to is
 * still live under the write lock (not closed or cancelled by the owner, not past its close time,
 * since the read that let the checkout through).
 */
export function updateStillLiveGuards(db: StatementBuilder, updateIds: Iterable<number>, now: string): Guard[] {
  return [...new Set(updateIds)].map((updateId) => {
    const live = db
      .select({ one: sql`1` })
      .from(shopUpdates)
      .where(
        and(
          eq(shopUpdates.id, updateId),
          isNull(shopUpdates.cancelledAt),
          isNull(shopUpdates.closedAt),
          lte(shopUpdates.liveAt, now),
          or(isNull(shopUpdates.closeAt), gt(shopUpdates.closeAt, now)),
        ),
      );
    return { name: "update", holds: sql`EXISTS ${live}` };
  });
}
