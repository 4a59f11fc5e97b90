// The checkout's one write transaction: replace the cart's open checkout, record the new one, hold its stock.
import type { Tx } from "@/lib/db";
import { checkouts, type CheckoutLineSnapshot, type StoredCheckoutQuote } from "@/lib/db/schema";
import { checkDiscountCode } from "@/lib/discounts/check-discount-code";
import { releaseReservations, reserveStock } from "@/lib/inventory/reservations";
import type { PaymentProviderName } from "@/lib/payments/payment-provider";
import type { CheckoutInput } from "./checkout-input";
import { replaceOpenCheckouts } from "./checkout-status";

export type ReplacedCheckout = { id: string; paymentSessionId: string | null; paymentProvider: PaymentProviderName };

/**
 * Runs inside the caller's write transaction, so all of it commits or none of it does:
 * - the cart's open checkout (a second tab, a shopper who came back from the payment page) becomes
 *   `replaced` and its reservation is released, so the shopper never competes with themselves;
 * - the discount's usage limit is checked again here, where writers are serialised, so two
 *   shoppers cannot both hold the last use;
 * - the checkout row stores the cart snapshot and quote;
 * - every line is reserved or `insufficient_stock` (409) rolls all of the above back.
 * A fixed number of statements whatever the number of lines.
 */
export async function openCheckout(
  tx: Tx,
  params: {
    checkoutId: string;
    cartId: string;
    input: CheckoutInput;
    quote: StoredCheckoutQuote;
    lines: CheckoutLineSnapshot[];
    provider: PaymentProviderName;
    reservationExpiresAt: string;
    now: string;
  },
): Promise<{ replaced: ReplacedCheckout[] }> {
  const { quote, now } = params;
  const replaced = await replaceOpenCheckouts(tx, { cartId: params.cartId, now });
  if (replaced.length > 0) await releaseReservations(tx, replaced.map((checkout) => checkout.id));

  if (quote.discount) {
    await checkDiscountCode(tx, { code: quote.discount.code, subtotal: quote.subtotal, currency: quote.currency, now, excludeCartId: params.cartId });
  }

  await tx.insert(checkouts).values({
    id: params.checkoutId,
    cartId: params.cartId,
    email: params.input.email ?? null,
    country: quote.country,
    acceptsMarketing: params.input.acceptsMarketing,
    discountCodeId: quote.discount?.discountCodeId ?? null,
    lines: params.lines,
    quote,
    currency: quote.currency,
    subtotal: quote.subtotal,
    discountTotal: quote.discount?.amount ?? 0,
    paymentProvider: params.provider,
    expiresAt: params.reservationExpiresAt,
    createdAt: now,
    updatedAt: now,
  });

  await reserveStock(tx, {
    checkoutId: params.checkoutId,
    lines: params.lines.map((line) => ({ variantId: line.variantId, quantity: line.quantity })),
    expiresAt: params.reservationExpiresAt,
    now,
  });
  return { replaced };
}
