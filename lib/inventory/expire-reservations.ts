// Cleanup of lapsed stock holds: expired reservations go, and their open checkouts are marked expired.
import { and, eq, exists, inArray, lte, or } from "drizzle-orm";
import type { Tx } from "@/lib/db";
import { checkouts, sqlNow, stockReservations } from "@/lib/db/schema";
import { nowIso } from "@/lib/time";

export type ExpiryResult = { reservationsDeleted: number; checkoutsExpired: number };

/**
 * Availability already ignores reservations past `expires_at`; this removes them and closes the
 * checkouts they belonged to. Run inside one write transaction, so it is serialised with checkout
 * creation and the payment webhook: a checkout being paid either still holds its reservation (and
 * the webhook converts it) or is expired here first (and the webhook re-validates stock). Only
 * `open` checkouts are expired: a completed checkout with a pending order keeps its status. Running
 * it again finds nothing to do.
 */
export async function expireReservations(tx: Tx, now: string = nowIso()): Promise<ExpiryResult> {
  const lapsedHold = tx
    .select({ one: stockReservations.id })
    .from(stockReservations)
    .where(and(eq(stockReservations.checkoutId, checkouts.id), lte(stockReservations.expiresAt, now)));
  const expired = await tx
    .update(checkouts)
    .set({ status: "expired", failureReason: "The checkout expired before payment.", updatedAt: sqlNow })
    .where(and(eq(checkouts.status, "open"), or(lte(checkouts.expiresAt, now), exists(lapsedHold))))
    .returning({ id: checkouts.id });
  // Holds of checkouts that ended another way (failed, replaced) are stale whatever their expiry says.
  const endedCheckouts = tx.select({ id: checkouts.id }).from(checkouts).where(inArray(checkouts.status, ["expired", "failed", "replaced"]));
  const deleted = await tx
    .delete(stockReservations)
    .where(or(lte(stockReservations.expiresAt, now), inArray(stockReservations.checkoutId, endedCheckouts)))
    .returning({ id: stockReservations.id });
  return { reservationsDeleted: deleted.length, checkoutsExpired: expired.length };
}
