// Sends a signed, Stripe-shaped event to the store's own webhook endpoint.
import type { CheckoutSessionEvent } from "./build-checkout-session-event";
import { signWebhookPayload } from "./sign-webhook-payload";

export type Delivery = { ok: boolean; status: number; body: string };

/**
 * POSTs the event as Stripe would: the exact JSON bytes that were signed, with the signature header.
 * The webhook therefore runs its real verification and processing for local payments too.
 */
export async function deliverLocalEvent(params: {
  event: CheckoutSessionEvent;
  webhookUrl: string;
  secret: string;
  fetchImpl?: typeof fetch;
}): Promise<Delivery> {
  const payload = JSON.stringify(params.event);
  const response = await (params.fetchImpl ?? fetch)(params.webhookUrl, {
    method: "POST",
    headers: {
      "content-type": "application/json; charset=utf-8",
      "stripe-signature": signWebhookPayload(payload, params.secret),
      "user-agent": "Stripe/1.0 (+https://stripe.com/docs/webhooks; local provider)",
    },
    body: payload,
    cache: "no-store",
    signal: AbortSignal.timeout(15_000),
  });
  return { ok: response.ok, status: response.status, body: (await response.text()).slice(0, 2000) };
}
