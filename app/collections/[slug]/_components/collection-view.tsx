// A collection's page of products in one order: what /collections/[slug] shows, and its sorted and later pages (rewritten from ?sort= and ?page= in next.config.ts).
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { COLLECTION_SORTS, type ListingParams, type ProductSort } from "@/lib/catalog/listing-params";
import { env } from "@/lib/env";
import { cachedCatalogListing, cachedCollection, cachedSettings } from "@/lib/storefront/storefront-cache";
import { EmptyState } from "@/app/_components/empty-state";
import { ListingControls } from "@/app/_components/listing-controls";
import { Pagination } from "@/app/_components/pagination";
import { ProductGrid } from "@/app/_components/product-card";

/** Shared by generateMetadata and the page: one read per render. */
const loadCollection = cache(cachedCollection);

/** The address shoppers see for one order and page (next.config.ts rewrites it to ./sorted/[sort]/[page]). */
function collectionHref(slug: string, sort: ProductSort, page: number): string {
  const search = new URLSearchParams();
  if (sort !== COLLECTION_SORTS[0]) search.set("sort", sort);
  if (page > 1) search.set("page", String(page));
  const text = search.toString();
  return text ? `/collections/${slug}?${text}` : `/collections/${slug}`;
}

/**
 * Every order of a page is the same products reordered, so its canonical address is the owner's
 * order; a later page lists other products and is its own (`?page=2`), as search engines ask of
 * paginated lists. The photo shared is the collection's cover, as the collection list shows it.
 */
export async function collectionMetadata(slug: string, page = 1): Promise<Metadata> {
  const collection = await loadCollection(slug);
  if (!collection) return { title: "Collection not found" };
  const description = collection.description || undefined;
  const path = collectionHref(collection.slug, COLLECTION_SORTS[0], page);
  const images = collection.imageUrl ? [{ url: collection.imageUrl, alt: collection.name }] : [];
  return {
    title: collection.name,
    description,
    metadataBase: new URL(env().APP_URL),
    alternates: { canonical: path },
    openGraph: { type: "website", url: path, title: collection.name, description, images },
    twitter: { card: images.length ? "summary_large_image" : "summary", title: collection.name, description },
  };
}

/**
 * Reads only cached data (tagged catalog and settings) and no request, so each order and page is
 * kept in Next's full-route cache until a save expires it; sold-out marks come from the live read.
 */
export async function CollectionView({ slug, query }: { slug: string; query: Pick<ListingParams, "sort" | "page"> }) {
  const collection = await loadCollection(slug);
  if (!collection) notFound();
  const [settings, listing] = await Promise.all([
    cachedSettings(),
    cachedCatalogListing({ collectionId: collection.id, sort: query.sort, page: query.page }),
  ]);

  const hrefFor = (page: number) => collectionHref(collection.slug, query.sort, page);

  return (
    <main className="mx-auto w-full max-w-6xl px-4 py-8">
      <nav aria-label="Breadcrumb" className="text-sm text-stone-600">
        <ol className="flex flex-wrap gap-1">
          <li>
            <Link href="/collections" className="hover:underline">
              Collections
            </Link>
            <span aria-hidden="true"> /</span>
          </li>
          <li aria-current="page" className="text-stone-900">
            {collection.name}
          </li>
        </ol>
      </nav>
      <div className="mt-2 flex flex-wrap items-end justify-between gap-4">
        <div className="max-w-2xl">
          <h1 className="font-serif text-3xl font-semibold text-brand-900">{collection.name}</h1>
          {collection.description ? <p className="mt-2 text-stone-600">{collection.description}</p> : null}
          <p className="mt-1 text-sm text-stone-600">
            {listing.total} {listing.total === 1 ? "product" : "products"}
          </p>
        </div>
        <ListingControls action={`/collections/${collection.slug}`} sort={query.sort} sorts={COLLECTION_SORTS} />
      </div>
      <div className="mt-6">
        {listing.cards.length > 0 ? (
          <ProductGrid cards={listing.cards} currency={settings.currency} label={`${collection.name} products`} />
        ) : (
          <EmptyState
            title={listing.total > 0 ? "There is no such page" : "Nothing here yet"}
            action={listing.total > 0 ? { href: hrefFor(1), label: "Back to the first page" } : { href: "/products", label: "See all yarn" }}
          >
            {listing.total > 0 ? null : "There are no products in this collection right now."}
          </EmptyState>
        )}
      </div>
      <Pagination page={listing.page} pageCount={listing.pageCount} hrefFor={hrefFor} />
    </main>
  );
}
