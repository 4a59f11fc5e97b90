// /admin/collections/[id] – edit a collection and the order of its products, or delete it (its products stay).
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireAdmin } from "@/lib/auth/admin";
import { getCollectionForEdit } from "@/lib/catalog/list-admin-collections";
import { db } from "@/lib/db";
import { BackLink } from "@/app/admin/_components/back-link";
import { ConfirmActionButton } from "@/app/admin/_components/confirm-action-button";
import { firstValues, type PageSearchParams } from "../../_components/search-params";
import { CollectionForm } from "../_components/collection-form";

export const metadata: Metadata = { title: "Edit collection" };

function deleteMessage(productCount: number): string {
  if (productCount === 0) return "It holds no products. This cannot be undone.";
  const products = productCount === 1 ? "Its 1 product stays" : `Its ${productCount} products stay`;
  return `${products} in the shop and in any other collection; only this collection and its order are removed. This cannot be undone.`;
}

export default async function EditCollectionPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<PageSearchParams> }) {
  await requireAdmin();
  const id = Number((await params).id);
  if (!Number.isSafeInteger(id) || id <= 0) notFound();
  const { created, saved } = firstValues(await searchParams);
  const collection = await getCollectionForEdit(await db(), id);
  if (!collection) notFound();
  return (
    <div className="max-w-4xl space-y-6">
      <BackLink href="/admin/collections">← Collections</BackLink>
      <div className="flex flex-wrap items-baseline justify-between gap-3">
        <h1 className="font-serif text-2xl font-semibold text-brand-900">{collection.name}</h1>
        <div className="flex flex-wrap items-baseline gap-4">
          {collection.isPublished ? (
            <Link href={`/collections/${collection.slug}`} className="text-sm text-brand-700 underline underline-offset-2">
              View in the shop
            </Link>
          ) : (
            <span className="rounded-full bg-stone-200 px-2 py-0.5 text-xs font-medium text-stone-800">Hidden</span>
          )}
          <ConfirmActionButton
            label="Delete collection"
            accessibleLabel={`Delete ${collection.name}`}
            title={`Delete ${collection.name}?`}
            message={deleteMessage(collection.products.length)}
            confirmLabel="Delete collection"
            url={`/api/admin/collections/${collection.id}`}
            method="DELETE"
            redirectTo="/admin/collections?deleted=1"
          />
        </div>
      </div>
      {created || saved ? (
        <p role="status" className="rounded-md border border-green-200 bg-green-50 px-3 py-2 text-sm text-green-900">
          {created ? "Collection created." : "Collection saved."}
        </p>
      ) : null}
      {/* Remounted after each save, so the form shows what was stored. */}
      <CollectionForm key={collection.updatedAt} collection={collection} />
    </div>
  );
}
