// How long a checkout holds stock and its payment session stays open.

/**
 * Stripe Checkout sessions can expire no sooner than 30 minutes after creation. A minute of margin
 * keeps a slow request or a skewed clock from turning our "30 minutes" into 29:59 at Stripe, which
 * it would reject.
 */
export const PAYMENT_SESSION_TTL_MS = 31 * 60 * 1000;

/**
 * Stock stays reserved a little longer than the payment session lives, so a shopper who pays in
 * the session's last second still finds their items held when Stripe's webhook arrives.
 */
export const RESERVATION_GRACE_MS = 5 * 60 * 1000;

export function checkoutDeadlines(now: Date = new Date()): { paymentExpiresAt: string; reservationExpiresAt: string } {
  const paymentExpiresAt = new Date(now.getTime() + PAYMENT_SESSION_TTL_MS);
  return {
    paymentExpiresAt: paymentExpiresAt.toISOString(),
    reservationExpiresAt: new Date(paymentExpiresAt.getTime() + RESERVATION_GRACE_MS).toISOString(),
  };
}
