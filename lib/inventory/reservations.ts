// Holds stock for an open checkout while the shopper pays, and lets it go again.
import { eq } from "drizzle-orm";
import type { DbOrTx, Tx } from "@/lib/db";
import { stockReservations } from "@/lib/db/schema";
import { AppError } from "@/lib/http/errors";
import { nowIso } from "@/lib/time";
import { getAvailability } from "./availability";

export type ReservationRequest = { variantId: number; quantity: number };
export type Shortfall = { variantId: number; requested: number; available: number };

/**
 * Reserves every line for `checkoutId` or none: availability is stock minus the active reservations
 * of other checkouts, read inside the caller's write transaction, so two checkouts can never both
 * take the last unit. Throws `insufficient_stock` (409) with the shortfalls; the caller's
 * transaction then rolls back and nothing is written.
 */
export async function reserveStock(
  tx: Tx,
  params: { checkoutId: string; lines: readonly ReservationRequest[]; expiresAt: string; now?: string },
): Promise<void> {
  const requested = new Map<number, number>();
  for (const line of params.lines) requested.set(line.variantId, (requested.get(line.variantId) ?? 0) + line.quantity);
  const availability = await getAvailability(tx, [...requested.keys()], {
    now: params.now ?? nowIso(),
    excludeCheckoutId: params.checkoutId,
  });
  const shortfalls: Shortfall[] = [];
  for (const [variantId, quantity] of requested) {
    const available = availability.get(variantId)?.available ?? 0;
    if (quantity > available) shortfalls.push({ variantId, requested: quantity, available });
  }
  if (shortfalls.length > 0) {
    throw new AppError("insufficient_stock", "Some items in your cart are no longer available in the quantity you chose.", shortfalls);
  }
  await tx.delete(stockReservations).where(eq(stockReservations.checkoutId, params.checkoutId));
  await tx.insert(stockReservations).values(
    [...requested].map(([variantId, quantity]) => ({
      checkoutId: params.checkoutId,
      variantId,
      quantity,
      expiresAt: params.expiresAt,
    })),
  );
}

/** Drops a checkout's reservations (payment failed, expired or replaced); returns how many rows went. */
export async function releaseReservations(db: DbOrTx, checkoutId: string): Promise<number> {
  const released = await db.delete(stockReservations).where(eq(stockReservations.checkoutId, checkoutId)).returning({ id: stockReservations.id });
  return released.length;
}
