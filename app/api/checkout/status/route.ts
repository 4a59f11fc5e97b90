// GET /api/checkout/status?session_id= – has the payment webhook turned this session into an order yet?
import { NextResponse } from "next/server";
import { z } from "zod";
import { getCheckoutStatus } from "@/lib/checkout/get-checkout-status";
import { db } from "@/lib/db";
import { parseQuery, route } from "@/lib/http/route";
import { methodsNotAllowed } from "@/lib/http/method-not-allowed";

export const dynamic = "force-dynamic";

const statusQuery = z.object({ session_id: z.string().trim().min(1).max(255) });

export const GET = route(async ({ request }) => {
  const { session_id: sessionId } = parseQuery(request, statusQuery);
  const status = await getCheckoutStatus(await db(), sessionId);
  return NextResponse.json(status, { headers: { "cache-control": "no-store" } });
});

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed(["GET"]);
