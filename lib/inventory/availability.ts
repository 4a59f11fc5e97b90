// What a shopper can still buy: stock minus the active reservations of open checkouts.
import { and, gt, inArray, ne, sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db";
import { productVariants, stockReservations } from "@/lib/db/schema";
import { nowIso } from "@/lib/time";

export type Availability = { variantId: number; stock: number; reserved: number; available: number };

/**
 * Units held per variant by live reservations, as a subquery to join on `variantId` (read `quantity`).
 * Reservations whose `expires_at` has passed no longer count, even before the cleanup cron deletes them.
 */
export function reservedStock(db: DbOrTx, options: { now: string; variantIds?: readonly number[]; excludeCheckoutId?: string }) {
  return db
    .select({
      variantId: stockReservations.variantId,
      quantity: sql<number>`sum(${stockReservations.quantity})`.as("reserved_quantity"),
    })
    .from(stockReservations)
    .where(
      and(
        options.variantIds ? inArray(stockReservations.variantId, [...options.variantIds]) : undefined,
        gt(stockReservations.expiresAt, options.now),
        options.excludeCheckoutId ? ne(stockReservations.checkoutId, options.excludeCheckoutId) : undefined,
      ),
    )
    .groupBy(stockReservations.variantId)
    .as("reserved");
}

/**
 * Availability of many variants in one statement (see reservedStock). `excludeCheckoutId` leaves
 * out the caller's own reservation (a checkout re-validating what it already holds).
 */
export async function getAvailability(
  db: DbOrTx,
  variantIds: readonly number[],
  options: { now?: string; excludeCheckoutId?: string } = {},
): Promise<Map<number, Availability>> {
  const result = new Map<number, Availability>();
  const ids = [...new Set(variantIds)];
  if (ids.length === 0) return result;
  const now = options.now ?? nowIso();
  const reserved = reservedStock(db, { now, variantIds: ids, excludeCheckoutId: options.excludeCheckoutId });
  const rows = await db
    .select({
      variantId: productVariants.id,
      stock: productVariants.stock,
      reserved: sql<number>`coalesce(${reserved.quantity}, 0)`,
    })
    .from(productVariants)
    .leftJoin(reserved, sql`${reserved.variantId} = ${productVariants.id}`)
    .where(inArray(productVariants.id, ids));
  for (const row of rows) {
    const reservedQuantity = Number(row.reserved);
    result.set(row.variantId, {
      variantId: row.variantId,
      stock: row.stock,
      reserved: reservedQuantity,
      available: Math.max(0, row.stock - reservedQuantity),
    });
  }
  return result;
}
