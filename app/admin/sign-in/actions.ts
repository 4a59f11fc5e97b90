"use server";
// The sign-in form's server action: the same login as POST /api/admin/session.
import { cookies, headers } from "next/headers";
import { redirect } from "next/navigation";
import { safeAdminReturnPath } from "@/lib/auth/admin-paths";
import { OWNER_DEVICE_COOKIE, ownerDeviceCookieOptions } from "@/lib/auth/owner-device";
import { OWNER_SESSION_COOKIE, ownerSessionCookieOptions } from "@/lib/auth/owner-session";
import { signInOwner } from "@/lib/auth/owner-sign-in";
import { env } from "@/lib/env";
import { clientAddress } from "@/lib/http/client-address";
import { AppError } from "@/lib/app-error";

export type SignInState = { error: string | null };

/** Signing in needs no requireAdmin(): it is the way to become one. */
export async function signInAction(_previous: SignInState, form: FormData): Promise<SignInState> {
  const password = form.get("password");
  const email = form.get("email");
  const returnTo = safeAdminReturnPath(typeof form.get("next") === "string" ? (form.get("next") as string) : null);
  if (typeof password !== "string" || password === "") return { error: "Enter the password." };
  if (password.length > 500) return { error: "That password is not right." };

  try {
    const jar = await cookies();
    const { session, device } = await signInOwner({
      email: typeof email === "string" ? email.slice(0, 254) : undefined,
      password,
      client: clientAddress(await headers()),
      deviceToken: jar.get(OWNER_DEVICE_COOKIE)?.value,
    });
    jar.set(OWNER_SESSION_COOKIE, session.token, ownerSessionCookieOptions(env(), session.expiresAt));
    jar.set(OWNER_DEVICE_COOKIE, device.token, ownerDeviceCookieOptions(env(), device.expiresAt));
  } catch (error) {
    if (error instanceof AppError) return { error: error.message };
    throw error;
  }
  redirect(returnTo);
}
