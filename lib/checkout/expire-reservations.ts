// Cleanup of lapsed stock holds: expired reservations go, and their open checkouts are marked expired.
import { writeTransaction } from "@/lib/db";
import { deleteLapsedReservations } from "@/lib/inventory/delete-lapsed-reservations";
import { nowIso } from "@/lib/time";
import { endedCheckoutIds, expireLapsedCheckouts } from "./checkout-status";

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
    const reservationsDeleted = await deleteLapsedReservations(tx, { now, endedCheckoutIds: endedCheckoutIds(tx) });
    return { reservationsDeleted, checkoutsExpired: expired.length };
  });
}
