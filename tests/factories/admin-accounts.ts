// Test helper: admin accounts beside the test owner (staff, a second owner), and an empty accounts table.
import { deleteAccountRow, insertAccount, listAccountRows, type AdminAccountRow } from "@/lib/auth/admin-accounts";
import { hashPassword } from "@/lib/auth/password-hash";
import { writeTransaction } from "@/lib/db";
import type { AdminRole } from "@/lib/db/schema";
import { TEST_OWNER_ACCOUNT } from "./admin-env";
import { ownerSessionToken } from "./admin-requests";

let counter = 0;

export async function createAdminAccount(
  values: { email?: string; name?: string; role?: AdminRole; password?: string | null } = {},
): Promise<AdminAccountRow & { cookieToken: () => string }> {
  counter += 1;
  const password = values.password === undefined ? `staff password number ${counter}` : values.password;
  const passwordHash = password === null ? null : await hashPassword(password);
  const row = await writeTransaction((tx) =>
    insertAccount(tx, { email: values.email ?? `staff${counter}@example.com`, name: values.name ?? `Staff ${counter}`, role: values.role ?? "staff", passwordHash }),
  );
  return { ...row, cookieToken: () => ownerSessionToken(Date.now(), { id: row.id, passwordHash: row.passwordHash! }) };
}

/** The test database as tests/setup/database.ts left it: the test owner and no one else. */
export async function resetAdminAccounts(): Promise<void> {
  await removeAllAdminAccounts();
  await writeTransaction((tx) => insertAccount(tx, TEST_OWNER_ACCOUNT));
}

/** A shop before its first sign-in. */
export async function removeAllAdminAccounts(): Promise<void> {
  await writeTransaction(async (tx) => {
    for (const row of await listAccountRows(tx)) await deleteAccountRow(tx, row.id);
  });
}
