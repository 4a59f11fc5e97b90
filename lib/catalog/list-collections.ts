// Published collections for navigation and the home page, in the owner's order, with how many active
// products each lists. A hidden collection is neither listed nor served.
import { and, asc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db";
import { collections, productCollections, products } from "@/lib/db/schema";

export type CollectionSummary = {
  id: number;
  slug: string;
  name: string;
  description: string;
  imageUrl: string | null;
  productCount: number;
};

const activeProductCount = sql<number>`count(${products.id})`;

/**
 * The collection's own image, else the first image of its first active product (the seed sets none).
 * The outer row is named in full: drizzle leaves columns unqualified in a query without a join, and a
 * bare `id` inside the subquery would be ambiguous.
 */
const coverImageUrl = sql<string | null>`coalesce("collections"."image_url", (
  SELECT pi.url FROM product_images pi
  JOIN product_collections pc ON pc.product_id = pi.product_id
  JOIN products p ON p.id = pi.product_id
  WHERE pc.collection_id = "collections"."id" AND p.status = 'active'
  ORDER BY pc.position, pi.position, pi.id LIMIT 1))`;

/** One statement; collections without an active product are left out (they would lead to an empty page). */
export async function listCollections(db: DbOrTx, options: { featuredOnly?: boolean } = {}): Promise<CollectionSummary[]> {
  const rows = await db
    .select({
      id: collections.id,
      slug: collections.slug,
      name: collections.name,
      description: collections.description,
      imageUrl: coverImageUrl,
      productCount: activeProductCount,
    })
    .from(collections)
    .leftJoin(productCollections, eq(productCollections.collectionId, collections.id))
    .leftJoin(products, and(eq(products.id, productCollections.productId), eq(products.status, "active")))
    .where(and(eq(collections.isPublished, true), options.featuredOnly ? eq(collections.isFeatured, true) : undefined))
    .groupBy(collections.id)
    .orderBy(asc(collections.position), asc(collections.name));
  return rows.map((row) => ({ ...row, productCount: Number(row.productCount) })).filter((row) => row.productCount > 0);
}

/** Null for an unknown or hidden collection: its page answers 404 either way. `imageUrl` is the cover the collection list shows. */
export async function getCollectionBySlug(db: DbOrTx, slug: string) {
  const [row] = await db
    .select({ id: collections.id, slug: collections.slug, name: collections.name, description: collections.description, imageUrl: coverImageUrl })
    .from(collections)
    .where(and(eq(collections.slug, slug), eq(collections.isPublished, true)))
    .limit(1);
  return row ?? null;
}
