// A variant's stock history, read from the ledger: orders, cancellations, adjustments, who and why.
import { desc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db";
import { inventoryAdjustments, products, productVariants, type InventoryReason } from "@/lib/db/schema";
import { getAvailability } from "./availability";

export const STOCK_HISTORY_PAGE_SIZE = 50;

export type StockHistoryEntry = {
  id: number;
  delta: number;
  stockBefore: number;
  stockAfter: number;
  reason: InventoryReason;
  reference: string | null;
  actor: string;
  note: string | null;
  createdAt: string;
};

export type StockHistory = {
  variant: { variantId: number; productId: number; productName: string; variantName: string; sku: string; stock: number; reserved: number; available: number };
  entries: StockHistoryEntry[];
  page: number;
  hasOlder: boolean;
};

/**
 * Newest first by time (imports and the demo data write rows with earlier times, so the id alone is
 * not the order), in pages; the index on (variant_id, created_at) serves it. Null for an unknown variant.
 */
export async function getStockHistory(db: DbOrTx, variantId: number, options: { page?: number; limit?: number } = {}): Promise<StockHistory | null> {
  const limit = options.limit ?? STOCK_HISTORY_PAGE_SIZE;
  const page = Math.max(1, options.page ?? 1);
  const [variant] = await db
    .select({
      variantId: productVariants.id,
      productId: products.id,
      productName: products.name,
      variantName: productVariants.name,
      sku: productVariants.sku,
    })
    .from(productVariants)
    .innerJoin(products, eq(products.id, productVariants.productId))
    .where(eq(productVariants.id, variantId));
  if (!variant) return null;
  const [availability, rows] = await Promise.all([
    getAvailability(db, [variantId]),
    db
      .select({
        id: inventoryAdjustments.id,
        delta: inventoryAdjustments.delta,
        stockBefore: inventoryAdjustments.stockBefore,
        stockAfter: inventoryAdjustments.stockAfter,
        reason: inventoryAdjustments.reason,
        reference: inventoryAdjustments.reference,
        actor: inventoryAdjustments.actor,
        note: inventoryAdjustments.note,
        createdAt: inventoryAdjustments.createdAt,
      })
      .from(inventoryAdjustments)
      .where(eq(inventoryAdjustments.variantId, variantId))
      .orderBy(desc(inventoryAdjustments.createdAt), desc(inventoryAdjustments.id))
      .limit(limit + 1)
      .offset((page - 1) * limit),
  ]);
  const stock = availability.get(variantId)!;
  const entries = rows.slice(0, limit);
  return {
    variant: { ...variant, stock: stock.stock, reserved: stock.reserved, available: stock.available },
    entries,
    page,
    hasOlder: rows.length > limit,
  };
}
