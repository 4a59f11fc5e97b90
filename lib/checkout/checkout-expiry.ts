// How long a checkout holds stock and its payment session stays open.

/**
 * How long a payment session takes payment, counted from its creation at the provider. Stripe
 * Checkout sessions can expire no sooner than 30 minutes after creation; a minute of margin keeps a
 * slow request or a skewed clock from turning our "30 minutes" into 29:59 at Stripe, which it would
 * reject.
 */
export const PAYMENT_SESSION_TTL_MS = 31 * 60 * 1000;

/**
 * Stock stays reserved a little longer than the payment session lives, so a shopper who pays in
 * the session's last second still finds their items held when Stripe's webhook arrives.
 */
export const RESERVATION_GRACE_MS = 5 * 60 * 1000;

/** When a checkout's stock hold ends, given when its payment session stops taking payment. */
export function reservationExpiryFor(paymentExpiresAt: string): string {
  return new Date(Date.parse(paymentExpiresAt) + RESERVATION_GRACE_MS).toISOString();
}

/**
 * The deadlines planned when the checkout is opened, before its session exists: they bound the hold
 * if the session is never attached. The provider fixes the session's real deadline when it creates
 * it (later, after lock waits and slow calls), and attachPaymentSession moves both to match.
 */
export function checkoutDeadlines(now: Date = new Date()): { paymentExpiresAt: string; reservationExpiresAt: string } {
  const paymentExpiresAt = new Date(now.getTime() + PAYMENT_SESSION_TTL_MS).toISOString();
  return { paymentExpiresAt, reservationExpiresAt: reservationExpiryFor(paymentExpiresAt) };
}
