// /admin/collections/new – create a collection with its products in order.
import type { Metadata } from "next";
import { requireAdmin } from "@/lib/auth/admin";
import { BackLink } from "@/app/admin/_components/back-link";
import { CollectionForm } from "../_components/collection-form";

export const metadata: Metadata = { title: "New collection" };

export default async function NewCollectionPage() {
  await requireAdmin();
  return (
    <div className="max-w-4xl space-y-6">
      <BackLink href="/admin/collections">← Collections</BackLink>
      <h1 className="font-serif text-2xl font-semibold text-brand-900">New collection</h1>
      <CollectionForm />
    </div>
  );
}
