// POST /api/admin/session – owner sign-in (password → session cookie, and a device cookie for this browser); DELETE signs out (?everywhere=1: every session); GET says who is signed in
import { NextResponse } from "next/server";
import { z } from "zod";
import {
  clearedOwnerSessionCookieOptions,
  OWNER_SESSION_COOKIE,
  ownerSessionCookieOptions,
} from "@/lib/auth/owner-session";
import { OWNER_DEVICE_COOKIE, ownerDeviceCookieOptions } from "@/lib/auth/owner-device";
import { signInOwner, signOutOwner } from "@/lib/auth/owner-sign-in";
import { env } from "@/lib/env";
import { adminRoute } from "@/lib/http/admin-route";
import { clientAddress } from "@/lib/http/client-address";
import { parseJson, parseQuery, route } from "@/lib/http/route";
import { methodsNotAllowed } from "@/lib/http/method-not-allowed";

export const dynamic = "force-dynamic";

/** Email may be left out while the shop has exactly one account (scripts, the e2e suite). */
const signInInput = z.object({
  email: z.string().trim().max(254).optional(),
  password: z.string().min(1, "Enter the password.").max(500),
});
const signOutQuery = z.object({ everywhere: z.enum(["0", "1", "true", "false"]).optional() });

export const POST = route(async ({ request }) => {
  const { email, password } = await parseJson(request, signInInput);
  const { session, device } = await signInOwner({
    email,
    password,
    client: clientAddress(request.headers),
    deviceToken: request.cookies.get(OWNER_DEVICE_COOKIE)?.value,
  });
  const response = new NextResponse(null, { status: 204 });
  response.cookies.set(OWNER_SESSION_COOKIE, session.token, ownerSessionCookieOptions(env(), session.expiresAt));
  response.cookies.set(OWNER_DEVICE_COOKIE, device.token, ownerDeviceCookieOptions(env(), device.expiresAt));
  return response;
});

export const DELETE = route(async ({ request }) => {
  const { everywhere } = parseQuery(request, signOutQuery);
  await signOutOwner({
    token: request.cookies.get(OWNER_SESSION_COOKIE)?.value,
    client: clientAddress(request.headers),
    everywhere: everywhere === "1" || everywhere === "true",
  });
  const response = new NextResponse(null, { status: 204 });
  response.cookies.set(OWNER_SESSION_COOKIE, "", clearedOwnerSessionCookieOptions(env()));
  return response;
});

export const GET = adminRoute(async ({ admin }) => {
  return NextResponse.json({ admin: { provider: admin.provider, userId: admin.userId, label: admin.label } });
}, { role: "staff" });

export const { PUT, PATCH } = methodsNotAllowed(["POST", "DELETE", "GET"], { admin: true });
