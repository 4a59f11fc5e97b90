// The parts of Stripe's event objects the store reads, validated, and turned into provider-neutral facts.
import { z } from "zod";
import type { PostalAddress } from "@/lib/db/schema";
import type { PaymentFacts } from "@/lib/orders/payment-facts";
import type { RefundFacts } from "@/lib/orders/record-refund";

const text = z.string().nullish();
const minor = z.number().int().nullish();
const idOrObject = z.union([z.string(), z.object({ id: z.string() }).loose()]).nullish();

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

function idOf(value: z.infer<typeof idOrObject>): string | null {
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

export function refundFactsFromCharge(charge: StripeCharge): RefundFacts | null {
  const paymentIntentId = idOf(charge.payment_intent);
  if (!paymentIntentId) return null;
  return { paymentIntentId, chargeId: charge.id, amountRefunded: charge.amount_refunded };
}
