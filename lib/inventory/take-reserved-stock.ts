// A paid checkout's reservation becomes stock taken: decrements with their ledger rows, and the hold released.
import { NOW_SQL_TEXT, boundSql, joinSql, type BoundSql } from "@/lib/db";
import { HELD_BY_OTHER_CHECKOUTS, releaseCheckoutReservations } from "./reservations";

/** One variant of the order: the units asked for, and those the stock covered (decided from getAvailability). */
export type StockTakeDecision = { variantId: number; requested: number; taken: number };

const NOW = NOW_SQL_TEXT;
const STOCK_OF = '(SELECT "stock" FROM "product_variants" WHERE "id" = ?)';
/** One take still covered: its arguments are the variant, HELD_BY_OTHER_CHECKOUTS's, the units asked for and taken. */
const TAKE_STILL_HOLDS = `coalesce(min(max(0, ${STOCK_OF} - ${HELD_BY_OTHER_CHECKOUTS}), ?), 0) = ?`;
const DECREMENT = `UPDATE "product_variants" SET "stock" = "stock" - ?, "updated_at" = ${NOW} WHERE "id" = ?`;
const LEDGER_INSERT = 'INSERT INTO "inventory_adjustments" ("variant_id", "delta", "stock_before", "stock_after", "reason", "reference", "actor", "note", "created_at") VALUES ';
const LEDGER_ROW = [`(?, ?, ${STOCK_OF} + ?, ${STOCK_OF}, ?, `, `, ?, NULL, ${NOW})`] as const;
const MOVE = `json_object('variantId', ?, 'delta', ?, 'stockBefore', ${STOCK_OF} + ?, 'stockAfter', ${STOCK_OF})`;
const ALL_HOLD = boundSql("1");

/**
 * How many units of `requested` the variant covers now, leaving out the checkout's own hold — the
 * batch form of `min(getAvailability(…).available, requested)`, 0 for a variant that is gone — is
 * still what the decision took: the condition a write batch's stock guard checks under the lock. A
 * lapsed hold whose stock was sold meanwhile (or is held by another shopper's live checkout) is
 * what makes a line short.
 */
export function stockTakesStillHoldSql(params: { checkoutId: string; now: string; takes: readonly StockTakeDecision[] }): BoundSql {
  if (params.takes.length === 0) return ALL_HOLD;
  return joinSql(
    params.takes.map(({ variantId, requested, taken }) => boundSql(TAKE_STILL_HOLDS, [variantId, variantId, params.now, params.checkoutId, requested, taken])),
    " AND ",
  );
}

/**
 * The decided takes as statements: a decrement and its ledger row per variant that gave any units,
 * then the checkout's reservations released. The decrements are plain (the decision was made under
 * the lock, or the batch's stock guard re-checked it there); CHECK (stock >= 0) stays the last word.
 * The ledger rows and `moves` (the stock_updated event's data) read the stock as the decrement left it.
 */
export function takeReservedStockStatements(params: { checkoutId: string; takes: readonly StockTakeDecision[]; reference: BoundSql; actor: string }): {
  statements: BoundSql[];
  moves: BoundSql;
} {
  const taken = params.takes.filter((take) => take.taken > 0);
  const decrements = taken.map(({ variantId, taken: quantity }) => boundSql(DECREMENT, [quantity, variantId]));
  const ledger = taken.length
    ? [
        joinSql([
          boundSql(LEDGER_INSERT),
          joinSql(
            taken.map(({ variantId, taken: quantity }) =>
              joinSql([boundSql(LEDGER_ROW[0], [variantId, -quantity, variantId, quantity, variantId, "order"]), params.reference, boundSql(LEDGER_ROW[1], [params.actor])]),
            ),
            ", ",
          ),
        ]),
      ]
    : [];
  const moves = joinSql([
    boundSql("json_object('moves', json_array("),
    joinSql(
      taken.map(({ variantId, taken: quantity }) => boundSql(MOVE, [variantId, -quantity, variantId, quantity, variantId])),
      ", ",
    ),
    boundSql("))"),
  ]);
  return { statements: [...decrements, ...ledger, releaseCheckoutReservations(params.checkoutId)], moves };
}
