// GET /api/cron/cleanup-reservations – delete lapsed stock holds and expire their checkouts (Bearer CRON_SECRET)
import { NextResponse } from "next/server";
import { cronRoute } from "@/lib/http/cron-route";
import { expireReservations } from "@/lib/checkout/expire-reservations";
import { methodsNotAllowed } from "@/lib/http/method-not-allowed";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = cronRoute(async () => {
  const result = await expireReservations();
  return NextResponse.json({ ok: true, ...result }, { headers: { "cache-control": "no-store" } });
});

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed(["GET"]);
