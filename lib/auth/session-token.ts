// Admin session tokens: a small JSON payload naming the account and carrying its own expiry, signed with HMAC-SHA256.
import "server-only";
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { z } from "zod";

const payloadSchema = z.object({
  v: z.literal(2),
  /** The admin account's id (admin_accounts.id). */
  sub: z.string().min(1).max(64),
  /** Issued and expiry times, in milliseconds since the epoch. */
  iat: z.number().int(),
  exp: z.number().int(),
  /**
   * A fingerprint of the account's password hash when the session was opened: a password change
   * (which makes a new hash, with a new salt) ends every existing session of that account.
   */
  pwd: z.string().min(1),
  /** Makes two sessions issued in the same millisecond different tokens. */
  nonce: z.string().min(1),
});

export type SessionPayload = z.infer<typeof payloadSchema>;

/** The secret that signs sessions, and ADMIN_PASSWORD ("" when unset), which device cookies are also bound to. */
export type SessionKeys = { secret: string; password: string };

/** What a session is issued for: the account, and the password hash it currently has. */
export type SessionAccount = { id: string; passwordHash: string };

function mac(secret: string, data: string): Buffer {
  return createHmac("sha256", secret).update(data).digest();
}

export function passwordFingerprint(keys: SessionKeys): string {
  return mac(keys.secret, `owner-password:${keys.password}`).subarray(0, 12).toString("base64url");
}

/**
 * A key for another kind of token, made from the session secret and what it is for: a token of one
 * kind can never verify as another, and the operator still configures one secret.
 */
export function derivedSecret(secret: string, purpose: string): string {
  return mac(secret, `derived-key:${purpose}`).toString("base64url");
}

/** `<payload>.<signature>`, both base64url: safe in a cookie without quoting. */
export function signToken(secret: string, payload: object): string {
  const body = Buffer.from(JSON.stringify(payload)).toString("base64url");
  return `${body}.${mac(secret, body).toString("base64url")}`;
}

/** Keyed, so the cookie says nothing about the hash to whoever reads it. */
export function passwordHashFingerprint(secret: string, passwordHash: string): string {
  return mac(secret, `account-password:${passwordHash}`).subarray(0, 12).toString("base64url");
}

export function signSessionToken(secret: string, account: SessionAccount, issuedAt: number, ttlMs: number): string {
  const payload: SessionPayload = {
    v: 2,
    sub: account.id,
    iat: issuedAt,
    exp: issuedAt + ttlMs,
    pwd: passwordHashFingerprint(secret, account.passwordHash),
    nonce: randomBytes(9).toString("base64url"),
  };
  return signToken(secret, payload);
}

/**
 * Compares the canonical base64url text, not decoded bytes: Node's decoder skips characters outside
 * the alphabet and ignores trailing bits, so many different strings decode to the same signature,
 * and a token must have exactly one spelling (a revocation or log entry names that spelling).
 * Constant time; the length of an HMAC is public, so checking it first leaks nothing.
 */
function signatureMatches(expected: Buffer, given: string): boolean {
  const expectedText = Buffer.from(expected.toString("base64url"), "utf8");
  const givenText = Buffer.from(given, "utf8");
  return givenText.length === expectedText.length && timingSafeEqual(givenText, expectedText);
}

/**
 * The payload of a token genuinely signed with `secret`, parsed by `schema`, or null. The signature
 * is checked before the payload is parsed, so nothing an attacker wrote is ever interpreted.
 */
export function readSignedToken<T>(secret: string, token: string | undefined, schema: z.ZodType<T>): T | null {
  if (!token || token.length > 1024) return null;
  const parts = token.split(".");
  if (parts.length !== 2) return null;
  const [body, signature] = parts as [string, string];
  if (!signatureMatches(mac(secret, body), signature)) return null;
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(body, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  const parsed = schema.safeParse(decoded);
  return parsed.success ? parsed.data : null;
}

/**
 * The payload of a genuine, unexpired token, or null. Whether its account still exists, is enabled
 * and has the same password is the caller's database read (sessionMatchesPassword).
 */
export function verifySessionToken(secret: string, token: string | undefined, now: number): SessionPayload | null {
  const payload = readSignedToken(secret, token, payloadSchema);
  if (payload === null) return null;
  if (payload.exp <= now) return null;
  // A token "issued" in the future was not issued by this clock: refuse it (a minute of drift allowed).
  if (payload.iat > now + 60_000) return null;
  return payload;
}

/** Whether the session was opened with the account's current password (constant time). */
export function sessionMatchesPassword(secret: string, session: SessionPayload, passwordHash: string | null): boolean {
  if (passwordHash === null) return false;
  return signatureMatches(Buffer.from(passwordHashFingerprint(secret, passwordHash), "base64url"), session.pwd);
}
