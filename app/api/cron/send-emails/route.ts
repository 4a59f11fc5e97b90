// GET /api/cron/send-emails – send due outbox emails and retry failed sends whose backoff has passed (Bearer CRON_SECRET)
import { NextResponse } from "next/server";
import { drainOutbox } from "@/lib/email-delivery/drain-outbox";
import { cronRoute } from "@/lib/http/cron-route";
import { methodsNotAllowed } from "@/lib/http/method-not-allowed";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** More rows than a drain after a response takes: the cron is also how a backlog clears. */
const CRON_BATCH = 50;

export const GET = cronRoute(async () => {
  const result = await drainOutbox({ limit: CRON_BATCH });
  return NextResponse.json({ ok: true, ...result }, { headers: { "cache-control": "no-store" } });
});

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed(["GET"]);
