// A paid checkout's reservation becomes stock taken: decrements with their ledger rows, and the hold released.
import { eq, sql, type SQL } from "drizzle-orm";
import type { StatementBuilder, Tx } from "@/lib/db";
import { inventoryAdjustments, productVariants, sqlNow } from "@/lib/db/schema";
import { getAvailability } from "./availability";
import { heldByOtherCheckoutsSql, releaseReservations, releaseReservationsStatement } from "./reservations";
import { quantitiesByVariant, type Shortfall } from "./shortfall";
import { decrementStock, type StockMove } from "./stock";

type TakeParams = { checkoutId: string; lines: readonly { variantId: number; quantity: number }[]; actor: string };

/**
 * Availability is re-read here, leaving out the checkout's own hold: if the hold lapsed and the stock
 * was sold (or is held by another shopper's live checkout), a line takes what is left, stock never
 * goes below zero, and the missing units come back as shortfalls. Then the checkout's reservations go.
 */
export async function takeReservedStock(tx: Tx, params: TakeParams & { reference: string }): Promise<{ moves: StockMove[]; shortfalls: Shortfall[] }> {
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

/**
 * takeReservedStock for writeBatch, once every line was found fully available before the batch.
 * Each decrement carries the guard that finding rested on — the stock net of other checkouts' live
 * holds still covers the line, evaluated under the write lock — else it sets NULL, the NOT NULL
 * constraint refuses it and the whole batch rolls back (isStockTakeGuardFailure), for the caller to
 * decide again inside a transaction, where a shortfall is handled. The ledger rows and `moves` (the
 * stock_updated event's data, as takeReservedStock's moves) read the stock as the decrement left it;
 * a variant deleted meanwhile leaves them NULL, which aborts the batch the same way.
 */
export function takeReservedStockStatements(db: StatementBuilder, params: TakeParams & { reference: SQL<string>; now: string }) {
  const requested = [...quantitiesByVariant(params.lines)];
  const stockOf = (variantId: number) => sql<number>`(${db.select({ stock: productVariants.stock }).from(productVariants).where(eq(productVariants.id, variantId))})`;
  const decrements = requested.map(([variantId, quantity]) =>
    db
      .update(productVariants)
      .set({
        stock: sql`CASE WHEN ${productVariants.stock} - ${heldByOtherCheckoutsSql(db, variantId, params)} >= ${quantity} THEN ${productVariants.stock} - ${quantity} END`,
        updatedAt: sqlNow,
      })
      .where(eq(productVariants.id, variantId)),
  );
  const ledger = db.insert(inventoryAdjustments).values(
    requested.map(([variantId, quantity]) => ({
      variantId,
      delta: -quantity,
      stockBefore: sql<number>`${stockOf(variantId)} + ${quantity}`,
      stockAfter: stockOf(variantId),
      reason: "order" as const,
      reference: params.reference,
      actor: params.actor,
      note: null,
    })),
  );
  const moves = sql<string>`json_array(${sql.join(
    requested.map(
      ([variantId, quantity]) =>
        sql`json_object('variantId', ${variantId}, 'delta', ${-quantity}, 'stockBefore', ${stockOf(variantId)} + ${quantity}, 'stockAfter', ${stockOf(variantId)})`,
    ),
    sql`, `,
  )})`;
  return { statements: requested.length > 0 ? [...decrements, ledger, releaseReservationsStatement(db, params.checkoutId)] : [releaseReservationsStatement(db, params.checkoutId)], moves, lineCount: requested.length };
}
