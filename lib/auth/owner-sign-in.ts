// The built-in login: an account's password checked against its scrypt hash, failures throttled per client and overall.
import { recordAudit } from "@/lib/audit/record-audit";
import { db, writeTransaction } from "@/lib/db";
import { env, type Env } from "@/lib/env";
import { getSettings } from "@/lib/settings";
import { nowIso } from "@/lib/time";
import { AttemptThrottle, checkBudgets, recordFailures, type AttemptBudget, type ThrottleVerdict } from "@/lib/attempt-throttle";
import { AppError, retryLater } from "@/lib/app-error";
import { secretsMatch } from "@/lib/secrets-match";
import { adminClosedLine } from "./access";
import { accountActor, accountByEmail, firstTwoAccounts, hasAnyAccount, insertAccount, normaliseEmail, updateAccountRow, type AdminAccountRow } from "./admin-accounts";
import { issueOwnerDevice, verifyOwnerDevice, type IssuedOwnerDevice } from "./owner-device";
import { issueOwnerSession, ownerSessionKeys, OWNER_SESSION_TTL_MS, verifyOwnerSession, type OwnerSession } from "./owner-session";
import { hashPassword, needsRehash, spendPasswordCheck, verifyPassword } from "./password-hash";
import { revokeAllOwnerSessions, revokeOwnerSession } from "./session-revocations";
import type { SessionKeys } from "./session-token";
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

/** The name the first owner gets; they can be renamed like any account. */
const FIRST_OWNER_NAME = "Store owner";

/** The first owner's email: ADMIN_EMAIL, else the shop's support address, else a placeholder. */
async function firstOwnerEmail(config: Env): Promise<string> {
  if (config.ADMIN_EMAIL) return normaliseEmail(config.ADMIN_EMAIL);
  const { supportEmail } = await getSettings(await db());
  return supportEmail ? normaliseEmail(supportEmail) : "owner@localhost";
}

/**
 * Whether the built-in login cannot let anyone in: no SESSION_SECRET, or no account yet and no
 * ADMIN_PASSWORD to make the first one. The second half reads the database, so only the sign-in
 * page and the sign-in itself ask it (one indexed read), never every admin request.
 */
export async function ownerLoginIsClosed(config: Env = env()): Promise<boolean> {
  if (config.hasClerk) return false;
  if (config.closedParts.admin) return true;
  return !config.ADMIN_PASSWORD && !(await hasAnyAccount(await db()));
}

type Candidate =
  | { kind: "account"; account: AdminAccountRow | null }
  | { kind: "first-owner"; email: string };

/**
 * Whose password to check. With an email, that account (or none). Without one, the only account
 * there is: scripts and the e2e suite post `{ password }` alone, and stand while the shop has one
 * account. With no account at all, ADMIN_PASSWORD is the way to make the first owner.
 */
async function candidateFor(config: Env, email: string | undefined): Promise<Candidate> {
  const accounts = await firstTwoAccounts(await db());
  if (accounts.length === 0) {
    if (!config.ADMIN_PASSWORD) {
      console.error(adminClosedLine(config));
      throw new AppError("unavailable", "The admin is closed until the server's admin sign-in is configured.");
    }
    return { kind: "first-owner", email: await firstOwnerEmail(config) };
  }
  if (email) return { kind: "account", account: await accountByEmail(await db(), email) };
  if (accounts.length > 1) throw new AppError("bad_request", "Enter your email address as well as your password.");
  return { kind: "account", account: accounts[0]! };
}

/** Constant-ish time whatever the outcome: an unknown email or a disabled account still costs one hash. */
async function passwordOpens(candidate: Candidate, password: string, config: Env): Promise<boolean> {
  if (candidate.kind === "first-owner") {
    await spendPasswordCheck(password);
    return secretsMatch(password, config.ADMIN_PASSWORD!);
  }
  const { account } = candidate;
  if (!account || account.disabledAt !== null || account.passwordHash === null) {
    await spendPasswordCheck(password);
    return false;
  }
  return verifyPassword(password, account.passwordHash);
}

/** The account the password opened, made (first owner) or refreshed (last sign-in, an upgraded hash). */
async function openAccount(candidate: Candidate, password: string, client: string): Promise<AdminAccountRow> {
  const now = nowIso();
  if (candidate.kind === "first-owner") {
    const passwordHash = await hashPassword(password);
    return writeTransaction(async (tx) => {
      // Two first sign-ins at once: the second finds the owner the first made, and is refused.
      if ((await firstTwoAccounts(tx)).length > 0) throw new AppError("conflict", "The owner account was just created: sign in again.");
      const account = await insertAccount(tx, { email: candidate.email, name: FIRST_OWNER_NAME, role: "owner", passwordHash });
      const opened = (await updateAccountRow(tx, account.id, { lastSignInAt: now }))!;
      await recordAudit(tx, { actor: accountActor(account), action: "account.created", entityType: "admin_account", entityId: account.id, data: { role: "owner", from: "ADMIN_PASSWORD" } });
      await recordAudit(tx, { actor: accountActor(account), action: "admin.signed_in", entityType: "admin_session", data: { client } });
      return opened;
    });
  }
  const account = candidate.account!;
  const rehashed = needsRehash(account.passwordHash!) ? await hashPassword(password) : null;
  return writeTransaction(async (tx) => {
    const opened = await updateAccountRow(tx, account.id, { lastSignInAt: now, ...(rehashed ? { passwordHash: rehashed } : {}) });
    if (!opened) throw new AppError("unauthorized", "That password is not right.");
    await recordAudit(tx, { actor: accountActor(account), action: "admin.signed_in", entityType: "admin_session", data: { client } });
    return opened;
  });
}

