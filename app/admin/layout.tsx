// The admin's layout: the shell for an admin, the bare page otherwise (the sign-in page, or a refusal in progress).
import type { Metadata } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { getAdminAccess } from "@/lib/auth/admin";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { getSettings } from "@/lib/settings";
import { AdminShell } from "./_components/admin-shell";

export const metadata: Metadata = {
  title: { default: "Admin", template: "%s · Admin" },
  robots: { index: false, follow: false },
};

/**
 * The layout decides only how the page is framed, never whether it is shown: every page calls
 * requireAdmin() itself (layouts do not re-run on every navigation, so they cannot be the lock).
 */
export default async function AdminLayout({ children }: { children: ReactNode }) {
  await connection(); // per request, never at build time: it reads the session and the database
  const config = env();
  const [access, settings] = await Promise.all([getAdminAccess(), db().then(getSettings)]);
  const page = access.allowed ? (
    <AdminShell admin={access.admin} storeName={settings.storeName}>
      {children}
    </AdminShell>
  ) : (
    children
  );
  if (!config.hasClerk) return page;
  // Only a store with Clerk keys loads Clerk at all.
  const { ClerkProvider } = await import("@clerk/nextjs");
  return <ClerkProvider publishableKey={config.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY}>{page}</ClerkProvider>;
}
