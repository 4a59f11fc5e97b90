// The collections' writer for the admin: a collection with its products in their order, in one
// transaction with its audit row. Products are only ever linked and unlinked here, never deleted.
import { and, eq, inArray, ne, sql } from "drizzle-orm";
import { CACHE_TAGS, revalidateAfter } from "@/lib/cache/cache-tags";
import { writeTransaction, type Tx } from "@/lib/db";
import { isConstraintError } from "@/lib/db/errors";
import { collections, productCollections, products, sqlNow } from "@/lib/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { AppError, notFound } from "@/lib/app-error";
import { assertUploadsStored } from "@/lib/uploads/assert-uploads-stored";
import type { CollectionInput } from "./collection-input";

export type SavedCollection = { id: number; slug: string };

const slugTaken = () =>
  new AppError("conflict", "Another collection already uses this slug.", [{ path: "slug", message: "Another collection already uses this slug." }]);

/**
 * The slug is UNIQUE in the database, the real guard. Looking first puts the usual clash on the slug
 * field; a race past the lookup meets the constraint, the only UNIQUE one a collection row has, and
 * is answered the same way.
 */
async function assertSlugFree(tx: Tx, slug: string, collectionId: number | null): Promise<void> {
  const [clash] = await tx
    .select({ id: collections.id })
    .from(collections)
    .where(and(eq(collections.slug, slug), collectionId === null ? undefined : ne(collections.id, collectionId)));
  if (clash) throw slugTaken();
}

async function guardSlug<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isConstraintError(error, "UNIQUE")) throw slugTaken();
    throw error;
  }
}

async function assertProductsExist(tx: Tx, ids: readonly number[]): Promise<void> {
  if (ids.length === 0) return;
  const found = new Set((await tx.select({ id: products.id }).from(products).where(inArray(products.id, [...ids]))).map((row) => row.id));
  const missing = ids.findIndex((id) => !found.has(id));
  if (missing >= 0) {
    throw new AppError("bad_request", "A chosen product no longer exists.", [{ path: `productIds.${missing}`, message: "This product no longer exists." }]);
  }
}

/** The collection's products become exactly the listed ones, in the listed order. */
async function writeProducts(tx: Tx, collectionId: number, productIds: readonly number[]): Promise<void> {
  await tx.delete(productCollections).where(eq(productCollections.collectionId, collectionId));
  if (productIds.length > 0) {
    await tx.insert(productCollections).values(productIds.map((productId, position) => ({ productId, collectionId, position })));
  }
}

const columnsOf = (input: CollectionInput) => ({
  slug: input.slug,
  name: input.name,
  description: input.description,
  imageUrl: input.imageUrl,
  isPublished: input.isPublished,
  isFeatured: input.isFeatured,
});

export async function createCollection(input: CollectionInput, actor: string): Promise<SavedCollection> {
  return revalidateAfter([CACHE_TAGS.catalog], writeTransaction(async (tx) => {
    await assertSlugFree(tx, input.slug, null);
    await assertProductsExist(tx, input.productIds);
    await assertUploadsStored(tx, [{ path: "imageUrl", url: input.imageUrl }]);
    // A new collection goes last; the owner moves it from there.
    const [collection] = await guardSlug(() =>
      tx
        .insert(collections)
        .values({ ...columnsOf(input), position: sql`(SELECT coalesce(max(position), -1) + 1 FROM collections)` })
        .returning({ id: collections.id, slug: collections.slug }),
    );
    await writeProducts(tx, collection!.id, input.productIds);
    await recordAudit(tx, {
      actor,
      action: "collection.created",
      entityType: "collection",
      entityId: collection!.id,
      data: { slug: input.slug, name: input.name, isPublished: input.isPublished, products: input.productIds.length },
    });
    return collection!;
  }));
}

export async function updateCollection(collectionId: number, input: CollectionInput, actor: string): Promise<SavedCollection> {
  return revalidateAfter([CACHE_TAGS.catalog], writeTransaction(async (tx) => {
    const [existing] = await tx.select().from(collections).where(eq(collections.id, collectionId));
    if (!existing) throw notFound("That collection");
    await assertSlugFree(tx, input.slug, collectionId);
    await assertProductsExist(tx, input.productIds);
    await assertUploadsStored(tx, [{ path: "imageUrl", url: input.imageUrl }]);
    await guardSlug(() => tx.update(collections).set({ ...columnsOf(input), updatedAt: sqlNow }).where(eq(collections.id, collectionId)));
    await writeProducts(tx, collectionId, input.productIds);
    await recordAudit(tx, {
      actor,
      action: "collection.updated",
      entityType: "collection",
      entityId: collectionId,
      data: {
        slug: input.slug,
        name: input.name,
        isPublished: { from: existing.isPublished, to: input.isPublished },
        products: input.productIds,
      },
    });
    return { id: collectionId, slug: input.slug };
  }));
}

/** Unlinks the collection's products (they stay in the shop and in any other collection) and removes it. */
export async function deleteCollection(collectionId: number, actor: string): Promise<{ id: number; unlinkedProducts: number }> {
  return revalidateAfter([CACHE_TAGS.catalog], writeTransaction(async (tx) => {
    const [existing] = await tx.select({ slug: collections.slug, name: collections.name }).from(collections).where(eq(collections.id, collectionId));
    if (!existing) throw notFound("That collection");
    const unlinked = await tx.delete(productCollections).where(eq(productCollections.collectionId, collectionId)).returning({ productId: productCollections.productId });
    await tx.delete(collections).where(eq(collections.id, collectionId));
    const productIds = unlinked.map((row) => row.productId).sort((a, b) => a - b);
    await recordAudit(tx, { actor, action: "collection.deleted", entityType: "collection", entityId: collectionId, data: { ...existing, unlinkedProductIds: productIds } });
    return { id: collectionId, unlinkedProducts: productIds.length };
  }));
}

/**
 * The list page sends every collection's id in the order it shows. A list that no longer names
 * exactly the collections there are (one was added or deleted in another tab) is refused whole:
 * applying it would silently place the others.
 */
export async function reorderCollections(ids: readonly number[], actor: string): Promise<{ ids: number[] }> {
  return revalidateAfter([CACHE_TAGS.catalog], writeTransaction(async (tx) => {
    const current = await tx.select({ id: collections.id, position: collections.position }).from(collections);
    const known = new Set(current.map((row) => row.id));
    if (ids.length !== current.length || ids.some((id) => !known.has(id))) {
      throw new AppError("stale_write", "The collections changed since this page was loaded. Reload and try again.");
    }
    const before = [...current].sort((a, b) => a.position - b.position || a.id - b.id).map((row) => row.id);
    const storedPosition = new Map(current.map((row) => [row.id, row.position]));
    // The order is not a change to a collection's own page, so its updated_at (the sitemap's lastmod) stays.
    for (const [position, id] of ids.entries()) {
      if (storedPosition.get(id) !== position) await tx.update(collections).set({ position }).where(eq(collections.id, id));
    }
    await recordAudit(tx, { actor, action: "collections.reordered", entityType: "collection", data: { from: before, to: [...ids] } });
    return { ids: [...ids] };
  }));
}
