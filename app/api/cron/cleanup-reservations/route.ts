// GET /api/cron/cleanup-reservations – delete lapsed stock holds, expire their checkouts, remove unused photos (Bearer CRON_SECRET)
import { NextResponse } from "next/server";
import { cronRoute } from "@/lib/http/cron-route";
import { runCleanup } from "@/lib/cleanup/run-cleanup";
import { methodsNotAllowed } from "@/lib/http/method-not-allowed";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = cronRoute(async () => {
  const result = await runCleanup();
  return NextResponse.json({ ok: true, ...result }, { headers: { "cache-control": "no-store" } });
});

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed(["GET"]);
