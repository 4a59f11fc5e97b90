"use server";
// Server actions of the admin shell.
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { ADMIN_SIGN_IN_PATH } from "@/lib/auth/admin-paths";
import { clearedOwnerSessionCookieOptions, OWNER_SESSION_COOKIE } from "@/lib/auth/owner-session";
import { signOutOwner } from "@/lib/auth/owner-sign-in";
import { env } from "@/lib/env";
import { clientAddress } from "@/lib/http/client-address";

/**
 * Signing out needs no requireAdmin(): it only ever removes the caller's own cookie, and an owner
 * whose session has just expired must still be able to press it.
 */
export async function signOutAction(): Promise<void> {
  await signOut(false);
}

/** Ends every owner session, on every device (a lost phone, a shared computer); needs a live session itself. */
export async function signOutEverywhereAction(): Promise<void> {
  await signOut(true);
}

async function signOut(everywhere: boolean): Promise<void> {
  const jar = await cookies();
  await signOutOwner({ token: jar.get(OWNER_SESSION_COOKIE)?.value, client: clientAddress(await headers()), everywhere });
  jar.set(OWNER_SESSION_COOKIE, "", clearedOwnerSessionCookieOptions(env()));
  redirect(`${ADMIN_SIGN_IN_PATH}?signed_out=1`);
}
