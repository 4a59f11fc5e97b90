// An admin's own password: changed while signed in, or set the first time through a one-time link.
import { recordAudit } from "@/lib/audit/record-audit";
import { db, writeTransaction } from "@/lib/db";
import { env } from "@/lib/env";
import { getSettings } from "@/lib/settings";
import { nowIso } from "@/lib/time";
import { AppError } from "@/lib/app-error";
import { accountActor, accountById, updateAccountRow } from "./admin-accounts";
import { linkByToken, markLinkUsed } from "./account-links";
import type { AdminIdentity } from "./identity";
import { chargeWrongPassword, passwordAttemptVerdict, tooManyAttempts } from "./owner-sign-in";
import { issueOwnerSession, ownerSessionKeys, type OwnerSession } from "./owner-session";
import { hashPassword, verifyPassword } from "./password-hash";

export const MIN_ACCOUNT_PASSWORD = 12;

/** The shop's own name is the first thing a guesser tries. */
async function assertAcceptablePassword(password: string): Promise<void> {
  if (password.length < MIN_ACCOUNT_PASSWORD) {
    throw new AppError("bad_request", `Choose a password of at least ${MIN_ACCOUNT_PASSWORD} characters.`);
  }
  const { storeName } = await getSettings(await db());
  const squash = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]/gu, "");
  if (squash(password) === squash(storeName)) throw new AppError("bad_request", "Choose a password that is not the shop's name.");
}

function builtInLoginOnly() {
  if (env().hasClerk) throw new AppError("forbidden", "Clerk manages sign-in for this shop: change the password in Clerk.");
}

/**
 * Changes the signed-in admin's password and returns a new session for this browser. Every other
 * session of the account ends with the old hash (sessions carry its fingerprint). A wrong current
 * password is charged to the sign-in throttle, so a stolen session cannot guess without limit.
 */
export async function changeOwnPassword(
  admin: AdminIdentity,
  input: { currentPassword: string; newPassword: string; client: string; deviceToken?: string },
  now = Date.now(),
): Promise<OwnerSession> {
  builtInLoginOnly();
  const keys = ownerSessionKeys(env());
  if (!keys) throw new AppError("unavailable", "The admin is closed until the server's admin sign-in is configured.");
  const verdict = passwordAttemptVerdict(input, now);
  if (!verdict.allowed) throw tooManyAttempts(verdict.retryAfterSeconds);

  const account = await accountById(await db(), admin.userId);
  if (!account || !(await verifyPassword(input.currentPassword, account.passwordHash))) {
    const after = chargeWrongPassword(input, now);
    if (!after.allowed) throw tooManyAttempts(after.retryAfterSeconds);
    throw new AppError("bad_request", "Your current password is not right.", [{ path: "currentPassword", message: "Your current password is not right." }]);
  }
  if (input.newPassword === input.currentPassword) throw new AppError("bad_request", "Choose a new password, not the current one.");
  await assertAcceptablePassword(input.newPassword);

  const passwordHash = await hashPassword(input.newPassword);
  await writeTransaction(async (tx) => {
    await updateAccountRow(tx, account.id, { passwordHash, mustChangePassword: false });
    await recordAudit(tx, { actor: accountActor(account), action: "account.password_changed", entityType: "admin_account", entityId: account.id });
  });
  return issueOwnerSession(keys, { id: account.id, passwordHash }, now);
}

/**
 * Sets an account's password through its one-time link: refused if the link is unknown, used,
 * expired, or its account disabled. The person then signs in as usual.
 */
export async function setPasswordWithLink(input: { token: string; password: string }): Promise<{ email: string }> {
  builtInLoginOnly();
  await assertAcceptablePassword(input.password);
  const passwordHash = await hashPassword(input.password);
  const now = nowIso();
  return writeTransaction(async (tx) => {
    const link = await linkByToken(tx, input.token);
    if (!link || link.purpose !== "set_password") throw new AppError("bad_request", "This link is not valid. Ask the shop's owner for a new one.");
    if (link.usedAt !== null) throw new AppError("bad_request", "This link has already been used. Sign in, or ask the shop's owner for a new one.");
    if (link.expiresAt <= now) throw new AppError("bad_request", "This link has expired. Ask the shop's owner for a new one.");
    const account = await accountById(tx, link.accountId);
    if (!account || account.disabledAt !== null) throw new AppError("bad_request", "This account is disabled. Ask the shop's owner.");
    await markLinkUsed(tx, link.id, now);
    await updateAccountRow(tx, account.id, { passwordHash, mustChangePassword: false });
    await recordAudit(tx, { actor: accountActor(account), action: "account.password_set", entityType: "admin_account", entityId: account.id });
    return { email: account.email };
  });
}
