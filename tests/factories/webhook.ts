// Delivers a Stripe event to the real webhook route handler, signed as Stripe would sign it.
import { NextRequest } from "next/server";
import { POST as webhookPost } from "@/app/api/webhooks/stripe/route";
import { handleStripeEventUnderLock } from "@/lib/webhooks/handle-stripe-event";
import { verifyStripeEvent } from "@/lib/webhooks/verify-stripe-event";
import { signStripeEvent, type StripeEventPayload } from "./stripe-event";

/** Signs the event with the webhook secret (or `secret`) and POSTs it to the route handler. */
export function deliver(event: StripeEventPayload, options: { secret?: string; timestamp?: number } = {}): Promise<Response> {
  const { body, headers } = signStripeEvent(event, options);
  return webhookPost(new NextRequest("http://localhost/api/webhooks/stripe", { method: "POST", body, headers }), { params: Promise.resolve({}) });
}

/**
 * The same event applied by the webhook's locked path alone (what a refused batch falls back to),
 * verified as the route verifies it: 200 with the outcome, or 500 when it throws (as the route answers).
 */
export async function deliverUnderLock(event: StripeEventPayload): Promise<Response> {
  const { body, headers } = signStripeEvent(event);
  try {
    const outcome = await handleStripeEventUnderLock(verifyStripeEvent(body, headers["stripe-signature"]));
    return Response.json({ received: true, ...outcome });
  } catch {
    return Response.json({ error: { code: "internal" } }, { status: 500 });
  }
}
