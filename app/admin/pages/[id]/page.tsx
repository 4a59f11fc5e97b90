// /admin/pages/[id] – edit a content page's title, address, visibility and Markdown, with a live preview.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { BackLink } from "@/app/admin/_components/back-link";
import { requireAdmin } from "@/lib/auth/admin";
import { db } from "@/lib/db";
import { getPage } from "@/lib/pages/list-pages";
import { firstValues, type PageSearchParams } from "../../_components/search-params";
import { PageForm } from "../_components/page-form";

export const metadata: Metadata = { title: "Edit page" };

export default async function EditContentPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<PageSearchParams> }) {
  await requireAdmin();
  const id = Number((await params).id);
  if (!Number.isSafeInteger(id) || id <= 0) notFound();
  const { created, saved } = firstValues(await searchParams);
  const page = await getPage(await db(), id);
  if (!page) notFound();
  return (
    <div className="max-w-6xl space-y-6">
      <BackLink href="/admin/pages">← Pages</BackLink>
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <h1 className="font-serif text-2xl font-semibold text-brand-900">{page.title}</h1>
        {page.isPublished ? (
          <Link href={`/pages/${page.slug}`} className="text-sm text-brand-700 underline underline-offset-2">
            View in the shop
          </Link>
        ) : null}
      </div>
      {created || saved ? (
        <p role="status" className="rounded-md border border-green-200 bg-green-50 px-3 py-2 text-sm text-green-900">
          {created ? "Page created." : "Page saved."}
        </p>
      ) : null}
      <PageForm key={page.updatedAt} page={{ id: page.id, title: page.title, slug: page.slug, body: page.body, isPublished: page.isPublished }} />
    </div>
  );
}
