// Who a request is signed in as, read from the request itself: for handlers that middleware.ts does not run on.
import type { NextRequest } from "next/server";
import type { Env } from "@/lib/env";
import { clerkAuthorizedParties } from "./clerk-authorized-parties";
import type { SignedInIdentity } from "./identity";
import { ownerProvider } from "./providers";

/**
 * Clerk's auth() answers only for requests clerkMiddleware has seen, and the middleware no longer
 * runs on the storefront APIs. Those need an identity only while the shop is closed (the owner
 * still passes), so they verify the session token the way clerkMiddleware would: with the same
 * key (locally with CLERK_JWT_KEY) and the same authorized parties. Clerk is imported lazily, as
 * in middleware.ts, so a store without its keys never loads it.
 */
export async function identifyRequest(config: Env, request: NextRequest): Promise<SignedInIdentity | null> {
  if (!config.hasClerk) return ownerProvider(config).identify((name) => request.cookies.get(name)?.value);
  const { clerkClient } = await import("@clerk/nextjs/server");
  const client = await clerkClient();
  const state = await client.authenticateRequest(request, { jwtKey: config.CLERK_JWT_KEY, authorizedParties: clerkAuthorizedParties(config) });
  if (!state.isAuthenticated) return null;
  const { userId } = state.toAuth();
  return userId ? { provider: "clerk", userId } : null;
}
