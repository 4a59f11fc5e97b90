// The home page: the hero, featured collections, favourites and what is new.
import Link from "next/link";
import { cachedCatalogListing, cachedCollections, cachedSettings } from "@/lib/storefront/storefront-cache";
import { EmptyState } from "./empty-state";
import { ProductGrid } from "./product-card";
import { ProductImage } from "./product-image";

/**
 * The home page's content (served at "/" through app/home/[view]). Cached reads only (tagged catalog
 * and settings), no request: sold-out marks come from the page's live read.
 */
export async function HomeView() {
  const [settings, featuredListing, newestListing, collections] = await Promise.all([
    cachedSettings(),
    cachedCatalogListing({ featuredOnly: true, perPage: 8, sort: "newest" }),
    cachedCatalogListing({ perPage: 4, sort: "newest" }),
    cachedCollections({ featuredOnly: true }),
  ]);
  const [featured, newest] = [featuredListing.cards, newestListing.cards];
  const hasProducts = featured.length > 0 || newest.length > 0;

  return (
    <main className="mx-auto w-full max-w-6xl px-4 pb-10">
      <section className="mt-6 overflow-hidden rounded-2xl bg-brand-900 px-6 py-10 text-white sm:px-10 sm:py-14">
        <p className="text-sm font-semibold uppercase tracking-widest text-brand-100">Small-batch, hand-dyed</p>
        <h1 className="mt-2 max-w-xl font-serif text-3xl font-semibold leading-tight sm:text-4xl">{settings.homeHeading.trim() || settings.storeName}</h1>
        {settings.homeText.trim() ? <p className="mt-3 max-w-xl whitespace-pre-line text-brand-100">{settings.homeText}</p> : null}
        <Link
          href="/products"
          className="mt-6 inline-flex rounded-full bg-white px-5 py-2.5 text-sm font-semibold text-brand-900 hover:bg-brand-100"
        >
          Shop all yarn
        </Link>
      </section>

      {!hasProducts ? (
        <div className="mt-10">
          <EmptyState title="The shelves are being restocked">No products are on sale yet. Please check back soon.</EmptyState>
        </div>
      ) : null}

      {collections.length > 0 ? (
        <section aria-labelledby="home-collections" className="mt-12">
          <div className="flex items-baseline justify-between gap-4">
            <h2 id="home-collections" className="font-serif text-2xl font-semibold text-brand-900">
              Collections
            </h2>
            <Link href="/collections" className="text-sm font-medium text-brand-700 hover:underline">
              All collections
            </Link>
          </div>
          <ul className="mt-4 grid gap-3 sm:grid-cols-3 sm:gap-4">
            {collections.map((collection) => (
              <li key={collection.id} className="relative overflow-hidden rounded-xl border border-stone-200 bg-white shadow-sm hover:shadow-md">
                <ProductImage
                  image={collection.imageUrl ? { url: collection.imageUrl, alt: "" } : null}
                  className="aspect-[3/1] w-full sm:aspect-[2/1]"
                  sizes="(min-width: 640px) 33vw, 100vw"
                />
                <div className="p-4">
                  <h3 className="font-medium text-stone-900">
                    <Link href={`/collections/${collection.slug}`} className="after:absolute after:inset-0 after:content-['']">
                      {collection.name}
                    </Link>
                  </h3>
                  <p className="mt-1 text-sm text-stone-600">{collection.description}</p>
                </div>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {featured.length > 0 ? (
        <section aria-labelledby="home-featured" className="mt-12">
          <h2 id="home-featured" className="font-serif text-2xl font-semibold text-brand-900">
            Favourites
          </h2>
          <div className="mt-4">
            <ProductGrid cards={featured} currency={settings.currency} label="Favourite products" />
          </div>
        </section>
      ) : null}

      {newest.length > 0 ? (
        <section aria-labelledby="home-newest" className="mt-12">
          <div className="flex items-baseline justify-between gap-4">
            <h2 id="home-newest" className="font-serif text-2xl font-semibold text-brand-900">
              New in
            </h2>
            <Link href="/products?sort=newest" className="text-sm font-medium text-brand-700 hover:underline">
              See everything
            </Link>
          </div>
          <div className="mt-4">
            <ProductGrid cards={newest} currency={settings.currency} label="New products" />
          </div>
        </section>
      ) : null}
    </main>
  );
}
