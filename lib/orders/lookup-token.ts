// The secret in a shopper's order link, and constant-time comparison of what a visitor presents.
import { randomBytes } from "node:crypto";

/** Link tokens are compared in constant time by the one shared helper. */
export { secretsMatch } from "@/lib/secrets-match";

/** 192 bits, URL-safe: unguessable, and short enough for an email link. */
export function newLookupToken(): string {
  return randomBytes(24).toString("base64url");
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}
