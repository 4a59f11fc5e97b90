// Reads a checkout for the local payment page and the events it sends.
import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db";
import { checkouts, discountCodes, type CheckoutLineSnapshot, type CheckoutStatus, type QuotedShippingOption, type StoredCheckoutQuote } from "@/lib/db/schema";
import type { SessionFacts } from "@/lib/payments/local/build-checkout-session-event";
import { nowIso } from "@/lib/time";
import { readCheckoutQuote } from "./read-checkout-quote";

export type PayableCheckout = {
  /** "Held for you until": when a shop update's hold of this checkout's stock ends; null for the usual hold. */
  heldUntil: string | null;
  id: string;
  status: CheckoutStatus;
  paymentProvider: "stripe" | "local";
  /** Open, holding a session, and its payment window has not closed. */
  isPayable: boolean;
  lines: CheckoutLineSnapshot[];
  quote: StoredCheckoutQuote;
  session: SessionFacts<QuotedShippingOption> | null;
};

/** One statement; null when there is no such checkout. */
export async function getPayableCheckout(db: DbOrTx, checkoutId: string, now: string = nowIso()): Promise<PayableCheckout | null> {
  const [row] = await db
    .select({ checkout: checkouts, discountCode: discountCodes.code })
    .from(checkouts)
    .leftJoin(discountCodes, eq(discountCodes.id, checkouts.discountCodeId))
    .where(eq(checkouts.id, checkoutId))
    .limit(1);
  if (!row) return null;
  const { checkout } = row;
  const quote = readCheckoutQuote(checkout.quote, checkout.id);
  const session: SessionFacts<QuotedShippingOption> | null = checkout.paymentSessionId
    ? {
        checkoutId: checkout.id,
        sessionId: checkout.paymentSessionId,
        currency: checkout.currency,
        subtotal: checkout.subtotal,
        discountTotal: checkout.discountTotal,
        discountCode: row.discountCode ?? quote.discount?.code ?? null,
        country: checkout.country,
        email: checkout.email,
        expiresAt: quote.paymentExpiresAt,
        shippingOptions: quote.shippingOptions,
      }
    : null;
  return {
    id: checkout.id,
    status: checkout.status,
    paymentProvider: checkout.paymentProvider,
    isPayable: checkout.status === "open" && session !== null && now < quote.paymentExpiresAt,
    lines: checkout.lines,
    quote,
    session,
    // Only a shop update's hold ends before the session stops taking payment (the usual hold outlasts it).
    heldUntil: checkout.expiresAt < quote.paymentExpiresAt ? checkout.expiresAt : null,
  };
}
