// POST /api/webhooks/stripe – verify a signed payment event and apply it exactly once (orders, expiry, refunds)
import { NextResponse } from "next/server";
import { drainAfterResponse } from "@/lib/email/drain-after-response";
import { route } from "@/lib/http/route";
import { handleStripeEvent } from "@/lib/webhooks/handle-stripe-event";
import { verifyStripeEvent } from "@/lib/webhooks/verify-stripe-event";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** 200 tells Stripe to stop; a 500 (anything thrown, nothing written) makes it retry later. */
export const POST = route(async ({ request }) => {
  const rawBody = await request.text();
  const event = verifyStripeEvent(rawBody, request.headers.get("stripe-signature"));
  const outcome = await handleStripeEvent(event);
  // An order settled here has queued its confirmation: send it once Stripe has its answer.
  if (outcome.status === "processed") drainAfterResponse();
  return NextResponse.json({ received: true, ...outcome });
});
