// The success page's answer: our records, and when the webhook is late, what the payment provider says.
import { db } from "@/lib/db";
import { drainAfterResponse } from "@/lib/email-delivery/drain-after-response";
import { getPaymentProvider } from "@/lib/payments/get-payment-provider";
import { stripeEvent } from "@/lib/payments/local/build-checkout-session-event";
import type { PaymentProvider } from "@/lib/payments/payment-provider";
import { handleStripeEvent } from "./handle-stripe-event";
import { findCheckoutForSession } from "@/lib/checkout/checkout-row";
import { getCheckoutStatus, type CheckoutPaymentStatus } from "@/lib/checkout/get-checkout-status";
import { ProviderCheckSchedule } from "@/lib/checkout/provider-check-schedule";

const schedule = new ProviderCheckSchedule();

/** The event id a session applied from the success page is recorded under: one per session, ever. */
export const syncEventId = (sessionId: string) => `sync_${sessionId}`;

/**
 * Stripe's guide fulfils from both the webhook and the success page, because a webhook can be late
 * (a retry after an outage, a slow endpoint). So when the order has not appeared a few seconds after
 * the shopper first looked (ProviderCheckSchedule), the provider is asked for the session, outside
 * any transaction; a complete, paid session goes through the webhook's own exactly-once path as the
 * `checkout.session.completed` event Stripe would have sent, under a fixed id per session. The
 * order-per-checkout unique and the event-id record make the real webhook, arriving later, or a
 * second ask change nothing. The session id in the URL is only the key: what the shopper is shown
 * comes from our records, and what is written from the provider's own answer. A provider that
 * cannot be reached, or an answer that cannot be applied, leaves the shopper waiting, never a 500.
 */
export async function confirmCheckoutPayment(sessionId: string, options: { now?: number; provider?: PaymentProvider } = {}): Promise<CheckoutPaymentStatus> {
  const reader = await db();
  const status = await getCheckoutStatus(reader, sessionId);
  if (status.state !== "confirming" || !schedule.claim(sessionId, options.now ?? Date.now())) return status;

  const checkout = await findCheckoutForSession(reader, { checkoutId: null, sessionId });
  try {
    const provider = options.provider ?? getPaymentProvider();
    // A checkout started with another provider (the shop switched since) is not this one's to answer.
    if (!checkout || checkout.paymentProvider !== provider.name) return status;
    const session = await provider.retrieveSession(sessionId);
    if (session.status !== "complete") return status;
    // A delayed method: its result comes later, by webhook, as it would have without this ask.
    if (session.paymentStatus === "unpaid") return { state: "processing", order: null };
    const outcome = await handleStripeEvent(stripeEvent("checkout.session.completed", session.object, { eventId: syncEventId(sessionId) }));
    if (outcome.status === "processed" && outcome.orderId !== null) drainAfterResponse();
  } catch (error) {
    console.error(`[checkout] could not confirm payment session ${sessionId} with the provider; the shopper keeps waiting`, error);
    return status;
  }
  return getCheckoutStatus(reader, sessionId);
}
