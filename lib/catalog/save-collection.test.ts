import { asc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/app-error";
import { db, writeTransaction } from "@/lib/db";
import { auditLog, collections, productCollections, uploads } from "@/lib/db/schema";
import { deleteOrphanUploads } from "@/lib/uploads/delete-orphan-uploads";
import { recordUploads } from "@/lib/uploads/record-uploads";
import { createCollection as createTestCollection, createProduct as createTestProduct } from "@/tests/factories/product";
import { withFreshClient } from "@/tests/factories/fresh-client";
import { collectionInput } from "./collection-input";
import { getActiveProduct } from "./get-product";
import { getCollectionForEdit, listAdminCollections } from "./list-admin-collections";
import { getCollectionBySlug, listCollections } from "./list-collections";
import { listProducts } from "./list-products";
import { createCollection, reorderCollections, updateCollection } from "./save-collection";
import { updateProduct } from "./save-product";
import { listSitemapEntries } from "./sitemap-entries";

const ACTOR = "admin:owner";
let n = 0;
const input = (overrides: Partial<Record<string, unknown>> = {}) => {
  n += 1;
  return collectionInput.parse({ name: `Shelf ${n}`, slug: `shelf-${n}-${Date.now()}`, ...overrides });
};

describe("the owner's order of collections and of the products in each", () => {
  it("the shop lists collections in the order set, and a collection's products in its own order by default", async () => {
    const [oldest, middle, newest] = [
      await createTestProduct({ name: "Oldest", createdAt: "2026-01-01T00:00:00.000Z" }),
      await createTestProduct({ name: "Middle", createdAt: "2026-02-01T00:00:00.000Z" }),
      await createTestProduct({ name: "Newest", createdAt: "2026-03-01T00:00:00.000Z" }),
    ];
    const shelf = await createCollection(input({ productIds: [middle.id, oldest.id, newest.id] }), ACTOR);
    const second = await createCollection(input({ productIds: [oldest.id] }), ACTOR);
    const read = await db();

    const featured = await listProducts(read, { collectionId: shelf.id, sort: "featured" });
    expect(featured.cards.map((card) => card.name)).toEqual(["Middle", "Oldest", "Newest"]);
    // The other sorts still work inside a collection, and "featured" means nothing without one.
    expect((await listProducts(read, { collectionId: shelf.id, sort: "newest" })).cards.map((card) => card.name)).toEqual(["Newest", "Middle", "Oldest"]);
    expect((await listProducts(read, { sort: "featured", perPage: 1 })).cards.map((card) => card.name)).toEqual(["Newest"]);

    await updateCollection(shelf.id, input({ slug: shelf.slug, productIds: [newest.id, middle.id, oldest.id] }), ACTOR);
    expect((await listProducts(read, { collectionId: shelf.id, sort: "featured" })).cards.map((card) => card.name)).toEqual(["Newest", "Middle", "Oldest"]);

    const everyId = (await listAdminCollections(read)).map((row) => row.id);
    await reorderCollections([second.id, shelf.id, ...everyId.filter((id) => id !== second.id && id !== shelf.id)], ACTOR);
    expect((await listCollections(read)).map((collection) => collection.id).slice(0, 2)).toEqual([second.id, shelf.id]);
    expect((await listAdminCollections(read)).slice(0, 2).map((row) => row.id)).toEqual([second.id, shelf.id]);
  });

  it("saving a product in the product editor keeps its place in its collections and puts it last in a new one", async () => {
    const shelf = await createTestCollection();
    const joined = await createTestCollection();
    const [a, b, c] = [await createTestProduct(), await createTestProduct(), await createTestProduct()];
    await updateCollection(shelf.id, input({ slug: shelf.slug, productIds: [c.id, b.id, a.id] }), ACTOR);
    await updateCollection(joined.id, input({ slug: joined.slug, productIds: [a.id, c.id] }), ACTOR);

    const edit = await getActiveProduct(await db(), b.slug);
    await updateProduct(
      b.id,
      {
        name: edit!.name,
        slug: edit!.slug,
        description: edit!.description,
        status: "active",
        isFeatured: false,
        collectionIds: [joined.id, shelf.id],
        images: [],
        variants: edit!.variants.map((variant) => ({ ...variant, isActive: true, initialStock: 0 })),
      },
      ACTOR,
    );

    const orderOf = (collectionId: number) =>
      withFreshClient(async (client) =>
        (
          await client
            .select({ productId: productCollections.productId })
            .from(productCollections)
            .where(eq(productCollections.collectionId, collectionId))
            .orderBy(asc(productCollections.position))
        ).map((row) => row.productId),
      );
    expect(await orderOf(shelf.id)).toEqual([c.id, b.id, a.id]);
    expect(await orderOf(joined.id)).toEqual([a.id, c.id, b.id]);
  });
});

describe("a hidden collection", () => {
  it("is not listed, not served, not in the sitemap or a product's links, yet keeps its products and order for the admin", async () => {
    const product = await createTestProduct({ name: "Sloe" });
    const other = await createTestProduct({ name: "Bramble" });
    const hidden = await createCollection(input({ name: "Secret shelf", isPublished: false, isFeatured: true, productIds: [product.id, other.id] }), ACTOR);
    const shown = await createCollection(input({ name: "Open shelf", productIds: [product.id] }), ACTOR);
    const read = await db();

    const listed = (await listCollections(read)).map((collection) => collection.id);
    expect(listed).toContain(shown.id);
    expect(listed).not.toContain(hidden.id);
    expect((await listCollections(read, { featuredOnly: true })).map((collection) => collection.id)).not.toContain(hidden.id);
    expect(await getCollectionBySlug(read, hidden.slug)).toBeNull();
    expect(await getCollectionBySlug(read, shown.slug)).toMatchObject({ id: shown.id });

    const paths = (await listSitemapEntries(read)).map((entry) => entry.path);
    expect(paths).toContain(`/collections/${shown.slug}`);
    expect(paths).not.toContain(`/collections/${hidden.slug}`);
    expect(paths).toContain(`/products/${product.slug}`);

    expect((await getActiveProduct(read, product.slug))!.collections.map((collection) => collection.slug)).toEqual([shown.slug]);

    const forEdit = await getCollectionForEdit(read, hidden.id);
    expect(forEdit).toMatchObject({ isPublished: false, products: [{ id: product.id }, { id: other.id }] });

    // Published again, it comes back with its products in the same order.
    await updateCollection(hidden.id, input({ name: "Secret shelf", slug: hidden.slug, isPublished: true, productIds: [product.id, other.id] }), ACTOR);
    expect(await getCollectionBySlug(read, hidden.slug)).toMatchObject({ id: hidden.id });
    expect((await listProducts(read, { collectionId: hidden.id, sort: "featured" })).cards.map((card) => card.name)).toEqual(["Sloe", "Bramble"]);
  });
});

describe("a collection's photo from the shop's uploads", () => {
  /** An upload nobody used, taken by the cleanup cron, as happens when a photo sits unsaved for a day. */
  async function uploadTakenByTheCron(): Promise<string> {
    const id = `gone${Date.now()}${(n += 1)}`;
    const url = `/uploads/${id}.webp`;
    await writeTransaction((tx) =>
      recordUploads(tx, [{ id, storageKey: `${id}.webp`, url, contentType: "image/webp", width: 10, height: 10, bytes: 100, createdAt: "2026-01-01T00:00:00.000Z" }]),
    );
    await deleteOrphanUploads();
    expect(await withFreshClient((read) => read.select().from(uploads).where(eq(uploads.url, url)))).toEqual([]);
    return url;
  }

  const refusalOf = (promise: Promise<unknown>) =>
    promise.then(
      () => expect.fail("the save went through"),
      (error: unknown) => error,
    );

  it("refuses a new collection whose uploaded photo is no longer stored, on the imageUrl field, writing nothing and no audit row", async () => {
    const gone = await uploadTakenByTheCron();
    const product = await createTestProduct();
    const wanted = input({ imageUrl: gone, productIds: [product.id] });

    const error = await refusalOf(createCollection(wanted, ACTOR));
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "bad_request", details: [{ path: "imageUrl", message: "This photo is no longer stored. Remove it and upload it again." }] });
    expect(await withFreshClient((read) => read.select().from(collections).where(eq(collections.slug, wanted.slug)))).toEqual([]);
    const audit = await withFreshClient((read) => read.select().from(auditLog).where(eq(auditLog.action, "collection.created")));
    expect(audit.filter((row) => row.data?.slug === wanted.slug)).toEqual([]);
  });

  it("refuses the same photo on an edit, leaving the collection, its products and its audit trail as they were", async () => {
    const gone = await uploadTakenByTheCron();
    const product = await createTestProduct();
    const shelf = await createCollection(input({ imageUrl: "https://images.example/shelf.jpg", productIds: [product.id] }), ACTOR);
    const auditBefore = await withFreshClient((read) => read.select().from(auditLog).where(eq(auditLog.entityId, String(shelf.id))));

    const error = await refusalOf(updateCollection(shelf.id, input({ name: "Renamed", slug: shelf.slug, imageUrl: gone, productIds: [] }), ACTOR));
    expect(error).toMatchObject({ code: "bad_request", details: [{ path: "imageUrl" }] });
    const [row] = await withFreshClient((read) => read.select().from(collections).where(eq(collections.id, shelf.id)));
    expect(row).toMatchObject({ imageUrl: "https://images.example/shelf.jpg", name: expect.not.stringContaining("Renamed") });
    expect(await withFreshClient((read) => read.select().from(productCollections).where(eq(productCollections.collectionId, shelf.id)))).toHaveLength(1);
    expect(await withFreshClient((read) => read.select().from(auditLog).where(eq(auditLog.entityId, String(shelf.id))))).toEqual(auditBefore);
  });

  it("keeps an uploaded photo that is still stored, and the cron then leaves it alone", async () => {
    const id = `kept${Date.now()}`;
    const url = `/uploads/${id}.webp`;
    await writeTransaction((tx) =>
      recordUploads(tx, [{ id, storageKey: `${id}.webp`, url, contentType: "image/webp", width: 10, height: 10, bytes: 100, createdAt: "2026-01-01T00:00:00.000Z" }]),
    );
    const shelf = await createCollection(input({ imageUrl: url }), ACTOR);
    await deleteOrphanUploads();
    expect(await withFreshClient((read) => read.select({ imageUrl: collections.imageUrl }).from(collections).where(eq(collections.id, shelf.id)))).toEqual([{ imageUrl: url }]);
    expect(await withFreshClient((read) => read.select({ url: uploads.url }).from(uploads).where(eq(uploads.url, url)))).toEqual([{ url }]);
  });
});
