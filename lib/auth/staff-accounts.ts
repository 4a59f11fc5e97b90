// The owner's management of admin accounts: list, add (with a one-time set-password link), change, disable, delete.
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record-audit";
import { db, isConstraintError, writeTransaction, type Tx } from "@/lib/db";
import { ADMIN_ROLES } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { nowIso } from "@/lib/time";
import { AppError, notFound } from "@/lib/app-error";
import {
  accountByEmail,
  accountById,
  deleteAccountRow,
  enabledOwnerCount,
  insertAccount,
  listAccountRows,
  publicAccount,
  updateAccountRow,
  type AdminAccount,
  type AdminAccountRow,
} from "./admin-accounts";
import { createSetPasswordLink, setPasswordUrl } from "./account-links";
import type { AdminIdentity } from "./identity";

export const newAccountInput = z.object({
  email: z.email("Enter an email address.").trim().toLowerCase().max(254),
  name: z.string().trim().min(1, "Enter a name.").max(120),
  role: z.enum(ADMIN_ROLES).default("staff"),
});

export const accountChangeInput = z
  .object({
    name: z.string().trim().min(1, "Enter a name.").max(120).optional(),
    role: z.enum(ADMIN_ROLES).optional(),
    disabled: z.boolean().optional(),
  })
  .refine((input) => Object.values(input).some((value) => value !== undefined), "Nothing to change.");

/** With Clerk the owner may still ask, but the built-in accounts are not how this shop signs in: 409, not 403. */
function builtInLoginOnly() {
  if (env().hasClerk) throw new AppError("conflict", "Clerk manages sign-in for this shop: add staff in Clerk and list them in STAFF_USER_IDS.");
}

/** The built-in login's accounts; none with Clerk, whose users are listed in ADMIN_USER_IDS / STAFF_USER_IDS. */
export async function listAccounts(): Promise<AdminAccount[]> {
  if (env().hasClerk) return [];
  return (await listAccountRows(await db())).map(publicAccount);
}

/** The shop is never left without an owner who can sign in. */
async function assertAnotherOwnerRemains(tx: Tx, account: AdminAccountRow, what: string): Promise<void> {
  if (account.role !== "owner" || account.disabledAt !== null) return;
  if ((await enabledOwnerCount(tx)) <= 1) throw new AppError("conflict", `The shop's last owner cannot be ${what}: make another owner first.`);
}

/** Adds an account without a password; its set-password link is in the answer, once, and nowhere else. */
export async function createAccount(
  input: z.infer<typeof newAccountInput>,
  admin: AdminIdentity,
): Promise<{ account: AdminAccount; setPasswordUrl: string; expiresAt: string }> {
  builtInLoginOnly();
  const config = env();
  try {
    return await writeTransaction(async (tx) => {
      if (await accountByEmail(tx, input.email)) throw duplicateEmail();
      const row = await insertAccount(tx, { email: input.email, name: input.name, role: input.role, passwordHash: null });
      const link = await createSetPasswordLink(tx, row.id, new Date());
      await recordAudit(tx, { actor: admin.actor, action: "account.created", entityType: "admin_account", entityId: row.id, data: { email: row.email, role: row.role } });
      return { account: publicAccount(row), setPasswordUrl: setPasswordUrl(config.APP_URL, link.token), expiresAt: link.expiresAt };
    });
  } catch (error) {
    if (isConstraintError(error, "UNIQUE")) throw duplicateEmail();
    throw error;
  }
}

const duplicateEmail = () => new AppError("conflict", "An account with this email already exists.");

/** Renames, changes the role, disables (its sessions end at their next request) or re-enables. */
export async function changeAccount(id: string, input: z.infer<typeof accountChangeInput>, admin: AdminIdentity): Promise<AdminAccount> {
  builtInLoginOnly();
  return writeTransaction(async (tx) => {
    const account = await accountById(tx, id);
    if (!account) throw notFound("The account");
    if (input.role === "staff") await assertAnotherOwnerRemains(tx, account, "made staff");
    if (input.disabled === true) await assertAnotherOwnerRemains(tx, account, "disabled");
    const disabledAt = input.disabled === undefined ? undefined : input.disabled ? (account.disabledAt ?? nowIso()) : null;
    const changed = (await updateAccountRow(tx, id, {
      ...(input.name === undefined ? {} : { name: input.name }),
      ...(input.role === undefined ? {} : { role: input.role }),
      ...(disabledAt === undefined ? {} : { disabledAt }),
    }))!;
    const action = input.disabled === true ? "account.disabled" : input.disabled === false ? "account.enabled" : "account.updated";
    await recordAudit(tx, {
      actor: admin.actor,
      action,
      entityType: "admin_account",
      entityId: id,
      data: { email: account.email, from: { name: account.name, role: account.role, disabled: account.disabledAt !== null }, to: { name: changed.name, role: changed.role, disabled: changed.disabledAt !== null } },
    });
    return publicAccount(changed);
  });
}

export async function deleteAccount(id: string, admin: AdminIdentity): Promise<void> {
  builtInLoginOnly();
  await writeTransaction(async (tx) => {
    const account = await accountById(tx, id);
    if (!account) throw notFound("The account");
    await assertAnotherOwnerRemains(tx, account, "deleted");
    await deleteAccountRow(tx, id);
    await recordAudit(tx, { actor: admin.actor, action: "account.deleted", entityType: "admin_account", entityId: id, data: { email: account.email, role: account.role } });
  });
}
