// /admin/pages – the shop's content pages (About, Terms…) in footer order: open, reorder, delete.
import type { Metadata } from "next";
import Link from "next/link";
import { requireAdmin } from "@/lib/auth/admin";
import { db } from "@/lib/db";
import { listPages } from "@/lib/pages/list-pages";
import { PageList } from "./_components/page-list";

export const metadata: Metadata = { title: "Pages" };

export default async function AdminPagesPage() {
  await requireAdmin();
  const pages = await listPages(await db());
  return (
    <div className="max-w-4xl space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="font-serif text-2xl font-semibold text-brand-900">Pages</h1>
          <p className="mt-1 text-sm text-stone-600">Pages written in Markdown. Published pages are linked in the shop&apos;s footer in this order.</p>
        </div>
        <Link href="/admin/pages/new" className="rounded-md bg-brand-700 px-4 py-2 text-sm font-medium text-white hover:bg-brand-900">
          New page
        </Link>
      </div>
      {pages.length === 0 ? (
        <p className="rounded-lg border border-dashed border-stone-300 bg-white p-6 text-stone-700">No pages yet.</p>
      ) : (
        <PageList pages={pages.map((page) => ({ id: page.id, slug: page.slug, title: page.title, isPublished: page.isPublished }))} />
      )}
    </div>
  );
}
