// What the sitemap lists: every active product and every published collection that shows one, with when each last changed.
import { and, asc, eq, max, sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db";
import { collections, productCollections, products } from "@/lib/db/schema";

export type SitemapEntry = { path: string; lastModified: string };

/** Two statements, whatever the size of the catalogue. */
export async function listSitemapEntries(db: DbOrTx): Promise<SitemapEntry[]> {
  const [productRows, collectionRows] = await Promise.all([
    db.select({ slug: products.slug, updatedAt: products.updatedAt }).from(products).where(eq(products.status, "active")).orderBy(asc(products.id)),
    db
      .select({ slug: collections.slug, updatedAt: collections.updatedAt, productsUpdatedAt: max(products.updatedAt) })
      .from(collections)
      .innerJoin(productCollections, eq(productCollections.collectionId, collections.id))
      .innerJoin(products, and(eq(products.id, productCollections.productId), eq(products.status, "active")))
      .where(eq(collections.isPublished, true))
      .groupBy(collections.id)
      .having(sql`count(${products.id}) > 0`)
      .orderBy(asc(collections.position), asc(collections.id)),
  ]);
  return [
    ...collectionRows.map((row) => ({
      path: `/collections/${row.slug}`,
      // A collection's page changes when it does or when one of its products does: the later of the two.
      lastModified: row.productsUpdatedAt && row.productsUpdatedAt > row.updatedAt ? row.productsUpdatedAt : row.updatedAt,
    })),
    ...productRows.map((row) => ({ path: `/products/${row.slug}`, lastModified: row.updatedAt })),
  ];
}
