// The shopper's own live checkout, and until when it holds a shop update's stock for them.
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db";
import { checkouts, shopUpdateItems, shopUpdates, stockReservations } from "@/lib/db/schema";
import { isLiveCheckout } from "@/lib/live-checkouts";
import { nowIso } from "@/lib/time";

export type OwnHold = { checkoutId: string; heldUntil: string | null };

/**
 * findOpenCheckoutId's read with one more column, so the cart's reads stay one statement: whether the
 * checkout holds a shop update's stock, and then when that hold ends ("Held for you until 19:12").
 * A hold of ordinary stock has no such deadline worth showing: it outlasts the payment session.
 */
export async function findOwnHold(db: DbOrTx, cartId: string, now: string = nowIso()): Promise<OwnHold | null> {
  const updateStock = db
    .select({ one: sql`1` })
    .from(stockReservations)
    .innerJoin(shopUpdateItems, eq(shopUpdateItems.variantId, stockReservations.variantId))
    .innerJoin(shopUpdates, eq(shopUpdates.id, shopUpdateItems.updateId))
    .where(and(eq(stockReservations.checkoutId, checkouts.id), isNull(shopUpdates.cancelledAt), isNull(shopUpdates.closedAt)));
  const [row] = await db
    .select({ id: checkouts.id, expiresAt: checkouts.expiresAt, isUpdateHold: sql<number>`EXISTS ${updateStock}` })
    .from(checkouts)
    .where(and(eq(checkouts.cartId, cartId), isLiveCheckout(now)))
    .orderBy(desc(checkouts.createdAt))
    .limit(1);
  if (!row) return null;
  return { checkoutId: row.id, heldUntil: Number(row.isUpdateHold) === 1 ? row.expiresAt : null };
}
