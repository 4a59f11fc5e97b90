// Stock changes: every one moves `product_variants.stock` and writes its ledger row in the same transaction.
import { and, eq, gte, sql } from "drizzle-orm";
import type { Tx } from "@/lib/db";
import { inventoryAdjustments, productVariants, sqlNow, type InventoryReason } from "@/lib/db/schema";
import { AppError } from "@/lib/app-error";

export type StockChange = {
  variantId: number;
  /** Positive adds stock, negative takes it; zero is refused (a ledger row must record a move). */
  delta: number;
  reason: InventoryReason;
  /** What caused it: an order number, a bulk batch id, an import file. */
  reference?: string | null;
  actor?: string;
  note?: string | null;
  /**
   * The stock the caller saw. When given, the change applies only if the stock is still exactly
   * that, and is refused with `stale_stock` otherwise (someone sold or adjusted meanwhile).
   */
  expectedStock?: number;
};

export type StockMove = { variantId: number; delta: number; stockBefore: number; stockAfter: number };

/**
 * Applies one stock change and its ledger row. The update is conditional (`stock + delta >= 0`), so
 * stock can never go negative even if the caller's earlier read is stale; a change that would is
 * refused with `insufficient_stock` and the caller's transaction rolls back. Takes `tx`, not a
 * plain handle: the change and its ledger row are only consistent inside one transaction.
 */
export async function adjustStock(tx: Tx, change: StockChange): Promise<StockMove> {
  if (!Number.isInteger(change.delta) || change.delta === 0) {
    throw new AppError("bad_request", "A stock change must be a non-zero whole number of units.");
  }
  const [updated] = await tx
    .update(productVariants)
    .set({ stock: sql`${productVariants.stock} + ${change.delta}`, updatedAt: sqlNow })
    .where(
      and(
        eq(productVariants.id, change.variantId),
        gte(sql`${productVariants.stock} + ${change.delta}`, 0),
        change.expectedStock === undefined ? undefined : eq(productVariants.stock, change.expectedStock),
      ),
    )
    .returning({ stockAfter: productVariants.stock });
  if (!updated) {
    const [variant] = await tx.select({ stock: productVariants.stock }).from(productVariants).where(eq(productVariants.id, change.variantId));
    if (!variant) throw new AppError("not_found", `Variant ${change.variantId} was not found.`);
    if (change.expectedStock !== undefined && variant.stock !== change.expectedStock) {
      throw new AppError("stale_stock", "The stock changed since you looked.", [
        { variantId: change.variantId, expectedStock: change.expectedStock, currentStock: variant.stock },
      ]);
    }
    throw new AppError("insufficient_stock", "There is not enough stock for this change.", [
      { variantId: change.variantId, requested: -change.delta, available: variant.stock },
    ]);
  }
  const move = {
    variantId: change.variantId,
    delta: change.delta,
    stockBefore: updated.stockAfter - change.delta,
    stockAfter: updated.stockAfter,
  };
  await tx.insert(inventoryAdjustments).values({
    ...move,
    reason: change.reason,
    reference: change.reference ?? null,
    actor: change.actor ?? "system",
    note: change.note ?? null,
  });
  return move;
}

/** Takes `quantity` units (an order, a correction); refused rather than going below zero. */
export function decrementStock(tx: Tx, change: Omit<StockChange, "delta"> & { quantity: number }): Promise<StockMove> {
  const { quantity, ...rest } = change;
  return adjustStock(tx, { ...rest, delta: -quantity });
}

/** Puts `quantity` units back (a restock, a return, a cancelled order). */
export function incrementStock(tx: Tx, change: Omit<StockChange, "delta"> & { quantity: number }): Promise<StockMove> {
  const { quantity, ...rest } = change;
  return adjustStock(tx, { ...rest, delta: quantity });
}

