// POST /api/webhooks/stripe – verify a signed payment event and apply it exactly once (orders, expiry, refunds)
import { NextResponse } from "next/server";
import { assertJsonBody, readBodyText, WEBHOOK_BODY_LIMIT_BYTES } from "@/lib/http/request-body";
import { drainAfterResponse } from "@/lib/email-delivery/drain-after-response";
import { route } from "@/lib/http/route";
import { handleStripeEvent } from "@/lib/webhooks/handle-stripe-event";
import { verifyStripeEvent } from "@/lib/webhooks/verify-stripe-event";
import { methodsNotAllowed } from "@/lib/http/method-not-allowed";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/**
 * 200 tells Stripe to stop; a 500 (anything thrown, nothing written) makes it retry later. Stripe
 * calls from its servers, so no browser Origin applies: the signature is the authentication. Stripe
 * always sends JSON, so any other content type is refused (415) like on every JSON route.
 */
export const POST = route(
  async ({ request }) => {
    assertJsonBody(request);
    const rawBody = await readBodyText(request, WEBHOOK_BODY_LIMIT_BYTES);
    const event = verifyStripeEvent(rawBody, request.headers.get("stripe-signature"));
    const outcome = await handleStripeEvent(event);
    // An order settled here has queued its confirmation: send it once Stripe has its answer. Events
    // that touched no order (an expired or failed checkout) queued nothing, so they claim nothing.
    if (outcome.status === "processed" && outcome.orderId !== null) drainAfterResponse();
    return NextResponse.json({ received: true, ...outcome });
  },
  { caller: "server-to-server" },
);

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed(["POST"]);
