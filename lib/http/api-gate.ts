// What route() does for the APIs that middleware.ts no longer runs on: refuse malformed paths, close the storefront APIs for maintenance.
import type { NextRequest } from "next/server";
import { AppError } from "@/lib/app-error";
import { decideAdminAccess } from "@/lib/auth/access";
import { identifyRequest } from "@/lib/auth/request-identity";
import { env } from "@/lib/env";
import { getMaintenanceState } from "@/lib/maintenance/maintenance-flag";
import { maintenanceScopeOf } from "@/lib/maintenance/maintenance-paths";
import { isMalformedPath } from "./malformed-path";
import { maintenanceError } from "./maintenance-response";

const isApiPath = (pathname: string) => pathname === "/api" || pathname.startsWith("/api/");

/**
 * A malformed path is a 400 (middleware.ts refuses those Next would otherwise answer with a 500
 * before any handler; this is the second lock for any that reach one). While the shop is closed
 * a storefront API answers the maintenance error, exactly as the middleware did: the signed-in
 * owner passes, and webhooks, cron, health and the payment status API stay open (maintenanceScopeOf).
 * The flag comes from the same cache (at most one read per 5 seconds), and an unreadable flag keeps
 * the shop open. Storefront API calls count no visit: a page's return visit is counted by the page
 * requests that follow it (navigations and Next's link prefetches, lib/analytics/storefront-sessions.ts).
 */
export async function assertApiRequestAllowed(request: NextRequest, now: Date): Promise<void> {
  const { pathname } = request.nextUrl;
  if (!isApiPath(pathname)) return;
  if (isMalformedPath(pathname)) throw new AppError("bad_request", "The request path is not valid.");
  if (maintenanceScopeOf(pathname) !== "api") return;
  const state = await getMaintenanceState(now).catch(() => ({ active: false }) as const);
  if (!state.active) return;
  const config = env();
  if (decideAdminAccess(config, await identifyRequest(config, request).catch(() => null)).allowed) return;
  throw maintenanceError(state, now);
}
