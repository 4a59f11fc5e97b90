// The owner's device cookie: a browser that has signed in before keeps its own sign-in budget during a lockout.
import "server-only";
import { randomBytes } from "node:crypto";
import { z } from "zod";
import type { Env } from "@/lib/env";
import { derivedSecret, passwordFingerprint, readSignedToken, signToken, type SessionKeys } from "./session-token";

/**
 * OWASP's "device cookies" (Slow Down Online Guessing Attacks with Device Cookies): the global and
 * per-address lockouts that stop a guesser would also stop the owner, so a browser that proved it
 * knows the password once carries a signed cookie, and with it is judged by its own failures only.
 * A stranger cannot make one (it is signed), a cookie cannot be read by scripts (httpOnly), and a
 * device that starts guessing locks only itself.
 */
export const OWNER_DEVICE_COOKIE = "store_admin_device";

/** A year: the owner's own browser should still be recognised after a quiet winter. */
export const OWNER_DEVICE_TTL_MS = 365 * 24 * 60 * 60 * 1000;

const devicePayload = z.object({
  v: z.literal(1),
  sub: z.literal("owner-device"),
  /** The device's name in the per-device throttle. */
  id: z.string().min(16).max(64),
  iat: z.number().int(),
  exp: z.number().int(),
});

export type OwnerDevice = { id: string };
export type IssuedOwnerDevice = { token: string; expiresAt: Date };

/**
 * Derived from SESSION_SECRET and the password's fingerprint: a session token never verifies as a
 * device cookie, and changing ADMIN_PASSWORD (or the secret) forgets every device, as it ends every
 * session.
 */
function deviceKey(keys: SessionKeys): string {
  return derivedSecret(keys.secret, `owner-device:${passwordFingerprint(keys)}`);
}

export function issueOwnerDevice(keys: SessionKeys, now: number): IssuedOwnerDevice {
  const payload = {
    v: 1,
    sub: "owner-device",
    id: randomBytes(18).toString("base64url"),
    iat: now,
    exp: now + OWNER_DEVICE_TTL_MS,
  } satisfies z.infer<typeof devicePayload>;
  return { token: signToken(deviceKey(keys), payload), expiresAt: new Date(payload.exp) };
}

/** The device named by a genuine, unexpired cookie, or null (a forged, expired or absent one is a stranger). */
export function verifyOwnerDevice(keys: SessionKeys, token: string | undefined, now: number): OwnerDevice | null {
  const payload = readSignedToken(deviceKey(keys), token, devicePayload);
  if (payload === null || payload.exp <= now || payload.iat > now + 60_000) return null;
  return { id: payload.id };
}

/**
 * httpOnly: no script reads it. SameSite=Strict: it is only needed on the shop's own sign-in, never
 * on a link from elsewhere. Secure in production. The signed expiry is what counts.
 */
export function ownerDeviceCookieOptions(config: Env, expiresAt: Date) {
  return { httpOnly: true, secure: config.isProduction, sameSite: "strict", path: "/", expires: expiresAt } as const;
}
