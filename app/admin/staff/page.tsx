// /admin/staff – the shop's admin accounts: add staff (with a one-time set-password link), disable, re-enable, delete (owners only).
import type { Metadata } from "next";
import { connection } from "next/server";
import { requireAdmin } from "@/lib/auth/admin";
import { listAccounts } from "@/lib/auth/staff-accounts";
import { env } from "@/lib/env";
import { StaffManager } from "./staff-manager";

export const metadata: Metadata = { title: "Staff" };

export default async function StaffPage() {
  const admin = await requireAdmin();
  await connection();
  const hasClerk = env().hasClerk;
  return (
    <div className="max-w-4xl space-y-6">
      <div>
        <h1 className="font-serif text-2xl font-semibold text-brand-900">Staff</h1>
        <p className="mt-1 text-sm text-stone-600">
          Owners may do everything. Staff see the dashboard and orders, fulfil, add notes, count stock and see emails; they cannot refund, cancel, export or change the shop.
        </p>
      </div>
      {hasClerk ? (
        <p className="rounded-md border border-stone-200 bg-white p-4 text-stone-700">
          This shop signs admins in with Clerk, which manages their accounts: list owners&apos; Clerk user ids in ADMIN_USER_IDS and staff&apos;s in STAFF_USER_IDS.
        </p>
      ) : (
        <StaffManager accounts={await listAccounts()} selfId={admin.userId} />
      )}
    </div>
  );
}
