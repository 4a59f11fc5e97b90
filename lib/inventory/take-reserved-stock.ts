// A paid checkout's reservation becomes stock taken: decrements with their ledger rows, and the hold released.
import type { Tx } from "@/lib/db";
import { getAvailability } from "./availability";
import { releaseReservations } from "./reservations";
import { quantitiesByVariant, type Shortfall } from "./shortfall";
import { decrementStock, type StockMove } from "./stock";

/**
 * Availability is re-read here, leaving out the checkout's own hold: if the hold lapsed and the stock
 * was sold (or is held by another shopper's live checkout), a line takes what is left, stock never
 * goes below zero, and the missing units come back as shortfalls. Then the checkout's reservations go.
 */
export async function takeReservedStock(
  tx: Tx,
  params: { checkoutId: string; lines: readonly { variantId: number; quantity: number }[]; reference: string; actor: string },
): Promise<{ moves: StockMove[]; shortfalls: Shortfall[] }> {
  const requested = quantitiesByVariant(params.lines);
  const availability = await getAvailability(tx, [...requested.keys()], { excludeCheckoutId: params.checkoutId });
  const moves: StockMove[] = [];
  const shortfalls: Shortfall[] = [];
  for (const [variantId, quantity] of requested) {
    const available = availability.get(variantId)?.available ?? 0;
    const taken = Math.min(quantity, available);
    if (taken > 0) {
      moves.push(await decrementStock(tx, { variantId, quantity: taken, reason: "order", reference: params.reference, actor: params.actor }));
    }
    if (taken < quantity) shortfalls.push({ variantId, requested: quantity, available: taken });
  }
  await releaseReservations(tx, params.checkoutId);
  return { moves, shortfalls };
}
