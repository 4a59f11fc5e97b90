// Signs a webhook body the way Stripe does, so the real verification path accepts local events.
import Stripe from "stripe";

/**
 * The `Stripe-Signature` header for `payload`: `t=<unix seconds>,v1=<HMAC-SHA256 of "t.payload">`
 * with the webhook secret, computed by the SDK's own helper so it cannot drift from what
 * `stripe.webhooks.constructEvent` verifies.
 */
export function signWebhookPayload(payload: string, secret: string, timestampSeconds: number = Math.floor(Date.now() / 1000)): string {
  return Stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp: timestampSeconds });
}
