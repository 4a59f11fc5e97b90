// A paid checkout's reservation becomes stock taken: decrements with their ledger rows, and the hold released.
import { eq, sql, type SQL } from "drizzle-orm";
import type { StatementBuilder } from "@/lib/db";
import { inventoryAdjustments, productVariants, sqlNow } from "@/lib/db/schema";
import { heldByOtherCheckoutsSql, releaseReservationsStatement } from "./reservations";

/** One variant of the order: the units asked for, and those the stock covered (decided from getAvailability). */
export type StockTakeDecision = { variantId: number; requested: number; taken: number };

/**
 * How many units of `requested` the variant covers now, leaving out the checkout's own hold — the
 * batch form of `min(getAvailability(…).available, requested)`, 0 for a variant that is gone — is
 * still what the decision took: the condition a write batch's stock guard checks under the lock. A
 * lapsed hold whose stock was sold meanwhile (or is held by another shopper's live checkout) is
 * what makes a line short.
 */
export function stockTakesStillHoldSql(db: StatementBuilder, params: { checkoutId: string; now: string; takes: readonly StockTakeDecision[] }): SQL {
  const conditions = params.takes.map(({ variantId, requested, taken }) => {
    const stock = db.select({ stock: productVariants.stock }).from(productVariants).where(eq(productVariants.id, variantId));
    return sql`coalesce(min(max(0, (${stock}) - ${heldByOtherCheckoutsSql(db, variantId, params)}), ${requested}), 0) = ${taken}`;
  });
  return conditions.length > 0 ? sql.join(conditions, sql` AND `) : sql`1`;
}

/**
 * The decided takes as statements: a decrement and its ledger row per variant that gave any units,
 * then the checkout's reservations released. The decrements are plain (the decision was made under
 * the lock, or the batch's stock guard re-checked it there); CHECK (stock >= 0) stays the last word.
 * The ledger rows and `moves` (the stock_updated event's data) read the stock as the decrement left it.
 */
export function takeReservedStockStatements(
  db: StatementBuilder,
  params: { checkoutId: string; takes: readonly StockTakeDecision[]; reference: SQL<string>; actor: string },
) {
  const taken = params.takes.filter((take) => take.taken > 0);
  const stockOf = (variantId: number) => sql<number>`(${db.select({ stock: productVariants.stock }).from(productVariants).where(eq(productVariants.id, variantId))})`;
  const decrements = taken.map(({ variantId, taken: quantity }) =>
    db
      .update(productVariants)
      .set({ stock: sql`${productVariants.stock} - ${quantity}`, updatedAt: sqlNow })
      .where(eq(productVariants.id, variantId)),
  );
  const ledger = taken.length
    ? [
        db.insert(inventoryAdjustments).values(
          taken.map(({ variantId, taken: quantity }) => ({
            variantId,
            delta: -quantity,
            stockBefore: sql<number>`${stockOf(variantId)} + ${quantity}`,
            stockAfter: stockOf(variantId),
            reason: "order" as const,
            reference: params.reference,
            actor: params.actor,
            note: null,
          })),
        ),
      ]
    : [];
  const moves = sql<string>`json_object('moves', json_array(${sql.join(
    taken.map(
      ({ variantId, taken: quantity }) =>
        sql`json_object('variantId', ${variantId}, 'delta', ${-quantity}, 'stockBefore', ${stockOf(variantId)} + ${quantity}, 'stockAfter', ${stockOf(variantId)})`,
    ),
    sql`, `,
  )}))`;
  return { statements: [...decrements, ...ledger, releaseReservationsStatement(db, params.checkoutId)], moves };
}