/** The throttle budgets a sign-in (or a password re-check) is charged to. */
function budgetsFor(keys: SessionKeys, input: { client: string; deviceToken?: string }, now: number, options: Required<Omit<SignInOptions, "now">>) {
  // A browser with a genuine device cookie is charged to its own budget and nothing else; anyone
  // else (no cookie, a forged or expired one) to its address and to the global budget.
  const device = verifyOwnerDevice(keys, input.deviceToken, now);
  const budgets: AttemptBudget[] = device
    ? [{ throttle: options.deviceThrottle, key: device.id }]
    : [
        { throttle: options.throttle, key: input.client },
        { throttle: options.globalThrottle, key: GLOBAL_KEY },
      ];
  const recordSuccess = () => (device ? options.deviceThrottle.recordSuccess(device.id) : options.throttle.recordSuccess(input.client));
  return { device, budgets, recordSuccess };
}

/** Opens a session for the right email and password, or throws the AppError the caller should show. */
export async function signInOwner(
  input: { email?: string; password: string; client: string; deviceToken?: string },
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

  const { device, budgets, recordSuccess } = budgetsFor(keys, input, now, { throttle, globalThrottle, deviceThrottle });
  // A locked-out client is refused before its password is looked at, so guessing during a lockout
  // costs nothing to the shop and gains nothing.
  const verdict = checkBudgets(budgets, now);
  if (!verdict.allowed) throw tooManyAttempts(verdict.retryAfterSeconds);

  const email = input.email?.trim() || undefined;
  const candidate = await candidateFor(config, email);
  if (!(await passwordOpens(candidate, input.password, config))) {
    const after = recordFailures(budgets, now);
    console.warn(`[admin] failed sign-in from ${input.client}${device ? " (a known device)" : ""}`);
    if (!after.allowed) throw tooManyAttempts(after.retryAfterSeconds);
    throw new AppError("unauthorized", email ? "That email and password do not match an account." : "That password is not right.");
  }

  recordSuccess();
  const account = await openAccount(candidate, input.password, input.client);
  const session = issueOwnerSession(keys, { id: account.id, passwordHash: account.passwordHash! }, now);
  // A fresh cookie on every sign-in (OWASP: the old one may have been seen); the old one stays
  // valid until it expires, which only means that browser keeps its own budget.
  return { session, device: issueOwnerDevice(keys, now) };
}

/**
 * Charges a wrong current password (on the change-password form) to the same budgets as a wrong
 * sign-in: a stolen session must not become a way to guess the password without limit.
 */
export function chargeWrongPassword(input: { client: string; deviceToken?: string }, now = Date.now()): ThrottleVerdict {
  const keys = ownerSessionKeys(env());
  if (!keys) return { allowed: true };
  const { budgets } = budgetsFor(keys, input, now, { throttle: ownerSignInThrottle, globalThrottle: ownerSignInGlobalThrottle, deviceThrottle: ownerDeviceSignInThrottle });
  return recordFailures(budgets, now);
}

/** Whether the client may try a password now (the change-password form checks before it hashes). */
export function passwordAttemptVerdict(input: { client: string; deviceToken?: string }, now = Date.now()): ThrottleVerdict {
  const keys = ownerSessionKeys(env());
  if (!keys) return { allowed: true };
  const { budgets } = budgetsFor(keys, input, now, { throttle: ownerSignInThrottle, globalThrottle: ownerSignInGlobalThrottle, deviceThrottle: ownerDeviceSignInThrottle });
  return checkBudgets(budgets, now);
}

/**
 * Ends the session in `token` server-side (the same token no longer works anywhere), or with
 * `everywhere` every session of its account issued so far. Only a live session can do this:
 * clearing a dead cookie is not news, and a stranger must not be able to sign anyone out.
 */
export async function signOutOwner(
  params: { token: string | undefined; client: string; everywhere?: boolean },
  now = Date.now(),
): Promise<void> {
  const live = await verifyOwnerSession(env(), params.token, now);
  if (!live) return;
  await writeTransaction(async (tx) => {
    if (params.everywhere) await revokeAllOwnerSessions(tx, { accountId: live.account.id, now, sessionTtlMs: OWNER_SESSION_TTL_MS });
    else await revokeOwnerSession(tx, live.session, now);
    await recordAudit(tx, {
      actor: accountActor(live.account),
      action: params.everywhere ? "admin.signed_out_everywhere" : "admin.signed_out",
      entityType: "admin_session",
      data: { client: params.client },
    });
  });
}

export function tooManyAttempts(retryAfterSeconds: number): AppError {
  const minutes = Math.ceil(retryAfterSeconds / 60);
  return retryLater(
    "too_many_requests",
    `Too many wrong passwords. Try again in ${minutes === 1 ? "a minute" : `${minutes} minutes`}.`,
    retryAfterSeconds,
  );
}
