// POST /api/admin/account/password – the signed-in admin changes their own password (every other session ends; this one is re-issued)
import { NextResponse } from "next/server";
import { z } from "zod";
import { changeOwnPassword } from "@/lib/auth/account-passwords";
import { OWNER_DEVICE_COOKIE } from "@/lib/auth/owner-device";
import { OWNER_SESSION_COOKIE, ownerSessionCookieOptions } from "@/lib/auth/owner-session";
import { env } from "@/lib/env";
import { adminRoute } from "@/lib/http/admin-route";
import { clientAddress } from "@/lib/http/client-address";
import { parseJson } from "@/lib/http/route";
import { methodsNotAllowed } from "@/lib/http/method-not-allowed";

export const dynamic = "force-dynamic";

const passwordChange = z.object({
  currentPassword: z.string().min(1, "Enter your current password.").max(500),
  newPassword: z.string().max(500),
});

export const POST = adminRoute(
  async ({ request, admin }) => {
    const input = await parseJson(request, passwordChange);
    const session = await changeOwnPassword(admin, {
      ...input,
      client: clientAddress(request.headers),
      deviceToken: request.cookies.get(OWNER_DEVICE_COOKIE)?.value,
    });
    const response = NextResponse.json({ ok: true });
    response.cookies.set(OWNER_SESSION_COOKIE, session.token, ownerSessionCookieOptions(env(), session.expiresAt));
    return response;
  },
  { role: "staff" },
);

export const { GET, PUT, PATCH, DELETE } = methodsNotAllowed(["POST"], { admin: true });
