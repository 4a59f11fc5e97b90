// Constant-time comparison of a presented secret with the expected one (passwords, bearer tokens, link tokens).
import { createHash, timingSafeEqual } from "node:crypto";

/**
 * Hashing both sides first gives equal-length inputs, so neither the comparison's time nor an early
 * length check tells a guesser anything about the secret, its length included.
 */
export function secretsMatch(presented: string, expected: string): boolean {
  const digest = (value: string) => createHash("sha256").update(value, "utf8").digest();
  return timingSafeEqual(digest(presented), digest(expected));
}
