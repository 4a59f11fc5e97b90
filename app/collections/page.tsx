import type { Metadata } from "next";
import Link from "next/link";
import { cachedCollections } from "@/lib/storefront/storefront-cache";
import { EmptyState } from "../_components/empty-state";
import { ProductImage } from "../_components/product-image";

export const metadata: Metadata = { title: "Collections" };

/** Cached reads only (the catalog tag), no request. */
export default async function CollectionsPage() {
  const collections = await cachedCollections({});
  return (
    <main className="mx-auto w-full max-w-6xl px-4 py-8">
      <h1 className="font-serif text-3xl font-semibold text-brand-900">Collections</h1>
      {collections.length === 0 ? (
        <div className="mt-6">
          <EmptyState title="No collections yet" action={{ href: "/products", label: "See all yarn" }} />
        </div>
      ) : (
        <ul className="mt-6 grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
          {collections.map((collection) => (
            <li key={collection.id} className="relative overflow-hidden rounded-xl border border-stone-200 bg-white shadow-sm hover:shadow-md">
              <ProductImage image={collection.imageUrl ? { url: collection.imageUrl, alt: "" } : null} className="aspect-[2/1] w-full" />
              <div className="p-4">
                <h2 className="font-medium text-stone-900">
                  <Link href={`/collections/${collection.slug}`} className="after:absolute after:inset-0 after:content-['']">
                    {collection.name}
                  </Link>
                </h2>
                <p className="mt-1 text-sm text-stone-600">{collection.description}</p>
                <p className="mt-2 text-xs font-semibold uppercase tracking-wide text-stone-500">
                  {collection.productCount} {collection.productCount === 1 ? "product" : "products"}
                </p>
              </div>
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
