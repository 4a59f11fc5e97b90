// The built-in owner login: the password checked in constant time, failures throttled per client and overall.
import { recordAudit } from "@/lib/audit/record-audit";
import { writeTransaction } from "@/lib/db";
import { env } from "@/lib/env";
import { AttemptThrottle, checkBudgets, recordFailures, type AttemptBudget } from "@/lib/attempt-throttle";
import { AppError, retryLater } from "@/lib/app-error";
import { secretsMatch } from "@/lib/secrets-match";
import { adminClosedLine } from "./access";
import { issueOwnerDevice, verifyOwnerDevice, type IssuedOwnerDevice } from "./owner-device";
import { issueOwnerSession, ownerSessionKeys, OWNER_SESSION_TTL_MS, verifyOwnerSession, type OwnerSession } from "./owner-session";
import { revokeAllOwnerSessions, revokeOwnerSession } from "./session-revocations";

/** Per client address (as TRUSTED_PROXY lets us know it): five free tries, then doubling lockouts. */
export const ownerSignInThrottle = new AttemptThrottle();

/**
 * Every failure from anywhere, under one key: rotating addresses (a botnet, or a spoofable header
 * on a misconfigured proxy) gets no more guesses than this. A determined guesser can hold it shut,
 * but not against the owner's own browser: one that has signed in before carries a device cookie
 * (owner-device.ts) and is judged by ownerDeviceSignInThrottle instead.
 */
export const ownerSignInGlobalThrottle = new AttemptThrottle({
  freeAttempts: 30,
  baseLockoutMs: 60_000,
  maxLockoutMs: 15 * 60_000,
  forgetAfterMs: 60 * 60_000,
  maxTrackedClients: 1,
});
const GLOBAL_KEY = "all";

/**
 * Per device cookie: five free tries, then doubling lockouts, for that browser alone. Its keys come
 * only from cookies this server signed, so strangers cannot fill it or push an entry out.
 */
export const ownerDeviceSignInThrottle = new AttemptThrottle();

type SignInOptions = { now?: number; throttle?: AttemptThrottle; globalThrottle?: AttemptThrottle; deviceThrottle?: AttemptThrottle };

/** A new session, and a fresh device cookie for the browser that opened it. */
export type OwnerSignIn = { session: OwnerSession; device: IssuedOwnerDevice };

/** Opens an owner session for the right password, or throws the AppError the caller should show. */
export async function signInOwner(
  input: { password: string; client: string; deviceToken?: string },
  {
    now = Date.now(),
    throttle = ownerSignInThrottle,
    globalThrottle = ownerSignInGlobalThrottle,
    deviceThrottle = ownerDeviceSignInThrottle,
  }: SignInOptions = {},
): Promise<OwnerSignIn> {
  const config = env();
  if (config.hasClerk) {
    throw new AppError("forbidden", "This store signs admins in with Clerk; the owner password is turned off.");
  }
  const keys = ownerSessionKeys(config);
  if (!keys) {
    console.error(adminClosedLine(config));
    throw new AppError("unavailable", "The admin is closed until the server's admin sign-in is configured.");
  }

  // A browser with a genuine device cookie is charged to its own budget and nothing else; anyone
  // else (no cookie, a forged or expired one) to its address and to the global budget.
  const device = verifyOwnerDevice(keys, input.deviceToken, now);
  const budgets: AttemptBudget[] = device
    ? [{ throttle: deviceThrottle, key: device.id }]
    : [
        { throttle, key: input.client },
        { throttle: globalThrottle, key: GLOBAL_KEY },
      ];
  // A locked-out client is refused before its password is looked at, so guessing during a lockout
  // costs nothing to the shop and gains nothing. Check and record run with no await between them.
  const verdict = checkBudgets(budgets, now);
  if (!verdict.allowed) throw tooManyAttempts(verdict.retryAfterSeconds);

  if (!secretsMatch(input.password, keys.password)) {
    const after = recordFailures(budgets, now);
    console.warn(`[admin] failed owner sign-in from ${input.client}${device ? " (a known device)" : ""}`);
    if (!after.allowed) throw tooManyAttempts(after.retryAfterSeconds);
    throw new AppError("unauthorized", "That password is not right.");
  }

  if (device) deviceThrottle.recordSuccess(device.id);
  else throttle.recordSuccess(input.client);
  const session = issueOwnerSession(keys, now);
  await writeTransaction(async (tx) => {
    await recordAudit(tx, { actor: "admin:owner", action: "admin.signed_in", entityType: "admin_session", data: { client: input.client } });
  });
  // A fresh cookie on every sign-in (OWASP: the old one may have been seen); the old one stays
  // valid until it expires, which only means that browser keeps its own budget.
  return { session, device: issueOwnerDevice(keys, now) };
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
