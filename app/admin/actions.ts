"use server";
// Server actions of the admin shell.
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { ADMIN_SIGN_IN_PATH } from "@/lib/auth/admin-paths";
import { clearedOwnerSessionCookieOptions, OWNER_SESSION_COOKIE } from "@/lib/auth/owner-session";
import { recordOwnerSignOut } from "@/lib/auth/owner-sign-in";
import { clientAddress } from "@/lib/auth/sign-in-throttle";
import { env } from "@/lib/env";

/**
 * Signing out needs no requireAdmin(): it only ever removes the caller's own cookie, and an owner
 * whose session has just expired must still be able to press it.
 */
export async function signOutAction(): Promise<void> {
  const jar = await cookies();
  await recordOwnerSignOut(jar.get(OWNER_SESSION_COOKIE)?.value, clientAddress(await headers()));
  jar.set(OWNER_SESSION_COOKIE, "", clearedOwnerSessionCookieOptions(env()));
  redirect(`${ADMIN_SIGN_IN_PATH}?signed_out=1`);
}
