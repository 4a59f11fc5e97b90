// Records what the payment provider said about a checkout's session, after the checkout was opened.
import { and, eq } from "drizzle-orm";
import type { Tx } from "@/lib/db";
import { checkouts } from "@/lib/db/schema";
import { releaseReservations } from "@/lib/inventory/reservations";
import { nowIso } from "@/lib/time";
import { transitionCheckoutStatus } from "./checkout-status";

/**
 * Stores the session id and URL. Only an open checkout takes them: if a newer checkout of the same
 * cart replaced this one meanwhile, returns false and the caller expires the orphaned session.
 */
export async function attachPaymentSession(tx: Tx, params: { checkoutId: string; sessionId: string; url: string }): Promise<boolean> {
  const updated = await tx
    .update(checkouts)
    .set({ paymentSessionId: params.sessionId, paymentUrl: params.url, updatedAt: nowIso() })
    .where(and(eq(checkouts.id, params.checkoutId), eq(checkouts.status, "open")))
    .returning({ id: checkouts.id });
  return updated.length === 1;
}

/** The provider refused or was unreachable: give the stock back at once and say why on the row. */
export async function markCheckoutFailed(tx: Tx, params: { checkoutId: string; reason: string }): Promise<void> {
  await releaseReservations(tx, params.checkoutId);
  await transitionCheckoutStatus(tx, { checkoutId: params.checkoutId, to: "failed", failureReason: params.reason, onlyFrom: ["open"], updatedAt: nowIso() });
}
