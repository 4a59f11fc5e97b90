// Records what the payment provider said about a checkout's session, after the checkout was opened.
import { and, eq, sql } from "drizzle-orm";
import { statementBuilder, toStatement, writeBatch, type Tx } from "@/lib/db";
import { checkouts, type StoredCheckoutQuote } from "@/lib/db/schema";
import { extendReservationsStatement, releaseReservations } from "@/lib/inventory/reservations";
import { nowIso } from "@/lib/time";
import { reservationExpiryFor } from "./checkout-expiry";
import { transitionCheckoutStatus } from "./checkout-status";

/**
 * Stores the session id and URL, the deadline the provider gave the session, and the provider's id
 * of each quoted shipping option (in the order sent) so the webhook can match the option the
 * shopper chose even between options of one price. The session's deadline was fixed when it was
 * created, after the checkout was opened with a planned one, so the checkout's hold moves to end
 * RESERVATION_GRACE_MS after the real deadline: a shopper paying in the session's last second still
 * finds the stock held. `quote` is the one the checkout was opened with (nothing else writes it while
 * the checkout is open), so this is one batch, one round trip, and only an open checkout takes any
 * of it. If a newer checkout of the same cart replaced this one meanwhile, returns false and the
 * caller expires the orphaned session.
 */
export async function attachPaymentSession(params: {
  checkoutId: string;
  sessionId: string;
  url: string;
  expiresAt: string;
  quote: StoredCheckoutQuote;
  shippingRateIds?: readonly string[];
  /** A shop update's hold ends earlier than the session: the stock goes back to the next shopper then. */
  holdUntil?: string | null;
}): Promise<boolean> {
  const b = statementBuilder;
  const dated = { ...params.quote, paymentExpiresAt: params.expiresAt };
  const quote = (params.shippingRateIds && quoteWithProviderRateIds(dated, params.shippingRateIds)) || dated;
  const usualHold = reservationExpiryFor(params.expiresAt);
  const holdUntil = params.holdUntil && params.holdUntil < usualHold ? params.holdUntil : usualHold;
  const attached = b
    .select({ id: checkouts.id })
    .from(checkouts)
    .where(and(eq(checkouts.id, params.checkoutId), eq(checkouts.status, "open"), eq(checkouts.paymentSessionId, params.sessionId)));
  const [updated] = await writeBatch([
    toStatement(
      b
        .update(checkouts)
        .set({ paymentSessionId: params.sessionId, paymentUrl: params.url, quote, expiresAt: holdUntil, updatedAt: nowIso() })
        .where(and(eq(checkouts.id, params.checkoutId), eq(checkouts.status, "open")))
        .returning({ id: checkouts.id }),
    ),
    // Only if the update above took: drizzle parenthesises the embedded query itself.
    toStatement(extendReservationsStatement(b, sql`${attached}`, holdUntil)),
  ]);
  return updated!.rows.length === 1;
}

function quoteWithProviderRateIds(quote: StoredCheckoutQuote, rateIds: readonly string[]): StoredCheckoutQuote | null {
  if (quote.shippingOptions.length !== rateIds.length) return null;
  return { ...quote, shippingOptions: quote.shippingOptions.map((option, index) => ({ ...option, providerRateId: rateIds[index] })) };
}

/** The provider refused or was unreachable: give the stock back at once and say why on the row. */
export async function markCheckoutFailed(tx: Tx, params: { checkoutId: string; reason: string }): Promise<void> {
  await releaseReservations(tx, params.checkoutId);
  await transitionCheckoutStatus(tx, { checkoutId: params.checkoutId, to: "failed", failureReason: params.reason, onlyFrom: ["open"], updatedAt: nowIso() });
}
