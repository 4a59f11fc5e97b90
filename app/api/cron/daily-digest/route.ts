// GET /api/cron/daily-digest – queue the owner's low-stock digest, at most once per shop day (Bearer CRON_SECRET)
import { NextResponse } from "next/server";
import { queueDailyDigest } from "@/lib/alerts/queue-daily-digest";
import { drainAfterResponse } from "@/lib/email-delivery/drain-after-response";
import { cronRoute } from "@/lib/http/cron-route";
import { methodsNotAllowed } from "@/lib/http/method-not-allowed";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = cronRoute(async () => {
  const outcome = await queueDailyDigest();
  if (outcome.queued) drainAfterResponse();
  return NextResponse.json({ ok: true, ...outcome }, { headers: { "cache-control": "no-store" } });
});

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed(["GET"]);
