// GET /api/checkout/status?session_id= – has this payment become an order yet? (asks the provider when the webhook is late)
import { NextResponse } from "next/server";
import { z } from "zod";
import { confirmCheckoutPayment } from "@/lib/webhooks/confirm-checkout-payment";
import { parseQuery, route } from "@/lib/http/route";
import { methodsNotAllowed } from "@/lib/http/method-not-allowed";

export const dynamic = "force-dynamic";

const statusQuery = z.object({ session_id: z.string().trim().min(1).max(255) });

export const GET = route(async ({ request }) => {
  const { session_id: sessionId } = parseQuery(request, statusQuery);
  const status = await confirmCheckoutPayment(sessionId);
  return NextResponse.json(status, { headers: { "cache-control": "no-store" } });
});

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed(["GET"]);
