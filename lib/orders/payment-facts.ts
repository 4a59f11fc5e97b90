// What the payment provider tells us about a paid (or pending) checkout; the order is built from our snapshot plus these.
import type { PostalAddress } from "@/lib/db/schema";

/**
 * Provider-neutral payment facts. The webhook turns a Stripe Checkout Session into this; nothing in
 * lib/orders reads Stripe's shapes. Every field may be missing in a partial event, so each is nullable
 * and the order code falls back to the checkout's own snapshot.
 */
export type PaymentFacts = {
  /** The provider's session id (cs_…); the success page finds the order by it. */
  sessionId: string;
  paymentIntentId: string | null;
  /** What the shopper actually paid, minor units. */
  amountTotal: number | null;
  /** ISO 4217 as the provider sends it (Stripe: lower case). */
  currency: string | null;
  /** Shipping actually charged, minor units. */
  shippingAmount: number | null;
  /** The provider's reference to the chosen shipping rate (Stripe shr_… id, or our rate id from the local provider). */
  shippingRateRef: string | null;
  email: string | null;
  customerName: string | null;
  shippingAddress: PostalAddress | null;
  billingAddress: PostalAddress | null;
};
