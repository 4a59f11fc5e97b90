// The built-in owner login: the password checked in constant time, failures throttled per client and overall.
import { recordAudit } from "@/lib/audit/record-audit";
import { writeTransaction } from "@/lib/db";
import { env } from "@/lib/env";
import { AttemptThrottle, checkBudgets, recordFailures, type AttemptBudget } from "@/lib/http/attempt-throttle";
import { AppError, retryLater } from "@/lib/http/errors";
import { secretsMatch } from "@/lib/http/secrets-match";
import { adminClosedLine } from "./access";
import { issueOwnerSession, ownerSessionKeys, OWNER_SESSION_TTL_MS, verifyOwnerSession, type OwnerSession } from "./owner-session";
import { revokeAllOwnerSessions, revokeOwnerSession } from "./session-revocations";

/** Per client address (as TRUSTED_PROXY lets us know it): five free tries, then doubling lockouts. */
export const ownerSignInThrottle = new AttemptThrottle();

/**
 * Every failure from anywhere, under one key: rotating addresses (a botnet, or a spoofable header
 * on a misconfigured proxy) gets no more guesses than this. The price is that a determined guesser
 * can keep the owner out for a while; the lockout is capped, and Clerk is the way out for a shop
 * that is attacked at that scale.
 */
export const ownerSignInGlobalThrottle = new AttemptThrottle({
  freeAttempts: 30,
  baseLockoutMs: 60_000,
  maxLockoutMs: 15 * 60_000,
  forgetAfterMs: 60 * 60_000,
  maxTrackedClients: 1,
});
const GLOBAL_KEY = "all";

type SignInOptions = { now?: number; throttle?: AttemptThrottle; globalThrottle?: AttemptThrottle };

/** Opens an owner session for the right password, or throws the AppError the caller should show. */
export async function signInOwner(
  input: { password: string; client: string },
  { now = Date.now(), throttle = ownerSignInThrottle, globalThrottle = ownerSignInGlobalThrottle }: SignInOptions = {},
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

  const budgets: AttemptBudget[] = [
    { throttle, key: input.client },
    { throttle: globalThrottle, key: GLOBAL_KEY },
  ];
  // A locked-out client is refused before its password is looked at, so guessing during a lockout
  // costs nothing to the shop and gains nothing. Check and record run with no await between them.
  const verdict = checkBudgets(budgets, now);
  if (!verdict.allowed) throw tooManyAttempts(verdict.retryAfterSeconds);

  if (!secretsMatch(input.password, keys.password)) {
    const after = recordFailures(budgets, now);
    console.warn(`[admin] failed owner sign-in from ${input.client}`);
    if (!after.allowed) throw tooManyAttempts(after.retryAfterSeconds);
    throw new AppError("unauthorized", "That password is not right.");
  }

  throttle.recordSuccess(input.client);
  const session = issueOwnerSession(keys, now);
  await writeTransaction(async (tx) => {
    await recordAudit(tx, { actor: "admin:owner", action: "admin.signed_in", entityType: "admin_session", data: { client: input.client } });
  });
  return session;
}

/**
 * Ends the session in `token` server-side (the same token no longer works anywhere), or with
 * `everywhere` every owner session issued so far. Only a live session can do this: clearing a dead
 * cookie is not news, and a stranger must not be able to sign the owner out.
 */
export async function signOutOwner(
  params: { token: string | undefined; client: string; everywhere?: boolean },
  now = Date.now(),
): Promise<void> {
  const session = await verifyOwnerSession(env(), params.token, now);
  if (!session) return;
  await writeTransaction(async (tx) => {
    if (params.everywhere) await revokeAllOwnerSessions(tx, { now, sessionTtlMs: OWNER_SESSION_TTL_MS });
    else await revokeOwnerSession(tx, session, now);
    await recordAudit(tx, {
      actor: "admin:owner",
      action: params.everywhere ? "admin.signed_out_everywhere" : "admin.signed_out",
      entityType: "admin_session",
      data: { client: params.client },
    });
  });
}

function tooManyAttempts(retryAfterSeconds: number): AppError {
  const minutes = Math.ceil(retryAfterSeconds / 60);
  return retryLater(
    "too_many_requests",
    `Too many wrong passwords. Try again in ${minutes === 1 ? "a minute" : `${minutes} minutes`}.`,
    retryAfterSeconds,
  );
}
