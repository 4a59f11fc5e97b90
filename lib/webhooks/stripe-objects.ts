// The parts of Stripe's event objects the store reads, validated, and turned into provider-neutral facts.
import { z } from "zod";
import { REFUND_STATUSES, type PostalAddress, type RefundReason } from "@/lib/db/schema";
import type { PaymentFacts } from "@/lib/orders/payment-facts";
import type { ChargeRefundFacts, RefundFacts } from "@/lib/orders/record-refund";

const text = z.string().nullish();
const minor = z.number().int().nullish();
/** An expandable reference: Stripe sends the id, or the object when it was expanded. */
export const idOrObject = z.union([z.string(), z.object({ id: z.string() }).loose()]).nullish();

const stripeAddress = z
  .object({ line1: text, line2: text, city: text, state: text, postal_code: text, country: text })
  .loose()
  .nullish();
const stripeShippingDetails = z.object({ name: text, address: stripeAddress }).loose().nullish();

/** A Checkout Session as Stripe sends it in `checkout.session.*` events (unknown fields pass through). */
export const stripeCheckoutSession = z
  .object({
    id: z.string().min(1),
    client_reference_id: text,
    payment_status: z.string(),
    amount_total: minor,
    currency: text,
    customer_email: text,
    customer_details: z.object({ email: text, name: text, address: stripeAddress }).loose().nullish(),
    /** Current API versions put the shipping address here… */
    collected_information: z.object({ shipping_details: stripeShippingDetails }).loose().nullish(),
    /** …older ones at the top level. */
    shipping_details: stripeShippingDetails,
    payment_intent: idOrObject,
    shipping_cost: z.object({ amount_total: minor, shipping_rate: idOrObject }).loose().nullish(),
    total_details: z.object({ amount_shipping: minor, amount_discount: minor }).loose().nullish(),
  })
  .loose();
export type StripeCheckoutSession = z.infer<typeof stripeCheckoutSession>;

/** A Charge as sent in `charge.refunded`. */
export const stripeCharge = z
  .object({
    id: z.string().min(1),
    payment_intent: idOrObject,
    amount: z.number().int(),
    amount_refunded: z.number().int().nonnegative(),
  })
  .loose();
export type StripeCharge = z.infer<typeof stripeCharge>;

/** A Refund as sent in `refund.created`, `refund.updated`, `refund.failed` and `charge.refund.updated`. */
export const stripeRefund = z
  .object({
    id: z.string().min(1),
    amount: z.number().int().positive(),
    currency: z.string().min(3),
    charge: idOrObject,
    payment_intent: idOrObject,
    status: z.enum(REFUND_STATUSES),
    reason: text,
    failure_reason: text,
    metadata: z.record(z.string(), z.string()).nullish(),
  })
  .loose();
export type StripeRefund = z.infer<typeof stripeRefund>;

export function idOf(value: z.infer<typeof idOrObject>): string | null {
  if (!value) return null;
  return typeof value === "string" ? value : value.id;
}

function toPostalAddress(name: string | null | undefined, address: z.infer<typeof stripeAddress>): PostalAddress | null {
  if (!address || !address.country) return null;
  return {
    name: name?.trim() ?? "",
    line1: address.line1 ?? "",
    line2: address.line2 ?? null,
    city: address.city ?? "",
    region: address.state ?? null,
    postalCode: address.postal_code ?? "",
    country: address.country.toUpperCase(),
  };
}

export function paymentFactsFromSession(session: StripeCheckoutSession): PaymentFacts {
  const shipping = session.collected_information?.shipping_details ?? session.shipping_details ?? null;
  return {
    sessionId: session.id,
    paymentIntentId: idOf(session.payment_intent),
    amountTotal: session.amount_total ?? null,
    currency: session.currency ?? null,
    shippingAmount: session.shipping_cost?.amount_total ?? session.total_details?.amount_shipping ?? null,
    shippingRateRef: idOf(session.shipping_cost?.shipping_rate),
    email: session.customer_details?.email ?? session.customer_email ?? null,
    customerName: session.customer_details?.name ?? null,
    shippingAddress: toPostalAddress(shipping?.name, shipping?.address),
    billingAddress: toPostalAddress(session.customer_details?.name, session.customer_details?.address),
  };
}

export function refundFactsFromCharge(charge: StripeCharge): ChargeRefundFacts | null {
  const paymentIntentId = idOf(charge.payment_intent);
  if (!paymentIntentId) return null;
  return { paymentIntentId, chargeId: charge.id, amountRefunded: charge.amount_refunded };
}

/** Stripe's own reasons map to ours; any other (`expired_uncaptured_charge`, a future one) is recorded as none. */
const STRIPE_REFUND_REASONS: readonly RefundReason[] = ["requested_by_customer", "duplicate", "fraudulent"];

/** The refund and the payment it belongs to; null when it names no payment intent (not a Checkout payment). */
export function refundFactsFromRefund(refund: StripeRefund): { paymentIntentId: string; facts: RefundFacts } | null {
  const paymentIntentId = idOf(refund.payment_intent);
  if (!paymentIntentId) return null;
  const reason = STRIPE_REFUND_REASONS.find((known) => known === refund.reason) ?? null;
  return {
    paymentIntentId,
    facts: {
      providerRefundId: refund.id,
      amount: refund.amount,
      currency: refund.currency,
      status: refund.status,
      reason,
      failureReason: refund.failure_reason ?? null,
      note: refund.metadata?.note ?? null,
      actor: "webhook",
    },
  };
}
