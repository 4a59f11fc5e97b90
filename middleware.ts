// The coarse gate in front of /admin and /api/admin (every page and handler behind it checks again
// itself); the refusal of requests Next would otherwise answer with a 500 (lib/http/edge-guards.ts);
// and, for storefront pages and server actions, the maintenance gate and the private visit count.
// It does not run on the other APIs: route() does their part (lib/http/api-gate.ts).
import { NextResponse, type NextFetchEvent, type NextMiddleware, type NextRequest } from "next/server";
import { countStorefrontVisit } from "@/lib/analytics/storefront-sessions";
import { decideAdminAccess } from "@/lib/auth/access";
import { clerkAuthorizedParties } from "@/lib/auth/clerk-authorized-parties";
import { clerkPassThrough } from "@/lib/auth/clerk-pass-through";
import { answerAdminRequest, isAdminApiPath } from "@/lib/http/admin-gate";
import { isPublicAdminPath } from "@/lib/auth/admin-paths";
import type { SignedInIdentity } from "@/lib/auth/identity";
import { ownerProvider } from "@/lib/auth/providers";
import { env, type Env } from "@/lib/env";
import { refuseMalformedRequest } from "@/lib/http/edge-guards";
import { getMaintenanceState } from "@/lib/maintenance/maintenance-flag";
import { maintenanceScopeOf } from "@/lib/maintenance/maintenance-paths";
import { maintenanceResponse } from "@/lib/http/maintenance-response";

let clerkGate: Promise<NextMiddleware> | undefined;

const isOtherApi = (pathname: string) => (pathname === "/api" || pathname.startsWith("/api/")) && !isAdminApiPath(pathname);

const isAdminArea = (pathname: string) =>
  pathname === "/admin" || pathname.startsWith("/admin/") || pathname === "/api/admin" || pathname.startsWith("/api/admin/");

/**
 * Clerk is loaded only when its keys are set (a store without them must never start Clerk, which
 * would reach for the network). clerkMiddleware runs on every matched path, public ones included,
 * because Clerk's auth() works only on requests it has seen. Clerk reads its two keys from the
 * environment itself: handing the secret key to clerkMiddleware as an option would make it demand
 * a CLERK_ENCRYPTION_KEY to pass the key on to pages.
 */
function loadClerkGate(): Promise<NextMiddleware> {
  clerkGate ??= import("@clerk/nextjs/server").then(({ clerkMiddleware }) =>
    clerkMiddleware(
      async (auth, request, event) => {
        const latest = env();
        const identify = async (): Promise<SignedInIdentity | null> => {
          const { userId } = await auth();
          return userId ? { provider: "clerk", userId } : null;
        };
        if (!isAdminArea(request.nextUrl.pathname)) return storefrontGate(latest, request, event, identify);
        if (isPublicAdminPath(request.nextUrl.pathname)) return NextResponse.next();
        return answerAdminRequest(latest, request, decideAdminAccess(latest, await identify()));
      },
      // With CLERK_JWT_KEY, session tokens are verified locally instead of against Clerk's published keys.
      () => {
        const latest = env();
        return { jwtKey: latest.CLERK_JWT_KEY, authorizedParties: clerkAuthorizedParties(latest) };
      },
    ),
  );
  return clerkGate;
}

export async function middleware(request: NextRequest, event: NextFetchEvent) {
  const refusal = refuseMalformedRequest(request);
  if (refusal) return refusal;
  // Matched only for the percent signs in its path (see config): route() does the rest.
  if (isOtherApi(request.nextUrl.pathname)) return NextResponse.next();
  const current = env();
  if (current.hasClerk) {
    const answer = await (await loadClerkGate())(request, event);
    return answer ? clerkPassThrough(request, answer) : answer;
  }
  const identify = () => ownerProvider(current).identify((name) => request.cookies.get(name)?.value);
  if (!isAdminArea(request.nextUrl.pathname)) return storefrontGate(current, request, event, identify);
  if (isPublicAdminPath(request.nextUrl.pathname)) return NextResponse.next();
  return answerAdminRequest(current, request, decideAdminAccess(current, await identify()));
}

/**
 * Maintenance mode, kept apart from the admin's gate. While the shop is closed, storefront pages
 * answer the "back soon" page with 503 (and form posts the JSON error; the APIs answer it in route()); the order page stays open
 * for the buyers its emails send there, the payment success page and its status API for a buyer who
 * has just paid, and webhooks, cron, health and static files pass (see
 * maintenanceScopeOf). The owner, signed in, browses as usual to check
 * the shop. The flag comes from a cache of at most 5 seconds; if it cannot be read at all, the shop
 * stays open rather than closing on a database hiccup. While open, storefront requests count visits
 * (lib/analytics/storefront-sessions.ts), the count written after the response.
 */
async function storefrontGate(
  config: Env,
  request: NextRequest,
  event: NextFetchEvent,
  identify: () => Promise<SignedInIdentity | null>,
): Promise<NextResponse> {
  const scope = maintenanceScopeOf(request.nextUrl.pathname);
  if (scope === "exempt") return NextResponse.next();
  const now = new Date();
  const state = await getMaintenanceState(now).catch(() => ({ active: false }) as const);
  if (state.active && scope !== "open" && !decideAdminAccess(config, await identify()).allowed) return maintenanceResponse(request, scope, state, now);
  const response = NextResponse.next();
  const counting = countStorefrontVisit(request, response, scope === "api" ? "api" : "page", now);
  if (counting) event.waitUntil(counting);
  return response;
}

export const config = {
  // Node.js, not the edge runtime: the admin's checks use node:crypto, and the maintenance flag and
  // visit counting read and write the database through the same modules as the app.
  runtime: "nodejs",
  // Every page path but Next's static files (malformed paths and server actions can arrive at any of
  // them, and maintenanceScopeOf decides which the maintenance gate closes), and of the APIs only
  // /api/admin: Clerk's auth() in its handlers works only on requests clerkMiddleware has seen.
  // The other API handlers skip a middleware run per call (an extra invocation on Vercel's bill):
  // route() closes them for maintenance itself. Only an API path with a percent sign is matched,
  // for one thing route() cannot do: Next answers a malformed one (`/api/cart/%ff`) with a 500
  // before any handler runs (measured on a production build), so the middleware refuses it with 400
  // JSON. No storefront API is called with a percent sign in its path.
  matcher: ["/((?!api/|api$|_next/static|_next/image|favicon.ico).*)", "/api/admin", "/api/admin/:path*", "/api/:path(.*%.*)"],
};
