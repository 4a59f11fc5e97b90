// Cleanup of lapsed stock holds: expired reservations go, and their open checkouts are marked expired.
import { inArray, lte, or } from "drizzle-orm";
import { endedCheckoutIds, expireLapsedCheckouts } from "@/lib/checkout/checkout-status";
import { writeTransaction } from "@/lib/db";
import { stockReservations } from "@/lib/db/schema";
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
export async function expireReservations(now: string = nowIso()): Promise<ExpiryResult> {
  return writeTransaction(async (tx) => {
    const expired = await expireLapsedCheckouts(tx, now);
    // Holds of checkouts that ended another way (failed, replaced) are stale whatever their expiry says.
    const deleted = await tx
      .delete(stockReservations)
      .where(or(lte(stockReservations.expiresAt, now), inArray(stockReservations.checkoutId, endedCheckoutIds(tx))))
      .returning({ id: stockReservations.id });
    return { reservationsDeleted: deleted.length, checkoutsExpired: expired.length };
  });
}
