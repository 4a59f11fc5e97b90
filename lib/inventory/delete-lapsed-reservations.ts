// Lapsed stock holds go: those past their expiry, and those of checkouts that ended another way.
import { inArray, lte, or, type SQLWrapper } from "drizzle-orm";
import type { Tx } from "@/lib/db";
import { stockReservations } from "@/lib/db/schema";

/**
 * `endedCheckoutIds` is a subquery of checkout ids whose holds are stale whatever their expiry says
 * (failed, replaced, expired): the checkout domain knows which those are and passes the question in,
 * so inventory needs no import of it. Returns how many holds went.
 */
export async function deleteLapsedReservations(tx: Tx, params: { now: string; endedCheckoutIds: SQLWrapper }): Promise<number> {
  const deleted = await tx
    .delete(stockReservations)
    .where(or(lte(stockReservations.expiresAt, params.now), inArray(stockReservations.checkoutId, params.endedCheckoutIds)))
    .returning({ id: stockReservations.id });
  return deleted.length;
}
