// The owner's session cookie: what it is called, how long it lasts, how it is issued and checked.
import { db } from "@/lib/db";
import type { Env } from "@/lib/env";
import { isOwnerSessionRevoked } from "./session-revocations";
import { signSessionToken, verifySessionToken, type SessionKeys, type SessionPayload } from "./session-token";

export const OWNER_SESSION_COOKIE = "store_admin_session";

/** A working day: long enough not to nag, short enough that a forgotten tab does not stay open for a week. */
export const OWNER_SESSION_TTL_MS = 12 * 60 * 60 * 1000;

export type OwnerSession = { token: string; expiresAt: Date };

/** The keys of the owner login, or null when it is not the configured way in (Clerk) or not configured. */
export function ownerSessionKeys(config: Env): SessionKeys | null {
  if (config.hasClerk || !config.ADMIN_PASSWORD || !config.SESSION_SECRET) return null;
  return { secret: config.SESSION_SECRET, password: config.ADMIN_PASSWORD };
}

export function issueOwnerSession(keys: SessionKeys, now: number): OwnerSession {
  return { token: signSessionToken(keys, now, OWNER_SESSION_TTL_MS), expiresAt: new Date(now + OWNER_SESSION_TTL_MS) };
}

/**
 * The payload of a live owner session: genuinely signed, unexpired, for the current password, and
 * not signed out (the revocation read is the only database access; a bad signature never gets there).
 */
export async function verifyOwnerSession(config: Env, token: string | undefined, now: number): Promise<SessionPayload | null> {
  const keys = ownerSessionKeys(config);
  if (keys === null) return null;
  const session = verifySessionToken(keys, token, now);
  if (session === null) return null;
  return (await isOwnerSessionRevoked(await db(), session)) ? null : session;
}

type CookieOptions = {
  httpOnly: true;
  secure: boolean;
  sameSite: "lax";
  path: "/";
  expires: Date;
};

/**
 * httpOnly keeps it away from scripts; SameSite=Lax keeps it off cross-site form posts while a link
 * from an email into /admin still arrives signed in; Secure in production keeps it off plain HTTP.
 * The expiry inside the signed payload is what counts; the cookie's own expiry only tidies the browser.
 */
export function ownerSessionCookieOptions(config: Env, expiresAt: Date): CookieOptions {
  return { httpOnly: true, secure: config.isProduction, sameSite: "lax", path: "/", expires: expiresAt };
}

/** Options that make the browser drop the cookie (sign-out). */
export function clearedOwnerSessionCookieOptions(config: Env): CookieOptions {
  return ownerSessionCookieOptions(config, new Date(0));
}
