// The admin session cookie: what it is called, how long it lasts, how it is issued and checked.
import { eq } from "drizzle-orm";
import { db } from "@/lib/db";
import { adminAccounts, type AdminRole } from "@/lib/db/schema";
import type { Env } from "@/lib/env";
import { accountColumns } from "./admin-accounts";
import { sessionRevokedCondition } from "./session-revocations";
import { sessionMatchesPassword, signSessionToken, verifySessionToken, type SessionAccount, type SessionKeys, type SessionPayload } from "./session-token";

export const OWNER_SESSION_COOKIE = "store_admin_session";

/** A working day: long enough not to nag, short enough that a forgotten tab does not stay open for a week. */
export const OWNER_SESSION_TTL_MS = 12 * 60 * 60 * 1000;

export type OwnerSession = { token: string; expiresAt: Date };

/** The account a live session belongs to. */
export type SessionOwner = { id: string; email: string; name: string; role: AdminRole };

/**
 * The keys of the built-in login, or null when it is not the configured way in (Clerk) or not
 * configured (no SESSION_SECRET). ADMIN_PASSWORD is optional once accounts exist.
 */
export function ownerSessionKeys(config: Env): SessionKeys | null {
  if (config.hasClerk || !config.SESSION_SECRET) return null;
  return { secret: config.SESSION_SECRET, password: config.ADMIN_PASSWORD ?? "" };
}

export function issueOwnerSession(keys: SessionKeys, account: SessionAccount, now: number): OwnerSession {
  return { token: signSessionToken(keys.secret, account, now, OWNER_SESSION_TTL_MS), expiresAt: new Date(now + OWNER_SESSION_TTL_MS) };
}

/**
 * The live session in `token` and its account: genuinely signed, unexpired, for an account that
 * exists, is enabled and still has the password the session was opened with, and not signed out.
 * One read answers all of it; a bad signature never reaches the database.
 */
export async function verifyOwnerSession(
  config: Env,
  token: string | undefined,
  now: number,
): Promise<{ session: SessionPayload; account: SessionOwner } | null> {
  const keys = ownerSessionKeys(config);
  if (keys === null) return null;
  const session = verifySessionToken(keys.secret, token, now);
  if (session === null) return null;
  const [row] = await (await db())
    .select({ ...accountColumns, revoked: sessionRevokedCondition(session).mapWith(Boolean) })
    .from(adminAccounts)
    .where(eq(adminAccounts.id, session.sub))
    .limit(1);
  if (!row || row.revoked || row.disabledAt !== null) return null;
  if (!sessionMatchesPassword(keys.secret, session, row.passwordHash)) return null;
  return { session, account: { id: row.id, email: row.email, name: row.name, role: row.role } };
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
