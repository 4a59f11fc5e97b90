// What a shopper can still buy: stock minus the active reservations of open checkouts.
import { and, gt, inArray, ne, sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db";
import { inJsonList, jsonList, preparedPerHandle } from "@/lib/db/prepared";
import { productVariants, stockReservations } from "@/lib/db/schema";
import { nowIso } from "@/lib/time";

export type Availability = {
  variantId: number;
  stock: number;
  reserved: number;
  available: number;
  /** When the first of those reserved units is released (the earliest live hold's expires_at); null when none is held. */
  heldUntil: string | null;
};

export type ReservedStockOptions = {
  now?: string;
  /** Leaves out the caller's own reservation (a checkout re-validating what it already holds). */
  excludeCheckoutId?: string;
  /** Only these variants; all variants when absent (the admin's inventory table). */
  variantIds?: readonly number[];
};

/**
 * Units held per variant by live reservations, as a subquery to left-join on the variant id
 * (`reserved.variantId`, `reserved.quantity`). Reservations whose `expires_at` has passed no longer
 * count, even before the cleanup cron deletes them. The one definition of "reserved": the
 * storefront's availability and the admin's inventory table both join it.
 */
export function reservedStock(db: DbOrTx, options: ReservedStockOptions = {}) {
  const now = options.now ?? nowIso();
  return db
    .select({
      variantId: stockReservations.variantId,
      quantity: sql<number>`sum(${stockReservations.quantity})`.as("reserved_quantity"),
      releasesAt: sql<string>`min(${stockReservations.expiresAt})`.as("reserved_releases_at"),
    })
    .from(stockReservations)
    .where(
      and(
        options.variantIds ? inArray(stockReservations.variantId, [...options.variantIds]) : undefined,
        gt(stockReservations.expiresAt, now),
        options.excludeCheckoutId ? ne(stockReservations.checkoutId, options.excludeCheckoutId) : undefined,
      ),
    )
    .groupBy(stockReservations.variantId)
    .as("reserved");
}

/**
 * getAvailability's statement, compiled once per handle: the variants and the reservation filter are
 * placeholders (the ids one JSON list), so one SQL text serves every call. The same reading as reservedStock.
 */
function availabilityStatement(db: DbOrTx, excludesCheckout: boolean) {
  const reserved = db
    .select({
      variantId: stockReservations.variantId,
      quantity: sql<number>`sum(${stockReservations.quantity})`.as("reserved_quantity"),
      releasesAt: sql<string>`min(${stockReservations.expiresAt})`.as("reserved_releases_at"),
    })
    .from(stockReservations)
    .where(
      and(
        inJsonList(stockReservations.variantId, "ids"),
        gt(stockReservations.expiresAt, sql.placeholder("now")),
        excludesCheckout ? ne(stockReservations.checkoutId, sql.placeholder("excludeCheckoutId")) : undefined,
      ),
    )
    .groupBy(stockReservations.variantId)
    .as("reserved");
  return db
    .select({
      variantId: productVariants.id,
      stock: productVariants.stock,
      reserved: sql<number>`coalesce(${reserved.quantity}, 0)`,
      releasesAt: reserved.releasesAt,
    })
    .from(productVariants)
    .leftJoin(reserved, sql`${reserved.variantId} = ${productVariants.id}`)
    .where(inJsonList(productVariants.id, "ids"))
    .prepare();
}
const availabilityQuery = preparedPerHandle((db) => availabilityStatement(db, false));
const availabilityExcludingQuery = preparedPerHandle((db) => availabilityStatement(db, true));

/** Availability of many variants in one statement. */
export async function getAvailability(
  db: DbOrTx,
  variantIds: readonly number[],
  options: { now?: string; excludeCheckoutId?: string } = {},
): Promise<Map<number, Availability>> {
  const result = new Map<number, Availability>();
  const ids = [...new Set(variantIds)];
  if (ids.length === 0) return result;
  const now = options.now ?? nowIso();
  const rows = options.excludeCheckoutId
    ? await availabilityExcludingQuery(db).all({ ids: jsonList(ids), now, excludeCheckoutId: options.excludeCheckoutId })
    : await availabilityQuery(db).all({ ids: jsonList(ids), now });
  for (const row of rows) {
    const reservedQuantity = Number(row.reserved);
    result.set(row.variantId, {
      variantId: row.variantId,
      stock: row.stock,
      reserved: reservedQuantity,
      available: Math.max(0, row.stock - reservedQuantity),
      heldUntil: reservedQuantity > 0 ? (row.releasesAt ?? null) : null,
    });
  }
  return result;
}
