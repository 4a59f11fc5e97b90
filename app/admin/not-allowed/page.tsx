// /admin/not-allowed – where a signed-in admin lands when their role cannot open what they asked for.
import type { Metadata } from "next";
import Link from "next/link";
import { requireAdmin } from "@/lib/auth/admin";

export const metadata: Metadata = { title: "Not allowed" };

const ROLE_NAMES = { owner: "an owner", staff: "a staff" } as const;

export default async function AdminNotAllowedPage() {
  const admin = await requireAdmin({ role: "staff" });
  return (
    <div className="max-w-xl space-y-4">
      <h1 className="font-serif text-2xl font-semibold text-brand-900">You cannot open this page</h1>
      <p className="text-stone-800">
        You are signed in with {ROLE_NAMES[admin.role]} account. Staff accounts can see orders, fulfil them, add notes, count and adjust
        stock and read the emails the shop sent; refunds, cancellations, customers, exports, products and the shop&apos;s settings are
        for the shop&apos;s owner.
      </p>
      <p className="text-stone-800">If you need this, ask the owner to do it, or to change what your account may do.</p>
      <p>
        <Link href="/admin" className="font-medium text-brand-700 underline underline-offset-2 focus-visible:outline-2 focus-visible:outline-offset-2">
          Back to the dashboard
        </Link>
      </p>
    </div>
  );
}
