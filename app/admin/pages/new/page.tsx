// /admin/pages/new – write a new content page in Markdown with a live preview.
import type { Metadata } from "next";
import { BackLink } from "@/app/admin/_components/back-link";
import { requireAdmin } from "@/lib/auth/admin";
import { PageForm } from "../_components/page-form";

export const metadata: Metadata = { title: "New page" };

export default async function NewContentPage() {
  await requireAdmin();
  return (
    <div className="max-w-6xl space-y-6">
      <BackLink href="/admin/pages">← Pages</BackLink>
      <h1 className="font-serif text-2xl font-semibold text-brand-900">New page</h1>
      <PageForm />
    </div>
  );
}
