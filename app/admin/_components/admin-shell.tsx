// The frame around every signed-in admin page: store name, the section menu, identity and sign-out.
import Link from "next/link";
import type { ReactNode } from "react";
import type { AdminIdentity } from "@/lib/auth/identity";
import { canOpenAdminPage } from "@/lib/auth/staff-permissions";
import { AccountControls } from "./account-controls";
import { AdminNav } from "./admin-nav";
import { ADMIN_SECTIONS } from "./admin-sections";

export function AdminShell({ admin, storeName, children }: { admin: AdminIdentity; storeName: string; children: ReactNode }) {
  const account = <AccountControls admin={admin} />;
  // A menu entry staff cannot open would only lead to the not-allowed page.
  const sections = ADMIN_SECTIONS.filter((section) => canOpenAdminPage(admin.role, section.href));
  return (
    <div className="min-h-screen md:grid md:grid-cols-[14rem_minmax(0,1fr)]">
      <a
        href="#admin-main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-30 focus:rounded focus:bg-white focus:px-3 focus:py-2"
      >
        Skip to content
      </a>
      <header className="relative flex items-center justify-between gap-3 border-b border-stone-200 bg-white px-4 py-3 md:sticky md:top-0 md:flex md:h-screen md:overflow-y-auto md:flex-col md:items-stretch md:justify-start md:border-b-0 md:border-r md:px-3 md:py-5">
        <div className="min-w-0 md:px-3">
          <Link href="/admin" className="block truncate font-serif text-lg font-semibold text-brand-900">
            {storeName}
          </Link>
          <p className="text-xs uppercase tracking-wide text-stone-500">Admin</p>
        </div>
        <AdminNav sections={sections} footer={account} />
        <div className="mt-auto hidden space-y-3 md:block md:px-3">
          {account}
          <Link href="/" className="block text-sm text-brand-700 underline underline-offset-2">
            View the shop
          </Link>
        </div>
      </header>
      <main id="admin-main" className="min-w-0 px-4 py-6 md:px-8 md:py-8">
        {children}
      </main>
    </div>
  );
}
