// The admin's collection reads: every collection (hidden and empty ones too) in shop order, and one
// collection with its products in their order for the edit form.
import { asc, count, eq } from "drizzle-orm";
import { notFound } from "@/lib/app-error";
import type { DbOrTx } from "@/lib/db";
import { collections, productCollections, products, type ProductStatus } from "@/lib/db/schema";

export type AdminCollectionRow = {
  id: number;
  name: string;
  slug: string;
  isPublished: boolean;
  isFeatured: boolean;
  position: number;
  /** Every product linked to it, drafts and archived included (the storefront shows only active ones). */
  productCount: number;
};

export type CollectionProduct = { id: number; name: string; slug: string; status: ProductStatus };

export type CollectionForEdit = {
  id: number;
  name: string;
  slug: string;
  description: string;
  imageUrl: string | null;
  isPublished: boolean;
  isFeatured: boolean;
  position: number;
  updatedAt: string;
  products: CollectionProduct[];
};

/** One statement, in the order the shop lists them. */
export async function listAdminCollections(db: DbOrTx): Promise<AdminCollectionRow[]> {
  const rows = await db
    .select({
      id: collections.id,
      name: collections.name,
      slug: collections.slug,
      isPublished: collections.isPublished,
      isFeatured: collections.isFeatured,
      position: collections.position,
      productCount: count(productCollections.productId),
    })
    .from(collections)
    .leftJoin(productCollections, eq(productCollections.collectionId, collections.id))
    .groupBy(collections.id)
    .orderBy(asc(collections.position), asc(collections.id));
  return rows.map((row) => ({ ...row, productCount: Number(row.productCount) }));
}

/** Null for an unknown collection. */
export async function getCollectionForEdit(db: DbOrTx, collectionId: number): Promise<CollectionForEdit | null> {
  const [[collection], linked] = await Promise.all([
    db
      .select({
        id: collections.id,
        name: collections.name,
        slug: collections.slug,
        description: collections.description,
        imageUrl: collections.imageUrl,
        isPublished: collections.isPublished,
        isFeatured: collections.isFeatured,
        position: collections.position,
        updatedAt: collections.updatedAt,
      })
      .from(collections)
      .where(eq(collections.id, collectionId)),
    db
      .select({ id: products.id, name: products.name, slug: products.slug, status: products.status })
      .from(productCollections)
      .innerJoin(products, eq(products.id, productCollections.productId))
      .where(eq(productCollections.collectionId, collectionId))
      .orderBy(asc(productCollections.position), asc(products.id)),
  ]);
  return collection ? { ...collection, products: linked } : null;
}

/** For the API: an unknown id is a 404. */
export async function getCollectionForEditOrThrow(db: DbOrTx, collectionId: number): Promise<CollectionForEdit> {
  const collection = await getCollectionForEdit(db, collectionId);
  if (!collection) throw notFound("That collection");
  return collection;
}
