// GET /api/admin/analytics – the analytics report for a range of shop days and the period before it
import { NextResponse } from "next/server";
import { analyticsQuery } from "@/lib/analytics/analytics-range";
import { getAnalytics } from "@/lib/analytics/get-analytics";
import { db } from "@/lib/db";
import { adminRoute } from "@/lib/http/admin-route";
import { parseQuery } from "@/lib/http/route";
import { methodsNotAllowed } from "@/lib/http/method-not-allowed";

export const dynamic = "force-dynamic";

export const GET = adminRoute(async ({ request }) => {
  const query = parseQuery(request, analyticsQuery);
  const report = await getAnalytics(await db(), query);
  return NextResponse.json(report, { headers: { "cache-control": "no-store" } });
});

export const { POST, PUT, PATCH, DELETE } = methodsNotAllowed(["GET"], { admin: true });
