// Owner session tokens: a small JSON payload carrying its own expiry, signed with HMAC-SHA256.
import "server-only";
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { z } from "zod";

const payloadSchema = z.object({
  v: z.literal(1),
  sub: z.literal("owner"),
  /** Issued and expiry times, in milliseconds since the epoch. */
  iat: z.number().int(),
  exp: z.number().int(),
  /**
   * A fingerprint of the password the session was opened with: changing ADMIN_PASSWORD ends every
   * existing session, which is what an owner who suspects a leak expects.
   */
  pwd: z.string().min(1),
  /** Makes two sessions issued in the same millisecond different tokens. */
  nonce: z.string().min(1),
});

export type SessionPayload = z.infer<typeof payloadSchema>;

export type SessionKeys = { secret: string; password: string };

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

export function signSessionToken(keys: SessionKeys, issuedAt: number, ttlMs: number): string {
  const payload: SessionPayload = {
    v: 1,
    sub: "owner",
    iat: issuedAt,
    exp: issuedAt + ttlMs,
    pwd: passwordFingerprint(keys),
    nonce: randomBytes(9).toString("base64url"),
  };
  return signToken(keys.secret, payload);
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

/** The payload of a genuine, unexpired token signed for the current password, or null. */
export function verifySessionToken(keys: SessionKeys, token: string | undefined, now: number): SessionPayload | null {
  const payload = readSignedToken(keys.secret, token, payloadSchema);
  if (payload === null) return null;
  if (payload.exp <= now) return null;
  // A token "issued" in the future was not issued by this clock: refuse it (a minute of drift allowed).
  if (payload.iat > now + 60_000) return null;
  if (!signatureMatches(Buffer.from(passwordFingerprint(keys), "base64url"), payload.pwd)) return null;
  return payload;
}
