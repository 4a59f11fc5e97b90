// GET /api/cron/cleanup-reservations – delete lapsed stock holds, expire their checkouts, notify waitlists, remove unused photos (Bearer CRON_SECRET)
import { NextResponse } from "next/server";
import { drainAfterResponse } from "@/lib/email-delivery/drain-after-response";
import { cronRoute } from "@/lib/http/cron-route";
import { runCleanup } from "@/lib/cleanup/run-cleanup";
import { methodsNotAllowed } from "@/lib/http/method-not-allowed";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = cronRoute(async () => {
  const result = await runCleanup();
  if (result.waitlistEmailsQueued > 0) drainAfterResponse();
  return NextResponse.json({ ok: true, ...result }, { headers: { "cache-control": "no-store" } });
});

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed(["GET"]);
