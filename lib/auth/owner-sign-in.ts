// The built-in owner login: the password checked in constant time, failures throttled per client.
import { createHash, timingSafeEqual } from "node:crypto";
import { recordAudit } from "@/lib/audit/record-audit";
import { writeTransaction } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError } from "@/lib/http/errors";
import { adminClosedLine } from "./access";
import { isValidOwnerSession, issueOwnerSession, ownerSessionKeys, type OwnerSession } from "./owner-session";
import { ownerSignInThrottle, type SignInThrottle } from "./sign-in-throttle";

/**
 * Hashing both sides first gives equal-length inputs, so neither the comparison's time nor an early
 * length check tells a guesser anything about the password, its length included.
 */
export function passwordsMatch(given: string, expected: string): boolean {
  const digest = (value: string) => createHash("sha256").update(value, "utf8").digest();
  return timingSafeEqual(digest(given), digest(expected));
}

type SignInOptions = { now?: number; throttle?: SignInThrottle };

/** Opens an owner session for the right password, or throws the AppError the caller should show. */
export async function signInOwner(
  input: { password: string; client: string },
  { now = Date.now(), throttle = ownerSignInThrottle }: SignInOptions = {},
): Promise<OwnerSession> {
  const config = env();
  if (config.hasClerk) {
    throw new AppError("forbidden", "This store signs admins in with Clerk; the owner password is turned off.");
  }
  const keys = ownerSessionKeys(config);
  if (!keys) {
    console.error(adminClosedLine(config));
    throw new AppError("unavailable", "The admin is closed until the server's admin sign-in is configured.");
  }

  // A locked-out client is refused before its password is looked at, so guessing during a lockout costs nothing to the shop and gains nothing.
  const verdict = throttle.check(input.client, now);
  if (!verdict.allowed) throw tooManyAttempts(verdict.retryAfterSeconds);

  if (!passwordsMatch(input.password, keys.password)) {
    const after = throttle.recordFailure(input.client, now);
    console.warn(`[admin] failed owner sign-in from ${input.client}`);
    if (!after.allowed) throw tooManyAttempts(after.retryAfterSeconds);
    throw new AppError("unauthorized", "That password is not right.");
  }

  throttle.recordSuccess(input.client);
  await recordSessionChange("admin.signed_in", input.client);
  return issueOwnerSession(keys, now);
}

/** Records a sign-out when the cookie being cleared was a live session (clearing nothing is not news). */
export async function recordOwnerSignOut(token: string | undefined, client: string, now = Date.now()): Promise<void> {
  if (isValidOwnerSession(env(), token, now)) await recordSessionChange("admin.signed_out", client);
}

function tooManyAttempts(retryAfterSeconds: number): AppError {
  const minutes = Math.ceil(retryAfterSeconds / 60);
  return new AppError(
    "too_many_requests",
    `Too many wrong passwords. Try again in ${minutes === 1 ? "a minute" : `${minutes} minutes`}.`,
    { retryAfterSeconds },
  );
}

async function recordSessionChange(action: "admin.signed_in" | "admin.signed_out", client: string): Promise<void> {
  await writeTransaction(async (tx) => {
    await recordAudit(tx, { actor: "admin:owner", action, entityType: "admin_session", data: { client } });
  });
}
