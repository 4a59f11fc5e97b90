// Everything the product page shows, for active products only, in five statements.
import { and, asc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db";
import { collections, productCollections, productImages, products, productVariants } from "@/lib/db/schema";
import { getAvailability } from "@/lib/inventory/availability";

export type ProductVariantView = {
  id: number;
  name: string;
  sku: string;
  options: Record<string, string>;
  price: number;
  compareAtPrice: number | null;
  weightGrams: number;
  /** Stock minus active reservations, read at request time. */
  available: number;
};

export type ProductImageView = { id: number; url: string; alt: string; variantId: number | null };

export type ProductDetail = {
  id: number;
  slug: string;
  name: string;
  description: string;
  variants: ProductVariantView[];
  images: ProductImageView[];
  collections: { slug: string; name: string }[];
};

/** The product as the catalog describes it, without stock: what the storefront may cache. */
export type ProductCatalogDetail = Omit<ProductDetail, "variants"> & { variants: Omit<ProductVariantView, "available">[] };

/** Null for an unknown slug and for draft or archived products: the page answers 404 for all three. */
export async function getActiveProduct(db: DbOrTx, slug: string): Promise<ProductDetail | null> {
  const product = await getActiveProductCatalog(db, slug);
  return product ? withLiveAvailability(db, product) : null;
}

/** Joins what can be bought right now (one statement) to a product that may come from the cache. */
export async function withLiveAvailability(db: DbOrTx, product: ProductCatalogDetail): Promise<ProductDetail> {
  const availability = await getAvailability(
    db,
    product.variants.map((variant) => variant.id),
  );
  return { ...product, variants: product.variants.map((variant) => ({ ...variant, available: availability.get(variant.id)?.available ?? 0 })) };
}

/** Everything but stock, in four statements; null for unknown, draft and archived products. */
export async function getActiveProductCatalog(db: DbOrTx, slug: string): Promise<ProductCatalogDetail | null> {
  const [product] = await db
    .select({ id: products.id, slug: products.slug, name: products.name, description: products.description })
    .from(products)
    .where(and(eq(products.slug, slug), eq(products.status, "active")))
    .limit(1);
  if (!product) return null;

  const [variants, images, productCollectionRows] = await Promise.all([
    db
      .select({
        id: productVariants.id,
        name: productVariants.name,
        sku: productVariants.sku,
        options: productVariants.options,
        price: productVariants.price,
        compareAtPrice: productVariants.compareAtPrice,
        weightGrams: productVariants.weightGrams,
      })
      .from(productVariants)
      .where(and(eq(productVariants.productId, product.id), eq(productVariants.isActive, true)))
      .orderBy(asc(productVariants.position), asc(productVariants.id)),
    db
      .select({ id: productImages.id, url: productImages.url, alt: productImages.alt, variantId: productImages.variantId })
      .from(productImages)
      .where(eq(productImages.productId, product.id))
      .orderBy(asc(productImages.position), asc(productImages.id)),
    db
      .select({ slug: collections.slug, name: collections.name })
      .from(productCollections)
      .innerJoin(collections, and(eq(collections.id, productCollections.collectionId), eq(collections.isPublished, true)))
      .where(eq(productCollections.productId, product.id))
      .orderBy(asc(collections.position), asc(collections.id)),
  ]);
  return {
    ...product,
    variants: variants.map((variant) => ({ ...variant, options: variant.options ?? {} })),
    images,
    collections: productCollectionRows,
  };
}
