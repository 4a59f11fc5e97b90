// /admin/account – the signed-in admin's own account: who they are, and changing their password (any role).
import type { Metadata } from "next";
import { connection } from "next/server";
import { requireAdmin } from "@/lib/auth/admin";
import { env } from "@/lib/env";
import { ChangePasswordForm } from "./change-password-form";

export const metadata: Metadata = { title: "My account" };

export default async function AccountPage() {
  const admin = await requireAdmin({ role: "staff" });
  await connection();
  return (
    <div className="max-w-xl space-y-6">
      <div>
        <h1 className="font-serif text-2xl font-semibold text-brand-900">My account</h1>
        <p className="mt-1 text-sm text-stone-600">
          Signed in as {admin.label} ({admin.role}).
        </p>
      </div>
      {env().hasClerk ? (
        <p className="rounded-md border border-stone-200 bg-white p-4 text-stone-700">This shop signs admins in with Clerk: change your password in your Clerk account.</p>
      ) : (
        <section aria-labelledby="change-password" className="rounded-lg border border-stone-200 bg-white p-4 sm:p-6">
          <h2 id="change-password" className="text-lg font-semibold text-stone-900">
            Change password
          </h2>
          <p className="mt-1 text-sm text-stone-600">Every other browser signed in to this account is signed out; this one stays signed in.</p>
          <ChangePasswordForm />
        </section>
      )}
    </div>
  );
}
