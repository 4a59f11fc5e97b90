// requireAdmin(): the check every admin page, route handler and server action makes for itself.
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import type { NextRequest } from "next/server";
import { env } from "@/lib/env";
import { decideAdminAccess, refusalError, reportRefusal, type AccessDecision } from "./access";
import { ADMIN_PATH_HEADER, signInPathFor } from "./admin-paths";
import type { AdminIdentity, AdminRole, CookieReader } from "./identity";
import { adminAuthProvider } from "./providers";
import { ADMIN_NOT_ALLOWED_PATH, roleAllows, roleRefusal } from "./roles";

async function cookieReaderFor(request?: NextRequest): Promise<CookieReader> {
  if (request) return (name) => request.cookies.get(name)?.value;
  const jar = await cookies();
  return (name) => jar.get(name)?.value;
}

/** Who is asking and whether they may enter, without acting on it (the shell and sign-in page use it). */
export async function getAdminAccess(request?: NextRequest): Promise<AccessDecision> {
  // Reading the request first, even when the answer will be "closed", is what makes every admin
  // page render per request: decided at build time, a refusal would be baked into a static page.
  const cookie = await cookieReaderFor(request);
  const config = env();
  if (config.closedParts.admin) return decideAdminAccess(config, null);
  return decideAdminAccess(config, await adminAuthProvider(config).identify(cookie));
}

export type RequireAdminOptions = {
  /** The route handler's request; pages and server actions read the current request themselves. */
  request?: NextRequest;
  /** The role this needs: `"owner"` (the default) lets only owners in, `"staff"` staff and owners. */
  role?: AdminRole;
};

/**
 * The admin making this request, or a refusal:
 * - with the request (route handlers): throws AppError, answered as 401 / 403 / 503 JSON by route();
 * - without it (pages, server actions): redirects to the sign-in page, which explains a refusal and
 *   brings the owner back to where they were going, or, for a signed-in admin whose role cannot
 *   open this, to the "not allowed" page.
 * middleware.ts has usually refused already; this is the second lock, so a page or handler that a
 * matcher change leaves uncovered is still shut.
 */
export async function requireAdmin({ request, role = "owner" }: RequireAdminOptions = {}): Promise<AdminIdentity> {
  const decision = await getAdminAccess(request);
  if (decision.allowed) {
    if (roleAllows(decision.admin.role, role)) return decision.admin;
    if (request) throw roleRefusal(decision.admin);
    redirect(ADMIN_NOT_ALLOWED_PATH);
  }
  reportRefusal(env(), decision);
  if (request) throw refusalError(decision);
  redirect(signInPathFor((await headers()).get(ADMIN_PATH_HEADER)));
}
