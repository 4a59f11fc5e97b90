// The admin_accounts table's reads and writers: the built-in login's people (owner and staff).
import { randomBytes } from "node:crypto";
import { and, asc, count, eq, isNull } from "drizzle-orm";
import type { DbOrTx, Tx } from "@/lib/db";
import { adminAccounts, adminAccountTokens, type AdminRole } from "@/lib/db/schema";
import { nowIso } from "@/lib/time";

export type AdminAccountRow = typeof adminAccounts.$inferSelect;

/** What the admin shows of an account: never its password hash. */
export type AdminAccount = {
  id: string;
  email: string;
  name: string;
  role: AdminRole;
  disabled: boolean;
  /** False until a new staff member has set their password through their link. */
  hasPassword: boolean;
  lastSignInAt: string | null;
  createdAt: string;
};

export function publicAccount(row: AdminAccountRow): AdminAccount {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    disabled: row.disabledAt !== null,
    hasPassword: row.passwordHash !== null,
    lastSignInAt: row.lastSignInAt,
    createdAt: row.createdAt,
  };
}

/** The audit log's and order events' name for what an account did. */
export function accountActor(account: { id: string; email: string }): string {
  return `admin:${account.id} (${account.email})`;
}

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

export async function accountById(db: DbOrTx, id: string): Promise<AdminAccountRow | null> {
  const [row] = await db.select().from(adminAccounts).where(eq(adminAccounts.id, id)).limit(1);
  return row ?? null;
}

export async function accountByEmail(db: DbOrTx, email: string): Promise<AdminAccountRow | null> {
  const [row] = await db.select().from(adminAccounts).where(eq(adminAccounts.email, normaliseEmail(email))).limit(1);
  return row ?? null;
}

/**
 * Up to two accounts: enough to tell "none" (the first sign-in makes the owner), "exactly one"
 * (`{ password }` alone signs it in) and "several", without counting a table.
 */
export async function firstTwoAccounts(db: DbOrTx): Promise<AdminAccountRow[]> {
  return db.select().from(adminAccounts).orderBy(asc(adminAccounts.createdAt), asc(adminAccounts.id)).limit(2);
}

export async function hasAnyAccount(db: DbOrTx): Promise<boolean> {
  const [row] = await db.select({ id: adminAccounts.id }).from(adminAccounts).limit(1);
  return row !== undefined;
}

export async function listAccountRows(db: DbOrTx): Promise<AdminAccountRow[]> {
  return db.select().from(adminAccounts).orderBy(asc(adminAccounts.createdAt), asc(adminAccounts.email));
}

/** Owners who can still sign in: the shop must always keep at least one. */
export async function enabledOwnerCount(db: DbOrTx): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(adminAccounts)
    .where(and(eq(adminAccounts.role, "owner"), isNull(adminAccounts.disabledAt)));
  return row?.n ?? 0;
}

export const newAccountId = () => `acct_${randomBytes(12).toString("base64url")}`;

export async function insertAccount(
  tx: Tx,
  values: { id?: string; email: string; name: string; role: AdminRole; passwordHash: string | null },
): Promise<AdminAccountRow> {
  const [row] = await tx
    .insert(adminAccounts)
    .values({ id: values.id ?? newAccountId(), email: normaliseEmail(values.email), name: values.name.trim(), role: values.role, passwordHash: values.passwordHash })
    .returning();
  return row!;
}

export async function updateAccountRow(
  tx: Tx,
  id: string,
  changes: Partial<Pick<AdminAccountRow, "name" | "role" | "passwordHash" | "disabledAt" | "lastSignInAt" | "mustChangePassword">>,
): Promise<AdminAccountRow | null> {
  const [row] = await tx
    .update(adminAccounts)
    .set({ ...changes, updatedAt: nowIso() })
    .where(eq(adminAccounts.id, id))
    .returning();
  return row ?? null;
}

export async function deleteAccountRow(tx: Tx, id: string): Promise<void> {
  // Its links go with it even where the connection runs without foreign-key enforcement.
  await tx.delete(adminAccountTokens).where(eq(adminAccountTokens.accountId, id));
  await tx.delete(adminAccounts).where(eq(adminAccounts.id, id));
}

/** Used by the session read: the account and whether the session was ended, in one statement. */
export const accountColumns = {
  id: adminAccounts.id,
  email: adminAccounts.email,
  name: adminAccounts.name,
  role: adminAccounts.role,
  passwordHash: adminAccounts.passwordHash,
  disabledAt: adminAccounts.disabledAt,
};
