import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { cache } from "react";
import { withLiveAvailability } from "@/lib/catalog/get-product";
import { jsonLdText, productJsonLd } from "@/lib/catalog/product-json-ld";
import { cachedActiveProduct, cachedProductUpdateTimes, cachedSettings } from "@/lib/storefront/storefront-cache";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { nowIso } from "@/lib/time";
import { ProductPurchase } from "./_components/product-purchase";

type Props = {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

/**
 * Shared by generateMetadata and the page. The product comes from Next's data cache (expired by
 * every catalog save); its availability is read live on every request. Drafts and archived are null.
 * (No loading.tsx above this page on purpose: its Suspense boundary would send a 200 before
 * notFound() runs, and an unknown product must answer 404.)
 */
const loadProduct = cache(async (slug: string) => {
  const product = await cachedActiveProduct(slug);
  return product ? withLiveAvailability(await db(), product) : null;
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  await connection();
  const product = await loadProduct((await params).slug);
  if (!product) return { title: "Product not found" };
  const description = product.description.slice(0, 160) || undefined;
  const path = `/products/${product.slug}`;
  const images = product.images
    .filter((picture, index, all) => all.findIndex((other) => other.url === picture.url) === index)
    .slice(0, 4)
    .map((picture) => ({ url: picture.url, alt: picture.alt }));
  return {
    title: product.name,
    description,
    metadataBase: new URL(env().APP_URL),
    alternates: { canonical: path },
    openGraph: { type: "website", url: path, title: product.name, description, images },
    twitter: { card: images.length ? "summary_large_image" : "summary", title: product.name, description },
  };
}

export default async function ProductPage({ params, searchParams }: Props) {
  await connection();
  const { slug } = await params;
  const [product, settings, query] = await Promise.all([loadProduct(slug), cachedSettings(), searchParams]);
  if (!product) notFound();
  const updateTimes = await cachedProductUpdateTimes(product.id);
  const structuredData = productJsonLd(product, { currency: settings.currency, url: new URL(`/products/${product.slug}`, env().APP_URL).toString() });

  return (
    <main className="mx-auto w-full max-w-6xl px-4 py-6 sm:py-8">
      {/* Search engines read price and availability from this, as the page shows them now. */}
      <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: jsonLdText(structuredData) }} />
      <nav aria-label="Breadcrumb" className="mb-4 text-sm text-stone-600">
        <ol className="flex flex-wrap gap-1">
          <li>
            <Link href="/products" className="hover:underline">
              Shop
            </Link>
            <span aria-hidden="true"> /</span>
          </li>
          {product.collections[0] ? (
            <li>
              <Link href={`/collections/${product.collections[0].slug}`} className="hover:underline">
                {product.collections[0].name}
              </Link>
              <span aria-hidden="true"> /</span>
            </li>
          ) : null}
          <li aria-current="page" className="text-stone-900">
            {product.name}
          </li>
        </ol>
      </nav>

      {product.variants.length === 0 ? (
        <div>
          <h1 className="font-serif text-3xl font-semibold text-brand-900">{product.name}</h1>
          <p className="mt-3 rounded-lg bg-stone-100 px-4 py-3 text-stone-700">This product is not available to buy right now.</p>
          <p className="mt-6 whitespace-pre-line text-stone-700">{product.description}</p>
        </div>
      ) : (
        <ProductPurchase
          productName={product.name}
          variants={product.variants}
          images={product.images}
          initialVariantId={initialVariantId(product.variants, query.variant)}
          currency={settings.currency}
          lowStockThreshold={settings.lowStockThreshold}
          maxPerItem={settings.maxUnitsPerVariant}
          updateTimes={updateTimes}
          renderedAt={nowIso()}
        >
          <section aria-labelledby="product-description" className="border-t border-stone-200 pt-5">
            <h2 id="product-description" className="text-sm font-semibold uppercase tracking-wide text-stone-600">
              About this yarn
            </h2>
            <p className="mt-2 whitespace-pre-line leading-relaxed text-stone-700">{product.description}</p>
            {product.collections.length > 0 ? (
              <p className="mt-4 text-sm text-stone-600">
                In{" "}
                {product.collections.map((collection, index) => (
                  <span key={collection.slug}>
                    {index > 0 ? ", " : ""}
                    <Link href={`/collections/${collection.slug}`} className="font-medium text-brand-700 hover:underline">
                      {collection.name}
                    </Link>
                  </span>
                ))}
              </p>
            ) : null}
          </section>
        </ProductPurchase>
      )}
    </main>
  );
}

/** `?variant=` from a shared link when it is one of this product's, else the first one in stock. */
function initialVariantId(variants: { id: number; available: number }[], requested: string | string[] | undefined): number {
  const id = Number(Array.isArray(requested) ? requested[0] : requested);
  if (variants.some((variant) => variant.id === id)) return id;
  return (variants.find((variant) => variant.available > 0) ?? variants[0]!).id;
}
