// What middleware.ts answers for an admin request once the access rule has decided.
import { randomUUID } from "node:crypto";
import { NextResponse, type NextRequest } from "next/server";
import type { Env } from "@/lib/env";
import { toErrorResponse } from "@/lib/http/route";
import { refusalError, reportRefusal, type AccessDecision } from "@/lib/auth/access";
import { ADMIN_PATH_HEADER, signInPathFor } from "@/lib/auth/admin-paths";

export function isAdminApiPath(pathname: string): boolean {
  return pathname === "/api/admin" || pathname.startsWith("/api/admin/");
}

/**
 * Admitted requests carry their own path to the page (ADMIN_PATH_HEADER, overwriting anything the
 * client sent) so a page that refuses on its own can still return the owner there after sign-in.
 * Refused page visits go to the sign-in page, which explains why; refused API calls get JSON.
 */
export function answerAdminRequest(config: Env, request: NextRequest, decision: AccessDecision): NextResponse {
  const { pathname, search } = request.nextUrl;
  if (decision.allowed) {
    const headers = new Headers(request.headers);
    headers.set(ADMIN_PATH_HEADER, `${pathname}${search}`);
    return NextResponse.next({ request: { headers } });
  }
  reportRefusal(config, decision);
  if (isAdminApiPath(pathname)) {
    return toErrorResponse(refusalError(decision), request.headers.get("x-request-id") ?? randomUUID());
  }
  return NextResponse.redirect(new URL(signInPathFor(`${pathname}${search}`), request.url));
}
