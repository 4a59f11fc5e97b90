// /admin/collections – every collection (hidden ones too) in the order the shop shows them, to reorder or open.
import type { Metadata } from "next";
import Link from "next/link";
import { requireAdmin } from "@/lib/auth/admin";
import { listAdminCollections } from "@/lib/catalog/list-admin-collections";
import { db } from "@/lib/db";
import { firstValues, type PageSearchParams } from "../_components/search-params";
import { CollectionOrderList } from "./_components/collection-order-list";

export const metadata: Metadata = { title: "Collections" };

export default async function AdminCollectionsPage({ searchParams }: { searchParams: Promise<PageSearchParams> }) {
  await requireAdmin();
  const { deleted } = firstValues(await searchParams);
  const collections = await listAdminCollections(await db());

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="font-serif text-2xl font-semibold text-brand-900">Collections</h1>
          <p className="mt-1 max-w-2xl text-sm text-stone-600">
            The shop lists published collections in this order. Hidden ones keep their products but shoppers cannot see them.
          </p>
        </div>
        <Link href="/admin/collections/new" className="rounded-md bg-brand-700 px-4 py-2 text-sm font-medium text-white hover:bg-brand-900">
          New collection
        </Link>
      </div>
      {deleted ? (
        <p role="status" className="rounded-md border border-green-200 bg-green-50 px-3 py-2 text-sm text-green-900">
          Collection deleted. Its products are still in the shop.
        </p>
      ) : null}
      {collections.length === 0 ? (
        <p className="rounded-lg border border-dashed border-stone-300 bg-white p-6 text-stone-700">No collections yet.</p>
      ) : (
        <CollectionOrderList collections={collections} />
      )}
    </div>
  );
}
