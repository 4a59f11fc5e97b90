// POST /api/admin/session – owner sign-in (password → session cookie); DELETE signs out; GET says who is signed in
import { NextResponse } from "next/server";
import { z } from "zod";
import {
  clearedOwnerSessionCookieOptions,
  OWNER_SESSION_COOKIE,
  ownerSessionCookieOptions,
} from "@/lib/auth/owner-session";
import { recordOwnerSignOut, signInOwner } from "@/lib/auth/owner-sign-in";
import { clientAddress } from "@/lib/auth/sign-in-throttle";
import { env } from "@/lib/env";
import { adminRoute } from "@/lib/http/admin-route";
import { AppError } from "@/lib/http/errors";
import { parseJson, route, toErrorResponse } from "@/lib/http/route";

export const dynamic = "force-dynamic";

const signInInput = z.object({ password: z.string().min(1, "Enter the password.").max(500) });

export const POST = route(async ({ request, requestId }) => {
  const { password } = await parseJson(request, signInInput);
  try {
    const session = await signInOwner({ password, client: clientAddress(request.headers) });
    const response = new NextResponse(null, { status: 204 });
    response.cookies.set(OWNER_SESSION_COOKIE, session.token, ownerSessionCookieOptions(env(), session.expiresAt));
    return response;
  } catch (error) {
    return withRetryAfter(error, requestId);
  }
});

export const DELETE = route(async ({ request }) => {
  await recordOwnerSignOut(request.cookies.get(OWNER_SESSION_COOKIE)?.value, clientAddress(request.headers));
  const response = new NextResponse(null, { status: 204 });
  response.cookies.set(OWNER_SESSION_COOKIE, "", clearedOwnerSessionCookieOptions(env()));
  return response;
});

export const GET = adminRoute(async ({ admin }) => {
  return NextResponse.json({ admin: { provider: admin.provider, userId: admin.userId, label: admin.label } });
});

/** A throttled sign-in also says when to come back (RFC 9110 Retry-After), for scripts that retry. */
function withRetryAfter(error: unknown, requestId: string): Response {
  if (!(error instanceof AppError) || error.code !== "too_many_requests") throw error;
  const response = toErrorResponse(error, requestId);
  const { retryAfterSeconds } = error.details as { retryAfterSeconds: number };
  response.headers.set("Retry-After", String(retryAfterSeconds));
  return response;
}
