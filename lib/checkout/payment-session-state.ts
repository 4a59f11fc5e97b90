// Records what the payment provider said about a checkout's session, after the checkout was opened.
import { and, eq } from "drizzle-orm";
import { statementBuilder, toStatement, writeBatch, type Tx } from "@/lib/db";
import { checkouts, type StoredCheckoutQuote } from "@/lib/db/schema";
import { releaseReservations } from "@/lib/inventory/reservations";
import { nowIso } from "@/lib/time";
import { transitionCheckoutStatus } from "./checkout-status";

/**
 * Stores the session id and URL, and the provider's id of each quoted shipping option (in the order
 * sent) so the webhook can match the option the shopper chose even between options of one price.
 * `quote` is the one the checkout was opened with (nothing else writes it while the checkout is
 * open), so this is one conditional statement, one round trip: only an open checkout takes them. If
 * a newer checkout of the same cart replaced this one meanwhile, returns false and the caller
 * expires the orphaned session.
 */
export async function attachPaymentSession(params: {
  checkoutId: string;
  sessionId: string;
  url: string;
  quote: StoredCheckoutQuote;
  shippingRateIds?: readonly string[];
}): Promise<boolean> {
  const quote = params.shippingRateIds ? quoteWithProviderRateIds(params.quote, params.shippingRateIds) : null;
  const [updated] = await writeBatch([
    toStatement(
      statementBuilder
        .update(checkouts)
        .set({ paymentSessionId: params.sessionId, paymentUrl: params.url, ...(quote ? { quote } : {}), updatedAt: nowIso() })
        .where(and(eq(checkouts.id, params.checkoutId), eq(checkouts.status, "open")))
        .returning({ id: checkouts.id }),
    ),
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
