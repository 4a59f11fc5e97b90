// Test factory: Stripe-shaped events for one of our checkout rows, signed as Stripe signs them (tests, e2e, benchmark).
import { randomBytes } from "node:crypto";
import {
  buildCheckoutSessionEvent as buildSessionEvent,
  stripeEvent,
  type CheckoutSessionEventType,
  type StripeEvent,
} from "@/lib/payments/local/build-checkout-session-event";
import { signWebhookPayload } from "@/lib/payments/local/sign-webhook-payload";
import { env } from "@/lib/env";
import type { CheckoutRow } from "@/lib/checkout/checkout-row";
import { readCheckoutQuote } from "@/lib/checkout/read-checkout-quote";
import { isoAfter } from "@/lib/time";

export type { CheckoutSessionEventType };

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

/** Any Stripe event, loosely typed so a test can also break one (delete a field, change its type). */
export type StripeEventPayload = StripeEvent;

export type CheckoutForEvent = Pick<CheckoutRow, "id" | "paymentSessionId" | "subtotal" | "discountTotal" | "currency" | "email" | "country" | "quote"> &
  Partial<Pick<CheckoutRow, "expiresAt">>;

export function newStripeId(prefix: string): string {
  return `${prefix}_${randomBytes(12).toString("hex")}`;
}

/**
 * A `checkout.session.*` event for our checkout, built by the local provider's builder from the row:
 * by default it describes exactly what the quote asked for, paid by Ada Lovelace at an address in
 * the checkout's country; options bend one fact at a time.
 */
export function buildCheckoutSessionEvent(checkout: CheckoutForEvent, options: SessionEventOptions = {}): StripeEventPayload {
  const quote = readCheckoutQuote(checkout.quote, checkout.id);
  const address = options.address ?? { line1: "1 Mill Lane", city: "Hebden Bridge", postal_code: "HX7 8AB", country: checkout.country };
  return buildSessionEvent({
    type: options.type ?? "checkout.session.completed",
    session: {
      checkoutId: checkout.id,
      sessionId: checkout.paymentSessionId ?? newStripeId("cs_test"),
      currency: options.currency ?? checkout.currency,
      subtotal: checkout.subtotal,
      discountTotal: checkout.discountTotal,
      discountCode: quote.discount?.code ?? null,
      country: checkout.country,
      email: checkout.email,
      // Stripe's shortest session; nothing the webhook reads.
      expiresAt: checkout.expiresAt ?? isoAfter(30 * 60 * 1000),
      shippingOptions: quote.shippingOptions,
    },
    payer: {
      email: options.email ?? checkout.email ?? "ada@example.com",
      name: options.name ?? "Ada Lovelace",
      address: { line1: address.line1, line2: address.line2 ?? null, city: address.city, state: address.state ?? null, postal_code: address.postal_code },
    },
    eventId: options.eventId,
    overrides: {
      paymentStatus: options.paymentStatus,
      amountTotal: options.amountTotal,
      shippingAmount: options.shippingAmount,
      shippingOptionIndex: options.shippingOptionIndex ?? 0,
      shippingCountry: address.country,
      paymentIntentId: options.paymentIntentId,
      legacyShippingDetails: options.useLegacyShippingDetails,
    },
  });
}

/** A `charge.refunded` event: `amountRefunded` is cumulative for the charge, as Stripe reports it. */
export function buildChargeRefundedEvent(params: { paymentIntentId: string; amount: number; amountRefunded: number; currency?: string; eventId?: string }): StripeEventPayload {
  return stripeEvent(
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
    { eventId: params.eventId },
  );
}

export type RefundEventType = "refund.created" | "refund.updated" | "refund.failed" | "charge.refund.updated";

/** A Refund object's event (re_…), as Stripe sends each of the four refund event types. */
export function buildRefundEvent(params: {
  type?: RefundEventType;
  refundId: string;
  paymentIntentId: string | null;
  amount: number;
  status: "pending" | "requires_action" | "succeeded" | "failed" | "canceled";
  reason?: string | null;
  failureReason?: string | null;
  metadata?: Record<string, string>;
  currency?: string;
  eventId?: string;
}): StripeEventPayload {
  return stripeEvent(
    params.type ?? "refund.updated",
    {
      id: params.refundId,
      object: "refund",
      amount: params.amount,
      currency: (params.currency ?? "gbp").toLowerCase(),
      charge: newStripeId("ch"),
      payment_intent: params.paymentIntentId,
      status: params.status,
      reason: params.reason ?? null,
      failure_reason: params.failureReason ?? null,
      metadata: params.metadata ?? {},
      created: Math.floor(Date.now() / 1000),
    },
    { eventId: params.eventId },
  );
}

/** Body and headers ready to POST to /api/webhooks/stripe, signed with the webhook secret unless told otherwise. */
export function signStripeEvent(event: StripeEventPayload, options: { secret?: string; timestamp?: number } = {}) {
  const secret = options.secret ?? env().STRIPE_WEBHOOK_SECRET;
  if (!secret) throw new Error("STRIPE_WEBHOOK_SECRET is not set: cannot sign a webhook event.");
  const body = JSON.stringify(event);
  return { body, headers: { "content-type": "application/json", "stripe-signature": signWebhookPayload(body, secret, options.timestamp) } };
}
