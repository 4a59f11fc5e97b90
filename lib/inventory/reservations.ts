// Holds stock for an open checkout while the shopper pays, and lets it go again.
import { and, eq, gt, inArray, ne, sql, type SQL } from "drizzle-orm";
import type { InStatement } from "@libsql/client";
import { NOW_SQL_TEXT, boundSql, guardStatement, joinSql, textStatement, type BoundSql, type GuardName, type StatementBuilder, type Tx } from "@/lib/db";
import { stockReservations } from "@/lib/db/schema";
import { AppError } from "@/lib/app-error";
import { nowIso } from "@/lib/time";
import { getAvailability } from "./availability";
import { quantitiesByVariant, type Shortfall } from "./shortfall";

export type ReservationRequest = { variantId: number; quantity: number };

/**
 * Reserves every line for `checkoutId` or none: availability is stock minus the active reservations
 * of other checkouts, read inside the caller's write transaction, so two checkouts can never both
 * take the last unit. Throws `insufficient_stock` (409) with the shortfalls before writing anything;
 * the caller's transaction then rolls back, or carries on if the caller accepts the refusal
 * (`isStockRefusal`).
 */
export async function reserveStock(
  tx: Tx,
  params: { checkoutId: string; lines: readonly ReservationRequest[]; expiresAt: string; now?: string },
): Promise<void> {
  const requested = quantitiesByVariant(params.lines);
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

/** True for reserveStock's refusal (not enough stock), which writes nothing; false for anything else, a database error included. */
export function isStockRefusal(error: unknown): error is AppError {
  return error instanceof AppError && error.code === "insufficient_stock";
}

/** Moves a checkout's holds to a new expiry; returns how many it had (0: the hold already lapsed and was cleaned up). */
export async function extendReservations(tx: Tx, checkoutId: string, expiresAt: string): Promise<number> {
  const extended = await tx
    .update(stockReservations)
    .set({ expiresAt })
    .where(eq(stockReservations.checkoutId, checkoutId))
    .returning({ id: stockReservations.id });
  return extended.length;
}

/** Drops the reservations of one checkout or several (payment failed, expired or replaced); returns how many rows went. */
export async function releaseReservations(tx: Tx, checkoutIds: string | readonly string[]): Promise<number> {
  const ids = typeof checkoutIds === "string" ? [checkoutIds] : [...checkoutIds];
  if (ids.length === 0) return 0;
  const released = await tx
    .delete(stockReservations)
    .where(ids.length === 1 ? eq(stockReservations.checkoutId, ids[0]!) : inArray(stockReservations.checkoutId, ids))
    .returning({ id: stockReservations.id });
  return released.length;
}

/**
 * reserveStock as statements for writeBatch, where nothing can be read in between: a named guard
 * (`stock`) first checks, inside the batch and under the write lock, that each line's variant still
 * has the stock, net of other checkouts' live holds, to cover it; if any line is short the guard
 * aborts the whole batch (a reservation is all lines or none, exactly as reserveStock's), and
 * `guardRefusal(error) === "stock"` recognises it. Then the holds are written as they are.
 */
export function reserveStockStatements(params: { checkoutId: string; lines: readonly ReservationRequest[]; expiresAt: string; now: string }): InStatement[] {
  const byVariant = [...quantitiesByVariant(params.lines)];
  const covers = joinSql(
    byVariant.map(([variantId, quantity]) => boundSql(LINE_COVERED, [variantId, variantId, params.now, params.checkoutId, quantity])),
    " AND ",
  );
  return [
    guardStatement([{ name: RESERVATION_GUARD, holds: covers }]),
    textStatement(
      joinSql([
        boundSql(RESERVATIONS_INSERT),
        joinSql(
          byVariant.map(([variantId, quantity]) => boundSql(RESERVATION_ROW, [params.checkoutId, variantId, quantity, params.expiresAt])),
          ", ",
        ),
      ]),
    ),
  ];
}

/** The guard of reserveStockStatements: a line's stock no longer covers it (data moved since it was read). */
export const RESERVATION_GUARD = "stock" satisfies GuardName;

/**
 * Units of a variant held by other checkouts' live reservations, as a subquery evaluated where it
 * runs (inside a write batch: under the write lock). The batch form of getAvailability's `reserved`.
 */
export function heldByOtherCheckoutsSql(db: StatementBuilder, variantId: number, params: { checkoutId: string; now: string }): SQL<number> {
  const held = db
    .select({ units: sql<number>`coalesce(sum(${stockReservations.quantity}), 0)` })
    .from(stockReservations)
    .where(and(eq(stockReservations.variantId, variantId), gt(stockReservations.expiresAt, params.now), ne(stockReservations.checkoutId, params.checkoutId)));
  return sql<number>`(${held})`;
}

/** heldByOtherCheckoutsSql as text built once (lib/db/statement-text.ts): its arguments are the variant, now and the checkout. */
export const HELD_BY_OTHER_CHECKOUTS =
  '(SELECT coalesce(sum("quantity"), 0) FROM "stock_reservations" WHERE "variant_id" = ? AND "expires_at" > ? AND "checkout_id" <> ?)';
/** A line still covered, net of other checkouts' live holds: the variant, HELD_BY_OTHER_CHECKOUTS's arguments, the units. */
const LINE_COVERED = `(SELECT "stock" FROM "product_variants" WHERE "id" = ?) - ${HELD_BY_OTHER_CHECKOUTS} >= ?`;
const RESERVATIONS_INSERT = 'INSERT INTO "stock_reservations" ("checkout_id", "variant_id", "quantity", "expires_at", "created_at") VALUES ';
const RESERVATION_ROW = `(?, ?, ?, ?, ${NOW_SQL_TEXT})`;
const RELEASE_CHECKOUT_RESERVATIONS = 'DELETE FROM "stock_reservations" WHERE "checkout_id" = ?';
const RELEASE_RESERVATIONS_OF = 'DELETE FROM "stock_reservations" WHERE "checkout_id" IN ';

/** releaseReservations for writeBatch: the holds of one checkout, as text built once. */
export function releaseCheckoutReservations(checkoutId: string): BoundSql {
  return boundSql(RELEASE_CHECKOUT_RESERVATIONS, [checkoutId]);
}

/** releaseReservations for writeBatch: the holds of the checkouts a subquery names (none if it names none). */
export function releaseReservationsOf(checkoutIds: BoundSql): BoundSql {
  return joinSql([boundSql(RELEASE_RESERVATIONS_OF), checkoutIds]);
}

/** extendReservations for writeBatch: moves the holds of the checkouts a subquery names (none if it names none). */
export function extendReservationsStatement(db: StatementBuilder, checkoutIds: SQL, expiresAt: string) {
  return db.update(stockReservations).set({ expiresAt }).where(inArray(stockReservations.checkoutId, checkoutIds));
}

