// Delivers a Stripe event to the real webhook route handler, signed as Stripe would sign it.
import { NextRequest } from "next/server";
import { POST as webhookPost } from "@/app/api/webhooks/stripe/route";
import { signStripeEvent, type StripeEventPayload } from "./stripe-event";

/** Signs the event with the webhook secret (or `secret`) and POSTs it to the route handler. */
export function deliver(event: StripeEventPayload, options: { secret?: string; timestamp?: number } = {}): Promise<Response> {
  const { body, headers } = signStripeEvent(event, options);
  return webhookPost(new NextRequest("http://localhost/api/webhooks/stripe", { method: "POST", body, headers }), { params: Promise.resolve({}) });
}
