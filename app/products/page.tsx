import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { getCollectionBySlug, listCollections } from "@/lib/catalog/list-collections";
import { listProducts } from "@/lib/catalog/list-products";
import { parseListingParams } from "@/lib/catalog/listing-params";
import { db } from "@/lib/db";
import { getSettings } from "@/lib/settings";
import { EmptyState } from "../_components/empty-state";
import { ListingControls } from "../_components/listing-controls";
import { Pagination } from "../_components/pagination";
import { ProductGrid } from "../_components/product-card";

export const metadata: Metadata = { title: "Shop all yarn" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ProductsPage({ searchParams }: Props) {
  await connection();
  const params = parseListingParams(await searchParams);
  const read = await db();
  const [settings, collections, collection] = await Promise.all([
    getSettings(read),
    listCollections(read),
    params.collection ? getCollectionBySlug(read, params.collection) : Promise.resolve(null),
  ]);
  // A link to a collection that was removed is a dead link, not "everything".
  if (params.collection && !collection) notFound();
  const listing = await listProducts(read, { collectionId: collection?.id, sort: params.sort, page: params.page });

  const hrefFor = (page: number) => {
    const query = new URLSearchParams();
    if (collection) query.set("collection", collection.slug);
    if (params.sort !== "newest") query.set("sort", params.sort);
    if (page > 1) query.set("page", String(page));
    const text = query.toString();
    return text ? `/products?${text}` : "/products";
  };

  return (
    <main className="mx-auto w-full max-w-6xl px-4 py-8">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="font-serif text-3xl font-semibold text-brand-900">{collection ? collection.name : "Shop all yarn"}</h1>
          <p className="mt-1 text-sm text-stone-600" aria-live="polite">
            {listing.total} {listing.total === 1 ? "product" : "products"}
            {listing.pageCount > 1 ? ` · page ${listing.page} of ${listing.pageCount}` : ""}
          </p>
        </div>
        <ListingControls action="/products" sort={params.sort} collections={collections} collection={collection?.slug} />
      </div>

      <div className="mt-6">
        {listing.cards.length > 0 ? (
          <ProductGrid cards={listing.cards} currency={settings.currency} label="Products" />
        ) : listing.total > 0 ? (
          <EmptyState title="There is no such page" action={{ href: hrefFor(1), label: "Back to the first page" }}>
            This listing has {listing.pageCount} {listing.pageCount === 1 ? "page" : "pages"}.
          </EmptyState>
        ) : (
          <EmptyState title="Nothing here yet" action={{ href: "/products", label: "See all yarn" }}>
            There are no products on sale in this collection right now.
          </EmptyState>
        )}
      </div>
      <Pagination page={listing.page} pageCount={listing.pageCount} hrefFor={hrefFor} />
    </main>
  );
}
