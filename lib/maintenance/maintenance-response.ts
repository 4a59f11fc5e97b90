// What a closed storefront answers: the "back soon" page with 503 for pages, the JSON error for APIs.
import { randomUUID } from "node:crypto";
import { NextResponse, type NextRequest } from "next/server";
import { AppError } from "@/lib/app-error";
import { toErrorResponse } from "@/lib/http/route";
import { renderMaintenancePage } from "./maintenance-page";
import { retryAfterSeconds, type MaintenanceState } from "./maintenance-state";

/**
 * 503 with Retry-After tells browsers, crawlers and uptime checks that the shop is away for a while
 * (a 200 page would be indexed as the shop's content). no-store: the page must go when the shop reopens.
 */
export function maintenanceResponse(request: NextRequest, scope: "page" | "api", state: Extract<MaintenanceState, { active: true }>, now: Date): NextResponse {
  const headers = { "retry-after": String(retryAfterSeconds(state, now)), "cache-control": "no-store" };
  const isRead = request.method === "GET" || request.method === "HEAD";
  if (scope === "page" && isRead) {
    const body = request.method === "HEAD" ? null : renderMaintenancePage(state);
    return new NextResponse(body, { status: 503, headers: { ...headers, "content-type": "text/html; charset=utf-8" } });
  }
  // APIs, and form posts or server actions from a page that was open before the shop closed.
  const response = toErrorResponse(new AppError("maintenance", state.message), request.headers.get("x-request-id") ?? randomUUID());
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}
