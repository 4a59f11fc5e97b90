// The seam between checkout and whoever takes the money: Stripe Checkout, or the in-app local page.
import type { ShippingOption } from "@/lib/shipping/quote-shipping";

export type PaymentProviderName = "stripe" | "local";

/** Everything a hosted payment page needs, in minor units; built from the checkout row's snapshot. */
export type PaymentSessionRequest = {
  /** Also the idempotency key and `client_reference_id`: a retried create returns the same session. */
  checkoutId: string;
  /** ISO 4217 as the store keeps it (upper case); adapters convert to what their API wants. */
  currency: string;
  email: string | null;
  /** The only country the shopper may enter a delivery address in. */
  country: string;
  lines: { variantId: number; productName: string; variantName: string; sku: string; unitPrice: number; quantity: number }[];
  discount: { code: string; amount: number } | null;
  /** Only the destination country's rates, cheapest first. */
  shippingOptions: ShippingOption[];
  /**
   * How long the session takes payment, counted from the moment the provider creates it: the deadline
   * is fixed then, so lock waits and slow calls before creation cannot shorten the shopper's window.
   */
  paymentWindowMs: number;
  successUrl: string;
  cancelUrl: string;
};

export type PaymentSession = {
  sessionId: string;
  url: string;
  /** ISO timestamp at which the session stops taking payment, as the provider was told at creation. */
  expiresAt: string;
  /**
   * The provider's own id of each shipping option, in the order they were sent (Stripe creates
   * shr_… rates from `shipping_rate_data`), so the webhook can tell options of one price apart.
   * Absent when the provider names rates by our ids (the local provider).
   */
  shippingRateIds?: string[];
};

/** Money back to the shopper on a captured payment, minor units. */
export type RefundRequest = {
  paymentIntentId: string;
  amount: number;
  currency: string;
  /** The provider applies a retried request once: a double click or a retry after a timeout refunds once. */
  idempotencyKey: string;
  /** Our order id, kept with the refund at the provider for reconciliation. */
  orderId: number;
  /** One of the provider's reasons, or none (the owner's `other`, explained by the note). */
  reason: "requested_by_customer" | "duplicate" | "fraudulent" | null;
  /** The owner's note, kept with the refund at the provider. */
  note: string | null;
};

/** A refund the provider accepted: settled at once, or still on its way (it counts as refunded either way). */
export type RefundResult = { refundId: string; amount: number; status: "succeeded" | "pending" | "requires_action" };

/**
 * A payment session as the provider reports it when asked (not told by a webhook). `object` is the
 * session in the shape the provider's `checkout.session.*` webhook events carry, so the store can
 * apply it through the webhook's own path; nothing else reads it.
 */
export type RetrievedSession = {
  /** `open`: the shopper has not finished the payment page; `expired`: never will. */
  status: "open" | "complete" | "expired";
  /** `unpaid` on a complete session is a delayed method still clearing. */
  paymentStatus: "paid" | "unpaid" | "no_payment_required";
  object: unknown;
};

export interface PaymentProvider {
  readonly name: PaymentProviderName;
  /** Creates the hosted payment session; throws when the provider refuses or cannot be reached. */
  createSession(request: PaymentSessionRequest): Promise<PaymentSession>;
  /** What the provider knows of a session now; throws when it cannot be reached or does not know it. */
  retrieveSession(sessionId: string): Promise<RetrievedSession>;
  /** Stops a replaced checkout's session from taking payment. Best effort: callers log failures. */
  expireSession(sessionId: string): Promise<void>;
  /** Refunds part or all of a payment; throws when the provider refuses (then nothing was refunded). */
  refund(request: RefundRequest): Promise<RefundResult>;
}
