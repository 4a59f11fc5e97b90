// Builds Stripe-shaped events for one of our checkouts and signs them as Stripe does (local provider, benchmark, tests).
import { randomBytes } from "node:crypto";
import Stripe from "stripe";
import type { CheckoutRow } from "@/lib/orders/order-steps";
import { env } from "@/lib/env";
import { readCheckoutQuote } from "@/lib/orders/checkout-quote";

export type CheckoutSessionEventType =
  | "checkout.session.completed"
  | "checkout.session.async_payment_succeeded"
  | "checkout.session.async_payment_failed"
  | "checkout.session.expired";

export type StripeAddressInput = {
  line1: string;
  line2?: string | null;
  city: string;
  state?: string | null;
  postal_code: string;
  country: string;
};

export type SessionEventOptions = {
  type?: CheckoutSessionEventType;
  eventId?: string;
  paymentStatus?: "paid" | "unpaid" | "no_payment_required";
  /** Defaults to subtotal − discount + the chosen option's price: what the quote said. */
  amountTotal?: number;
  currency?: string;
  /** Index into the quote's shipping options (default 0). */
  shippingOptionIndex?: number;
  /** Override the shipping charged (defaults to the chosen option's price). */
  shippingAmount?: number;
  email?: string;
  name?: string;
  address?: StripeAddressInput;
  paymentIntentId?: string;
  /** Put the address where API versions before 2025 did (`shipping_details` at the top level). */
  useLegacyShippingDetails?: boolean;
};

export type StripeEventPayload = {
  id: string;
  object: "event";
  api_version: string;
  created: number;
  type: string;
  livemode: false;
  pending_webhooks: number;
  request: { id: null; idempotency_key: null };
  data: { object: Record<string, unknown> };
};

export type CheckoutForEvent = Pick<CheckoutRow, "id" | "paymentSessionId" | "subtotal" | "discountTotal" | "currency" | "email" | "country" | "quote">;

export function newStripeId(prefix: string): string {
  return `${prefix}_${randomBytes(12).toString("hex")}`;
}

const API_VERSION = "2025-10-29.clover";

function envelope(type: string, object: Record<string, unknown>, eventId?: string): StripeEventPayload {
  return {
    id: eventId ?? newStripeId("evt"),
    object: "event",
    api_version: API_VERSION,
    created: Math.floor(Date.now() / 1000),
    type,
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    data: { object },
  };
}

/**
 * A `checkout.session.*` event for our checkout, with the fields Stripe sends: client_reference_id,
 * payment status, totals, customer and shipping details, the chosen shipping rate. By default it
 * describes exactly what the quote asked for; options bend one fact at a time.
 */
export function buildCheckoutSessionEvent(checkout: CheckoutForEvent, options: SessionEventOptions = {}): StripeEventPayload {
  const type = options.type ?? "checkout.session.completed";
  const quote = readCheckoutQuote(checkout.quote);
  const option = quote.shippingOptions[options.shippingOptionIndex ?? 0] ?? null;
  const shippingAmount = options.shippingAmount ?? option?.amount ?? 0;
  const amountTotal = options.amountTotal ?? checkout.subtotal - checkout.discountTotal + shippingAmount;
  const isExpired = type === "checkout.session.expired";
  const paymentStatus =
    options.paymentStatus ?? (type === "checkout.session.completed" || type === "checkout.session.async_payment_succeeded" ? "paid" : "unpaid");
  const name = options.name ?? "Ada Lovelace";
  const address = options.address ?? { line1: "1 Mill Lane", line2: null, city: "Hebden Bridge", state: null, postal_code: "HX7 8AB", country: checkout.country };
  const shippingDetails = isExpired ? null : { name, address };
  const session: Record<string, unknown> = {
    id: checkout.paymentSessionId ?? newStripeId("cs_test"),
    object: "checkout.session",
    client_reference_id: checkout.id,
    mode: "payment",
    status: isExpired ? "expired" : "complete",
    payment_status: paymentStatus,
    amount_subtotal: checkout.subtotal,
    amount_total: amountTotal,
    currency: (options.currency ?? checkout.currency).toLowerCase(),
    customer_email: checkout.email,
    customer_details: isExpired ? null : { email: options.email ?? checkout.email ?? "ada@example.com", name, address },
    payment_intent: isExpired ? null : (options.paymentIntentId ?? newStripeId("pi")),
    shipping_cost:
      option || options.shippingAmount !== undefined
        ? { amount_subtotal: shippingAmount, amount_tax: 0, amount_total: shippingAmount, shipping_rate: option?.rateId != null ? String(option.rateId) : null }
        : null,
    total_details: { amount_discount: checkout.discountTotal, amount_shipping: shippingAmount, amount_tax: 0 },
  };
  if (options.useLegacyShippingDetails) session.shipping_details = shippingDetails;
  else session.collected_information = { shipping_details: shippingDetails };
  return envelope(type, session, options.eventId);
}

/** A `charge.refunded` event: `amountRefunded` is cumulative for the charge, as Stripe reports it. */
export function buildChargeRefundedEvent(params: { paymentIntentId: string; amount: number; amountRefunded: number; currency?: string; eventId?: string }): StripeEventPayload {
  return envelope(
    "charge.refunded",
    {
      id: newStripeId("ch"),
      object: "charge",
      payment_intent: params.paymentIntentId,
      amount: params.amount,
      amount_refunded: params.amountRefunded,
      refunded: params.amountRefunded >= params.amount,
      currency: (params.currency ?? "gbp").toLowerCase(),
    },
    params.eventId,
  );
}

/**
 * The `stripe-signature` header for a body, computed with Stripe's own scheme (HMAC-SHA256 over
 * `timestamp.body`), so the webhook verifies it exactly as it verifies Stripe's deliveries.
 */
export function signStripePayload(body: string, options: { secret?: string; timestamp?: number } = {}): string {
  const secret = options.secret ?? env().STRIPE_WEBHOOK_SECRET;
  if (!secret) throw new Error("STRIPE_WEBHOOK_SECRET is not set: cannot sign a webhook event.");
  return Stripe.webhooks.generateTestHeaderString({ payload: body, secret, timestamp: options.timestamp });
}

/** Body and headers ready to POST to /api/webhooks/stripe. */
export function signStripeEvent(event: StripeEventPayload, options: { secret?: string; timestamp?: number } = {}) {
  const body = JSON.stringify(event);
  return { body, headers: { "content-type": "application/json", "stripe-signature": signStripePayload(body, options) } };
}
