// What a closed storefront answers in middleware.ts: the "back soon" page with 503 for pages, the JSON error for form posts.
import { randomUUID } from "node:crypto";
import { NextResponse, type NextRequest } from "next/server";
import { AppError } from "@/lib/app-error";
import { renderMaintenancePage } from "@/lib/maintenance/maintenance-page";
import { retryAfterSeconds, type MaintenanceState } from "@/lib/maintenance/maintenance-state";
import { toErrorResponse } from "./route";

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
  // Form posts or server actions from a page that was open before the shop closed.
  return toErrorResponse(maintenanceError(state, now), request.headers.get("x-request-id") ?? randomUUID());
}

/** The storefront APIs' answer (route() throws it, lib/http/api-gate.ts): the JSON error with Retry-After, never cached. */
export function maintenanceError(state: Extract<MaintenanceState, { active: true }>, now: Date): AppError {
  return new AppError("maintenance", state.message, undefined, {
    headers: { "retry-after": String(retryAfterSeconds(state, now)), "cache-control": "no-store" },
  });
}
