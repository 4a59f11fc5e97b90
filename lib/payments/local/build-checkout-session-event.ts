// The one place that knows the shape of Stripe's checkout.session events: the local provider sends them, tests bend them.
import { createHash, randomBytes } from "node:crypto";
import Stripe from "stripe";
import type { ShippingOption } from "@/lib/shipping/quote-shipping";

export type CheckoutSessionEventType =
  | "checkout.session.completed"
  | "checkout.session.async_payment_succeeded"
  | "checkout.session.async_payment_failed"
  | "checkout.session.expired";

export type StripeAddress = {
  line1: string;
  line2: string | null;
  city: string;
  state: string | null;
  postal_code: string;
  country: string;
};

/** What the event needs of a quoted shipping option; a stored quote may hold options without a rate id. */
export type SessionShippingOption = Pick<ShippingOption, "amount"> & { rateId: number | null };

/** The facts about a checkout that a session event carries (what Stripe knows from our create call). */
export type SessionFacts<Option extends SessionShippingOption = ShippingOption> = {
  checkoutId: string;
  sessionId: string;
  /** ISO 4217; lower-cased in the event as Stripe does. */
  currency: string;
  /** Goods before discount. */
  subtotal: number;
  discountTotal: number;
  discountCode: string | null;
  country: string;
  email: string | null;
  /** ISO timestamp at which the session stops taking payment. */
  expiresAt: string;
  /** In the quote's order. */
  shippingOptions: Option[];
};

/** What the shopper typed on the payment page. */
export type Payer = { email: string; name: string; address: Omit<StripeAddress, "country"> };

/** The subset of Stripe's `checkout.session` object that the store reads, with Stripe's field names. */
export type CheckoutSessionObject = {
  id: string;
  object: "checkout.session";
  mode: "payment";
  client_reference_id: string;
  status: "complete" | "expired" | "open";
  payment_status: "paid" | "unpaid" | "no_payment_required";
  amount_subtotal: number;
  amount_total: number;
  currency: string;
  customer_email: string | null;
  customer_details: { email: string | null; name: string | null; address: StripeAddress | null; phone: null; tax_exempt: "none"; tax_ids: [] } | null;
  collected_information: { shipping_details: ShippingDetails | null } | null;
  /** Where API versions before 2025 put the shipping address; only present when an override asks for it. */
  shipping_details?: ShippingDetails | null;
  shipping_address_collection: { allowed_countries: string[] };
  shipping_cost: { amount_subtotal: number; amount_tax: number; amount_total: number; shipping_rate: string | null } | null;
  shipping_options: { shipping_amount: number; shipping_rate: string | null }[];
  total_details: { amount_discount: number; amount_shipping: number; amount_tax: number };
  discounts: { coupon: string; promotion_code: null }[];
  payment_intent: string | null;
  metadata: Record<string, string>;
  expires_at: number;
  created: number;
  livemode: false;
  url: string | null;
};

type ShippingDetails = { name: string; address: StripeAddress };

/** Stripe's event envelope around any object. */
export type StripeEvent<Type extends string = string, Data = Record<string, unknown>> = {
  id: string;
  object: "event";
  api_version: string;
  created: number;
  livemode: false;
  pending_webhooks: number;
  request: { id: null; idempotency_key: null };
  type: Type;
  data: { object: Data };
};

export type CheckoutSessionEvent = StripeEvent<CheckoutSessionEventType, CheckoutSessionObject>;

/**
 * Facts a test may bend one at a time to see how the webhook copes with an event that disagrees with
 * the quote or comes from an older API version. The local provider never passes these.
 */
export type SessionEventOverrides = {
  paymentStatus?: CheckoutSessionObject["payment_status"];
  amountTotal?: number;
  /** Shipping charged instead of the chosen option's price. */
  shippingAmount?: number;
  /** Pick the option by position, for quotes whose options carry no rate id. */
  shippingOptionIndex?: number;
  /** The shopper's address country when it is not the one the session allowed. */
  shippingCountry?: string;
  paymentIntentId?: string;
  /** Put the address at the top-level `shipping_details`, as API versions before 2025 did. */
  legacyShippingDetails?: boolean;
};

/**
 * The local provider's shipping rate reference is our own rate id ("12" is shipping_rates.id 12),
 * which the webhook matches directly. With real Stripe the ids are Stripe's (shr_…); either way the
 * chosen option's position in `shipping_options` matches its position in the checkout's quote.
 */
export const localShippingRateId = (rateId: number | null) => (rateId === null ? null : String(rateId));

