// The secret in a shopper's order link, and constant-time comparison of what a visitor presents.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** 192 bits, URL-safe: unguessable, and short enough for an email link. */
export function newLookupToken(): string {
  return randomBytes(24).toString("base64url");
}

/**
 * Compares in time independent of where the strings differ. Hashing first gives both sides the
 * same length, so the comparison does not leak the secret's length either.
 */
export function secretsMatch(presented: string, expected: string): boolean {
  const a = createHash("sha256").update(presented, "utf8").digest();
  const b = createHash("sha256").update(expected, "utf8").digest();
  return timingSafeEqual(a, b);
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}
