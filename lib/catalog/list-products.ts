// Product cards for listings: active products, filtered, sorted and paged, in five statements per page.
import { and, asc, countDistinct, desc, eq, inArray, min, sql, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db";
import { productCollections, productImages, products, productVariants } from "@/lib/db/schema";
import { getAvailability } from "@/lib/inventory/availability";
import { PRODUCTS_PER_PAGE, type ProductSort } from "./listing-params";

export type ProductCard = {
  id: number;
  slug: string;
  name: string;
  /** The cheapest active variant's price (minor units). */
  fromPrice: number;
  /** True when the active variants do not all cost the same ("from £18.00"). */
  hasPriceRange: boolean;
  /** The cheapest variant's compare-at price when it is higher than its price. */
  compareAtPrice: number | null;
  /** True when no active variant has a unit left to sell. */
  isSoldOut: boolean;
  image: { url: string; alt: string } | null;
};

export type ProductListing = { cards: ProductCard[]; total: number; page: number; pageCount: number; perPage: number };

/** A card as the catalog describes it, without stock: what the storefront may cache. */
export type CatalogCard = Omit<ProductCard, "isSoldOut"> & { variantIds: number[] };

export type CatalogListing = Omit<ProductListing, "cards"> & { cards: CatalogCard[] };

export type ListProductsOptions = {
  collectionId?: number;
  featuredOnly?: boolean;
  /** "featured" is the collection's own order; without a collection it falls back to newest. */
  sort?: ProductSort;
  page?: number;
  perPage?: number;
};

/** Only active products with at least one active variant are ever listed: drafts and archived never show. */
function listableWhere(db: DbOrTx, options: ListProductsOptions): SQL | undefined {
  return and(
    eq(products.status, "active"),
    eq(productVariants.isActive, true),
    options.featuredOnly ? eq(products.isFeatured, true) : undefined,
    options.collectionId === undefined
      ? undefined
      : inArray(
          products.id,
          db.select({ id: productCollections.productId }).from(productCollections).where(eq(productCollections.collectionId, options.collectionId)),
        ),
  );
}

/** Where the owner placed the product in the collection (product_collections.position). */
const positionIn = (collectionId: number) =>
  sql<number>`(SELECT ${productCollections.position} FROM ${productCollections} WHERE ${productCollections.productId} = ${products.id} AND ${productCollections.collectionId} = ${collectionId})`;

export async function listProducts(db: DbOrTx, options: ListProductsOptions = {}): Promise<ProductListing> {
  const listing = await listCatalogProducts(db, options);
  return { ...listing, cards: await withSoldOut(db, listing.cards) };
}

/** A page of cards without stock, in four statements. */
export async function listCatalogProducts(db: DbOrTx, options: ListProductsOptions = {}): Promise<CatalogListing> {
  const perPage = options.perPage ?? PRODUCTS_PER_PAGE;
  const page = Math.max(1, options.page ?? 1);
  const where = listableWhere(db, options);
  // Price sorts use the cheapest active variant, the price the card shows.
  const fromPrice = min(productVariants.price);
  const order =
    options.sort === "price-asc"
      ? [asc(fromPrice), asc(products.id)]
      : options.sort === "price-desc"
        ? [desc(fromPrice), asc(products.id)]
        : options.sort === "featured" && options.collectionId !== undefined
          ? [asc(positionIn(options.collectionId)), asc(products.id)]
          : [desc(products.createdAt), desc(products.id)];

  const [[totals], rows] = await Promise.all([
    db
      .select({ total: countDistinct(products.id) })
      .from(products)
      .innerJoin(productVariants, eq(productVariants.productId, products.id))
      .where(where),
    db
      .select({ id: products.id, slug: products.slug, name: products.name })
      .from(products)
      .innerJoin(productVariants, eq(productVariants.productId, products.id))
      .where(where)
      .groupBy(products.id)
      .orderBy(...order)
      .limit(perPage)
      .offset((page - 1) * perPage),
  ]);
  const total = totals?.total ?? 0;
  const pageCount = Math.max(1, Math.ceil(total / perPage));
  return { cards: await catalogCardsFor(db, rows), total, page, pageCount, perPage };
}

/** Cards for the home page's shelves (featured or newest), without paging. */
export async function listProductCards(db: DbOrTx, options: { featuredOnly?: boolean; limit?: number } = {}): Promise<ProductCard[]> {
  const listing = await listProducts(db, { featuredOnly: options.featuredOnly, perPage: options.limit ?? 8, sort: "newest" });
  return listing.cards;
}

/** Variants, images and availability of a page of products: three statements whatever the page size. */
export async function cardsFor(db: DbOrTx, rows: { id: number; slug: string; name: string }[]): Promise<ProductCard[]> {
  return withSoldOut(db, await catalogCardsFor(db, rows));
}

/** Marks the cards nothing can be bought of, from live availability (one statement for all of them). */
export async function withSoldOut(db: DbOrTx, cards: readonly CatalogCard[]): Promise<ProductCard[]> {
  const availability = await getAvailability(
    db,
    cards.flatMap((card) => card.variantIds),
  );
  return cards.map(({ variantIds, ...card }) => ({ ...card, isSoldOut: variantIds.every((id) => (availability.get(id)?.available ?? 0) === 0) }));
}

/** Variants and images of a page of products, without stock: two statements whatever the page size. */
export async function catalogCardsFor(db: DbOrTx, rows: { id: number; slug: string; name: string }[]): Promise<CatalogCard[]> {
  if (rows.length === 0) return [];
  const productIds = rows.map((row) => row.id);
  const [variants, images] = await Promise.all([
    db
      .select({ id: productVariants.id, productId: productVariants.productId, price: productVariants.price, compareAtPrice: productVariants.compareAtPrice })
      .from(productVariants)
      .where(and(inArray(productVariants.productId, productIds), eq(productVariants.isActive, true)))
      .orderBy(asc(productVariants.position), asc(productVariants.id)),
    db
      .select({ productId: productImages.productId, url: productImages.url, alt: productImages.alt })
      .from(productImages)
      .where(inArray(productImages.productId, productIds))
      .orderBy(asc(productImages.position), asc(productImages.id)),
  ]);
  return rows.map((row) => {
    const own = variants.filter((variant) => variant.productId === row.id);
    const cheapest = own.reduce((best, variant) => (variant.price < best.price ? variant : best), own[0]!);
    const image = images.find((candidate) => candidate.productId === row.id);
    return {
      id: row.id,
      slug: row.slug,
      name: row.name,
      fromPrice: cheapest.price,
      hasPriceRange: own.some((variant) => variant.price !== cheapest.price),
      compareAtPrice: cheapest.compareAtPrice !== null && cheapest.compareAtPrice > cheapest.price ? cheapest.compareAtPrice : null,
      variantIds: own.map((variant) => variant.id),
      image: image ? { url: image.url, alt: image.alt } : null,
    };
  });
}
