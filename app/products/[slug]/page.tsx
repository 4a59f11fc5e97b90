import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { getAvailability } from "@/lib/inventory/availability";
import { jsonLdText, productJsonLd } from "@/lib/catalog/product-json-ld";
import { cachedActiveProduct, cachedProductUpdateTimes, cachedSettings } from "@/lib/storefront/storefront-cache";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { nowIso } from "@/lib/time";
import { ProductPurchase } from "./_components/product-purchase";

type Props = { params: Promise<{ slug: string }> };

/**
 * Kept in Next's full-route cache: rendered on a product's first request (none at build, when the
 * shop's database may not exist yet) and again after a save expires the catalog or settings tag
 * its cached reads carry (lib/cache/cache-tags.ts), never on a timer. The page reads no request
 * (no cookie, no `?variant=`): stock, the selected colourway and the cart come in the browser.
 */
export const dynamicParams = true;

export function generateStaticParams(): { slug: string }[] {
  return [];
}

/**
 * Shared by generateMetadata and the page; drafts and archived are null. (No loading.tsx above this
 * page on purpose: its Suspense boundary would send a 200 before notFound() runs, and an unknown
 * product must answer 404.)
 */
const loadProduct = cache(cachedActiveProduct);

export async function generateMetadata({ params }: Props): Promise<Metadata> {
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

export default async function ProductPage({ params }: Props) {
  const { slug } = await params;
  const [product, settings] = await Promise.all([loadProduct(slug), cachedSettings()]);
  if (!product) notFound();
  const updateTimes = await cachedProductUpdateTimes(product.id);
  // Search engines get "in stock" while units are on the shelf when the page was rendered; holds
  // come and go by the minute and are left out. What a shopper sees is read live in the browser.
  const shelf = await getAvailability(
    await db(),
    product.variants.map((variant) => variant.id),
  );
  const structuredData = productJsonLd(
    { ...product, variants: product.variants.map((variant) => ({ ...variant, available: shelf.get(variant.id)?.stock ?? 0 })) },
    { currency: settings.currency, url: new URL(`/products/${product.slug}`, env().APP_URL).toString() },
  );

  return (
    <main className="mx-auto w-full max-w-6xl px-4 py-6 sm:py-8">
      {/* Search engines read price and availability from this. */}
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
