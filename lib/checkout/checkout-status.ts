// The checkout status machine: which moves are legal, and the only code that writes `checkouts.status`.
import { and, eq, exists, inArray, lte, or } from "drizzle-orm";
import { NOW_SQL_TEXT, boundSql, type BoundSql, type Tx } from "@/lib/db";
import { checkouts, sqlNow, stockReservations, type CheckoutStatus } from "@/lib/db/schema";
import { AppError } from "@/lib/app-error";

/**
 * open → the shopper pays (completed), gives up (expired), is declined (failed) or starts again
 * (replaced). A payment can still arrive for a checkout that ended without one (the shopper paid in
 * the session's last second, or a replaced session was paid anyway): the shopper has paid, so every
 * status may become completed, and completing twice (awaiting a delayed payment, then paid) is a
 * no-op. A delayed payment that fails after completion makes it failed.
 */
export const CHECKOUT_TRANSITIONS: Readonly<Record<CheckoutStatus, readonly CheckoutStatus[]>> = {
  open: ["completed", "expired", "failed", "replaced"],
  completed: ["completed", "failed"],
  expired: ["completed"],
  failed: ["completed"],
  replaced: ["completed"],
};

export function canTransitionCheckout(from: CheckoutStatus, to: CheckoutStatus): boolean {
  return CHECKOUT_TRANSITIONS[from].includes(to);
}

function assertCheckoutTransition(from: CheckoutStatus, to: CheckoutStatus): void {
  if (!canTransitionCheckout(from, to)) {
    throw new AppError("illegal_transition", `A checkout that is ${from} cannot become ${to}.`, { from, to, allowed: CHECKOUT_TRANSITIONS[from] });
  }
}

export type CheckoutTransition = {
  checkoutId: string;
  to: CheckoutStatus;
  /** Shown on the row for a checkout that ended without payment; null clears it; absent leaves it. */
  failureReason?: string | null;
  /** Move only a checkout in one of these statuses; from any other, nothing changes and null is returned. */
  onlyFrom?: readonly CheckoutStatus[];
  updatedAt?: string;
};

/**
 * Moves one checkout to `to`, or throws `illegal_transition` (409). The update is conditional on the
 * status it read, so a change by another process in between is not overwritten: `stale_write` instead.
 * Run it inside the caller's write transaction.
 */
export async function transitionCheckoutStatus(tx: Tx, params: CheckoutTransition): Promise<{ from: CheckoutStatus; to: CheckoutStatus } | null> {
  const [checkout] = await tx.select({ status: checkouts.status }).from(checkouts).where(eq(checkouts.id, params.checkoutId));
  if (!checkout) throw new AppError("not_found", "Checkout was not found.");
  const from = checkout.status;
  if (params.onlyFrom && !params.onlyFrom.includes(from)) return null;
  assertCheckoutTransition(from, params.to);
  const [updated] = await tx
    .update(checkouts)
    .set({
      status: params.to,
      ...(params.failureReason === undefined ? {} : { failureReason: params.failureReason?.slice(0, 500) ?? null }),
      updatedAt: params.updatedAt ?? sqlNow,
    })
    .where(and(eq(checkouts.id, params.checkoutId), eq(checkouts.status, from)))
    .returning({ id: checkouts.id });
  if (!updated) throw new AppError("stale_write", "The checkout changed while this was being saved. Try again.");
  return { from, to: params.to };
}

/**
 * transitionCheckoutStatus(…, to: "completed") for writeBatch, where nothing can be read first. No
 * guard is needed: every status may become completed (see CHECKOUT_TRANSITIONS), so whatever another
 * writer did to the checkout since it was read, this move is legal.
 */
const COMPLETE_CHECKOUT = `UPDATE "checkouts" SET "status" = 'completed', "failure_reason" = NULL, "updated_at" = ${NOW_SQL_TEXT} WHERE "id" = ?`;

export function completeCheckoutStatement(checkoutId: string): BoundSql {
  return boundSql(COMPLETE_CHECKOUT, [checkoutId]);
}

const REPLACE_OPEN_CHECKOUTS =
  `UPDATE "checkouts" SET "status" = 'replaced', "failure_reason" = 'Replaced by a newer checkout of the same cart', "updated_at" = ? ` +
  `WHERE "cart_id" = ? AND "status" = 'open' RETURNING "id", "payment_session_id", "payment_provider"`;

/**
 * A newer checkout of the same cart (a second tab, a shopper back from the payment page) replaces
 * the cart's open ones; returns them so their payment sessions can be expired.
 */
export function replaceOpenCheckouts(params: { cartId: string; now: string }): BoundSql {
  return boundSql(REPLACE_OPEN_CHECKOUTS, [params.now, params.cartId]);
}

/** Open checkouts past their expiry, or holding a lapsed reservation, become expired; returns their ids. */
export function expireLapsedCheckouts(tx: Tx, now: string) {
  const lapsedHold = tx
    .select({ one: stockReservations.id })
    .from(stockReservations)
    .where(and(eq(stockReservations.checkoutId, checkouts.id), lte(stockReservations.expiresAt, now)));
  return tx
    .update(checkouts)
    .set({ status: "expired", failureReason: "The checkout expired before payment.", updatedAt: sqlNow })
    .where(and(eq(checkouts.status, "open"), or(lte(checkouts.expiresAt, now), exists(lapsedHold))))
    .returning({ id: checkouts.id });
}

/** The cart's replaced checkouts, as a subquery: their stock holds are the new checkout's to release. */
const REPLACED_CHECKOUT_IDS_OF_CART = `(SELECT "id" FROM "checkouts" WHERE "cart_id" = ? AND "status" = 'replaced')`;

/** The cart's replaced checkouts' ids, as a subquery (for `IN`). */
export function replacedCheckoutIdsOfCart(cartId: string): BoundSql {
  return boundSql(REPLACED_CHECKOUT_IDS_OF_CART, [cartId]);
}

/** Checkouts that ended without an order being possible any more: their stock holds are stale. */
export function endedCheckoutIds(tx: Tx) {
  return tx.select({ id: checkouts.id }).from(checkouts).where(inArray(checkouts.status, ["expired", "failed", "replaced"]));
}
