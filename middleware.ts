// The coarse gate in front of /admin and /api/admin (every page and handler behind it checks again
// itself), and the refusal of requests Next would otherwise answer with a 500 (lib/http/edge-guards.ts).
import { NextResponse, type NextFetchEvent, type NextMiddleware, type NextRequest } from "next/server";
import { decideAdminAccess } from "@/lib/auth/access";
import { answerAdminRequest } from "@/lib/auth/admin-gate";
import { isAdminApiPath } from "@/lib/auth/admin-gate";
import { isPublicAdminPath } from "@/lib/auth/admin-paths";
import { ownerProvider } from "@/lib/auth/providers";
import { env } from "@/lib/env";
import { refuseMalformedRequest } from "@/lib/http/edge-guards";

let clerkGate: Promise<NextMiddleware> | undefined;

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
      async (auth, request) => {
        if (isPublicAdminPath(request.nextUrl.pathname)) return NextResponse.next();
        const { userId } = await auth();
        const latest = env();
        return answerAdminRequest(latest, request, decideAdminAccess(latest, userId ? { provider: "clerk", userId } : null));
      },
      // With CLERK_JWT_KEY, session tokens are verified locally instead of against Clerk's published keys.
      () => ({ jwtKey: env().CLERK_JWT_KEY }),
    ),
  );
  return clerkGate;
}

function isAdminPath(pathname: string): boolean {
  return pathname === "/admin" || pathname.startsWith("/admin/") || isAdminApiPath(pathname);
}

export async function middleware(request: NextRequest, event: NextFetchEvent) {
  const refusal = refuseMalformedRequest(request);
  if (refusal) return refusal;
  if (!isAdminPath(request.nextUrl.pathname)) return NextResponse.next();
  const current = env();
  if (current.hasClerk) return (await loadClerkGate())(request, event);
  if (isPublicAdminPath(request.nextUrl.pathname)) return NextResponse.next();
  const identity = await ownerProvider(current).identify((name) => request.cookies.get(name)?.value);
  return answerAdminRequest(current, request, decideAdminAccess(current, identity));
}

export const config = {
  // Node.js, not the edge runtime: the admin's checks use node:crypto and the same modules as the app.
  runtime: "nodejs",
  // Every request but Next's static files: malformed paths and server actions can arrive anywhere.
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