const seconds = (iso: string | Date) => Math.floor(new Date(iso).getTime() / 1000);
const digest = (text: string) => createHash("sha256").update(text).digest("hex").slice(0, 24);

/** Wraps `object` as Stripe delivers it, stamped with the API version of the installed SDK. */
export function stripeEvent<Type extends string, Data>(type: Type, object: Data, options: { eventId?: string; now?: Date } = {}): StripeEvent<Type, Data> {
  return {
    id: options.eventId ?? `evt_local_${randomBytes(12).toString("hex")}`,
    object: "event",
    api_version: Stripe.API_VERSION,
    created: seconds(options.now ?? new Date()),
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
    data: { object },
  };
}

/**
 * One event exactly as Stripe shapes it (API version of the installed SDK):
 * - `completed` and `async_payment_succeeded`: status "complete", payment_status "paid", with the
 *   payer's details and the chosen shipping option;
 * - `async_payment_failed`: status "complete", payment_status "unpaid" (Stripe sends it when a
 *   delayed payment method is declined after the session completed);
 * - `expired`: status "expired", payment_status "unpaid", no payment intent.
 * `shippingRateId` picks the option (default: the first, which Stripe preselects). `overrides` is for tests.
 */
export function buildCheckoutSessionEvent(params: {
  type: CheckoutSessionEventType;
  session: SessionFacts<SessionShippingOption>;
  payer?: Payer | null;
  shippingRateId?: number;
  now?: Date;
  eventId?: string;
  overrides?: SessionEventOverrides;
}): CheckoutSessionEvent {
  const { session, type } = params;
  const overrides = params.overrides ?? {};
  const now = params.now ?? new Date();
  const currency = session.currency.toLowerCase();
  const chosen =
    (overrides.shippingOptionIndex !== undefined
      ? session.shippingOptions[overrides.shippingOptionIndex]
      : session.shippingOptions.find((option) => option.rateId === params.shippingRateId)) ??
    session.shippingOptions[0] ??
    null;
  const shippingAmount = overrides.shippingAmount ?? chosen?.amount ?? 0;
  const isExpired = type === "checkout.session.expired";
  const isPaid = type === "checkout.session.completed" || type === "checkout.session.async_payment_succeeded";
  const payer = isExpired ? null : (params.payer ?? null);
  const address: StripeAddress | null = payer ? { ...payer.address, country: overrides.shippingCountry ?? session.country } : null;
  const shippingDetails = payer && address ? { name: payer.name, address } : null;
  const email = payer?.email ?? session.email;

  const object: CheckoutSessionObject = {
    id: session.sessionId,
    object: "checkout.session",
    mode: "payment",
    client_reference_id: session.checkoutId,
    status: isExpired ? "expired" : "complete",
    payment_status: overrides.paymentStatus ?? (isPaid ? "paid" : "unpaid"),
    amount_subtotal: session.subtotal,
    amount_total: overrides.amountTotal ?? session.subtotal - session.discountTotal + shippingAmount,
    currency,
    customer_email: session.email,
    customer_details: email
      ? { email, name: payer?.name ?? null, address, phone: null, tax_exempt: "none", tax_ids: [] }
      : null,
    collected_information: shippingDetails && !overrides.legacyShippingDetails ? { shipping_details: shippingDetails } : null,
    ...(overrides.legacyShippingDetails ? { shipping_details: shippingDetails } : {}),
    shipping_address_collection: { allowed_countries: [session.country] },
    shipping_cost:
      chosen || overrides.shippingAmount !== undefined
        ? { amount_subtotal: shippingAmount, amount_tax: 0, amount_total: shippingAmount, shipping_rate: localShippingRateId(chosen?.rateId ?? null) }
        : null,
    shipping_options: session.shippingOptions.map((option) => ({
      shipping_amount: option.amount,
      shipping_rate: localShippingRateId(option.rateId),
    })),
    total_details: { amount_discount: session.discountTotal, amount_shipping: shippingAmount, amount_tax: 0 },
    discounts: session.discountCode ? [{ coupon: `local_${session.discountCode}`, promotion_code: null }] : [],
    payment_intent: isExpired ? null : (overrides.paymentIntentId ?? `pi_local_${digest(session.checkoutId)}`),
    metadata: { checkout_id: session.checkoutId },
    expires_at: seconds(session.expiresAt),
    created: seconds(now),
    livemode: false,
    url: null,
  };

  return stripeEvent(type, object, { eventId: params.eventId, now });
}
