// Records what the payment provider said about a checkout's session, after the checkout was opened.
import { and, eq } from "drizzle-orm";
import type { Tx } from "@/lib/db";
import { checkouts, type StoredCheckoutQuote } from "@/lib/db/schema";
import { releaseReservations } from "@/lib/inventory/reservations";
import { nowIso } from "@/lib/time";
import { transitionCheckoutStatus } from "./checkout-status";
import { readCheckoutQuote } from "./read-checkout-quote";

/**
 * Stores the session id and URL, and the provider's id of each quoted shipping option (in the order
 * sent) so the webhook can match the option the shopper chose even between options of one price.
 * Only an open checkout takes them: if a newer checkout of the same cart replaced this one meanwhile,
 * returns false and the caller expires the orphaned session.
 */
export async function attachPaymentSession(
  tx: Tx,
  params: { checkoutId: string; sessionId: string; url: string; shippingRateIds?: readonly string[] },
): Promise<boolean> {
  const quote = params.shippingRateIds ? await quoteWithProviderRateIds(tx, params.checkoutId, params.shippingRateIds) : null;
  const updated = await tx
    .update(checkouts)
    .set({ paymentSessionId: params.sessionId, paymentUrl: params.url, ...(quote ? { quote } : {}), updatedAt: nowIso() })
    .where(and(eq(checkouts.id, params.checkoutId), eq(checkouts.status, "open")))
    .returning({ id: checkouts.id });
  return updated.length === 1;
}

async function quoteWithProviderRateIds(tx: Tx, checkoutId: string, rateIds: readonly string[]): Promise<StoredCheckoutQuote | null> {
  const [row] = await tx.select({ quote: checkouts.quote }).from(checkouts).where(eq(checkouts.id, checkoutId));
  if (!row) return null;
  const quote = readCheckoutQuote(row.quote, checkoutId);
  if (quote.shippingOptions.length !== rateIds.length) return null;
  return { ...quote, shippingOptions: quote.shippingOptions.map((option, index) => ({ ...option, providerRateId: rateIds[index] })) };
}

/** The provider refused or was unreachable: give the stock back at once and say why on the row. */
export async function markCheckoutFailed(tx: Tx, params: { checkoutId: string; reason: string }): Promise<void> {
  await releaseReservations(tx, params.checkoutId);
  await transitionCheckoutStatus(tx, { checkoutId: params.checkoutId, to: "failed", failureReason: params.reason, onlyFrom: ["open"], updatedAt: nowIso() });
}
