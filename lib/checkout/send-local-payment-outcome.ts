// What the local payment page's buttons do: tell the store's webhook what Stripe would have told it.
import { getPayableCheckout } from "./get-payable-checkout";
import type { DbOrTx } from "@/lib/db";
import { buildCheckoutSessionEvent, type CheckoutSessionEventType, type Payer } from "@/lib/payments/local/build-checkout-session-event";
import { deliverLocalEvent } from "@/lib/payments/local/deliver-local-event";
import { rememberLocalSession } from "@/lib/payments/local/local-session-record";
import { postcodePatternError } from "@/lib/shipping/postcode-pattern";

export type LocalPaymentIntent = "pay" | "decline" | "expire";

const EVENT_FOR: Record<LocalPaymentIntent, CheckoutSessionEventType> = {
  pay: "checkout.session.completed",
  decline: "checkout.session.async_payment_failed",
  expire: "checkout.session.expired",
};

export type LocalPaymentOutcome =
  | { ok: true; redirectTo: string }
  | { ok: false; message: string; fieldErrors?: { postalCode: string } };

/**
 * Builds the event for the shopper's choice, signs it with the webhook secret and POSTs it to the
 * webhook, then says where the shopper goes next (where Stripe would send them). The webhook, not
 * this page, creates the order or releases the stock, so local payments exercise the real path.
 */
export async function sendLocalPaymentOutcome(
  db: DbOrTx,
  params: {
    checkoutId: string;
    intent: LocalPaymentIntent;
    payer?: Payer;
    shippingRateId?: number;
    /**
     * Pay without delivering the event, as when Stripe's webhook is late or lost: the success page
     * must then learn of the payment by asking the provider (lib/webhooks/confirm-checkout-payment.ts).
     */
    isWebhookHeld?: boolean;
    webhookUrl: string;
    secret: string;
    fetchImpl?: typeof fetch;
    now?: Date;
  },
): Promise<LocalPaymentOutcome> {
  const checkout = await getPayableCheckout(db, params.checkoutId, (params.now ?? new Date()).toISOString());
  if (!checkout || checkout.paymentProvider !== "local" || !checkout.session) {
    return { ok: false, message: "This checkout does not exist or is not a local test payment." };
  }
  if (!checkout.isPayable) {
    return { ok: false, message: "This checkout is no longer open for payment. Go back to checkout to start again." };
  }
  if (params.intent === "pay" && !params.payer) {
    return { ok: false, message: "Enter the name, email and address to pay." };
  }
  // Stripe's own page checks the postcode against the country; this stand-in must not let a New York
  // address through as a UK one either. The country is the checkout's, never the form's.
  const postcodeError = params.payer ? postcodePatternError(checkout.session.country, params.payer.address.postal_code) : null;
  if (postcodeError) return { ok: false, message: "Please fix the highlighted fields.", fieldErrors: { postalCode: postcodeError } };

  const event = buildCheckoutSessionEvent({
    type: EVENT_FOR[params.intent],
    session: checkout.session,
    payer: params.payer ?? null,
    shippingRateId: params.shippingRateId,
    now: params.now,
  });
  const isHeld = params.intent === "pay" && params.isWebhookHeld === true;
  if (!isHeld) {
    let delivery;
    try {
      delivery = await deliverLocalEvent({ event, webhookUrl: params.webhookUrl, secret: params.secret, fetchImpl: params.fetchImpl });
    } catch (error) {
      console.error(`[local payments] could not reach the webhook at ${params.webhookUrl}`, error);
      return { ok: false, message: "The store's payment webhook could not be reached. Nothing was recorded; try again." };
    }
    if (!delivery.ok) {
      console.error(`[local payments] webhook answered ${delivery.status} for ${event.type} of ${checkout.id}: ${delivery.body.slice(0, 300)}`);
      return { ok: false, message: `The store's payment webhook answered ${delivery.status}, so nothing was recorded. Try again in a moment.` };
    }
  }
  // Only a paid session is "complete" when asked about: a declined card leaves Stripe's session open.
  if (params.intent === "pay") rememberLocalSession(event.data.object);

  switch (params.intent) {
    case "pay":
      return { ok: true, redirectTo: `/checkout/success?session_id=${encodeURIComponent(checkout.session.sessionId)}` };
    case "decline":
      return { ok: true, redirectTo: "/checkout?payment=declined" };
    case "expire":
      return { ok: true, redirectTo: "/checkout?payment=expired" };
  }
}
