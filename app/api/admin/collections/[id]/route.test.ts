import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, collections, productCollections, products } from "@/lib/db/schema";
import { restoreAdminEnv, useOwnerLogin } from "@/tests/factories/admin-env";
import { adminRequest, ownerCookie } from "@/tests/factories/admin-requests";
import { createCollection, createProduct } from "@/tests/factories/product";
import { withFreshClient } from "@/tests/factories/fresh-client";
import { DELETE, GET, PATCH } from "./route";

type ErrorJson = { error: { code: string; details?: { path: string; message: string }[] } };
type Read = { collection: { id: number; name: string; slug: string; isPublished: boolean; products: { id: number; name: string; status: string }[] } };

beforeAll(() => useOwnerLogin());
afterAll(() => restoreAdminEnv());

const params = (id: number | string) => ({ params: Promise.resolve({ id: String(id) }) });
const read = (id: number | string) => GET(adminRequest(`/api/admin/collections/${id}`, { cookie: ownerCookie() }), params(id));
const update = (id: number | string, body: unknown, cookie: string | null = ownerCookie()) =>
  PATCH(adminRequest(`/api/admin/collections/${id}`, { method: "PATCH", body, cookie: cookie ?? undefined }), params(id));
const remove = (id: number | string, cookie: string | null = ownerCookie()) =>
  DELETE(adminRequest(`/api/admin/collections/${id}`, { method: "DELETE", cookie: cookie ?? undefined }), params(id));

const linksOf = (collectionId: number) =>
  withFreshClient((client) =>
    client
      .select({ productId: productCollections.productId, position: productCollections.position })
      .from(productCollections)
      .where(eq(productCollections.collectionId, collectionId))
      .orderBy(asc(productCollections.position)),
  );
const auditOf = (collectionId: number) =>
  withFreshClient((client) => client.select().from(auditLog).where(eq(auditLog.entityId, String(collectionId))).orderBy(asc(auditLog.id)));

const bodyFor = (collection: { name: string; slug: string }, overrides: Record<string, unknown> = {}) => ({
  name: collection.name,
  slug: collection.slug,
  description: "",
  ...overrides,
});

describe("GET /api/admin/collections/[id]", () => {
  it("reads a hidden collection with its products (drafts too) in the owner's order", async () => {
    const collection = await createCollection({ isPublished: false });
    const [a, b] = [await createProduct({ name: "A yarn" }), await createProduct({ name: "B yarn", status: "draft" })];
    expect((await update(collection.id, bodyFor(collection, { isPublished: false, productIds: [b.id, a.id] }))).status).toBe(200);

    const response = await read(collection.id);
    expect(response.status).toBe(200);
    const body = (await response.json()) as Read;
    expect(body.collection).toMatchObject({ id: collection.id, isPublished: false });
    expect(body.collection.products.map((product) => [product.name, product.status])).toEqual([
      ["B yarn", "draft"],
      ["A yarn", "active"],
    ]);
  });

  it("answers 404 for an unknown collection and 400 for an id that is not one", async () => {
    expect((await read(987_654)).status).toBe(404);
    expect((await read("abc")).status).toBe(400);
  });
});

describe("PATCH /api/admin/collections/[id]", () => {
  it("saves the fields, replaces the products with the ones listed in their new order, and audits the change", async () => {
    const collection = await createCollection({ name: "Moorland" });
    const [a, b, c, d] = [await createProduct(), await createProduct(), await createProduct(), await createProduct()];
    await update(collection.id, bodyFor(collection, { productIds: [a.id, b.id, c.id] }));

    const response = await update(
      collection.id,
      bodyFor(collection, { name: "Moorland & Heath", slug: "moorland-and-heath", description: "Peat and heather.", isPublished: false, productIds: [d.id, c.id, a.id] }),
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ collection: { id: collection.id, slug: "moorland-and-heath" } });

    const [row] = await withFreshClient((client) => client.select().from(collections).where(eq(collections.id, collection.id)));
    expect(row).toMatchObject({ name: "Moorland & Heath", slug: "moorland-and-heath", description: "Peat and heather.", isPublished: false });
    expect(await linksOf(collection.id)).toEqual([
      { productId: d.id, position: 0 },
      { productId: c.id, position: 1 },
      { productId: a.id, position: 2 },
    ]);
    // Taking a product out of the collection leaves the product itself alone.
    expect(await withFreshClient((client) => client.select({ id: products.id }).from(products).where(eq(products.id, b.id)))).toEqual([{ id: b.id }]);
    const audit = await auditOf(collection.id);
    expect(audit.map((entry) => entry.action)).toEqual(["collection.updated", "collection.updated"]);
    expect(audit[1]!.data).toMatchObject({ isPublished: { from: true, to: false }, products: [d.id, c.id, a.id] });
  });

  it("keeps its own slug, and refuses another collection's with 409 on the slug field", async () => {
    const mine = await createCollection();
    const theirs = await createCollection();
    expect((await update(mine.id, bodyFor(mine, { name: "Renamed" }))).status).toBe(200);

    const clash = await update(mine.id, bodyFor(mine, { slug: theirs.slug }));
    expect(clash.status).toBe(409);
    expect(((await clash.json()) as ErrorJson).error.details).toEqual([{ path: "slug", message: "Another collection already uses this slug." }]);
    const [row] = await withFreshClient((client) => client.select().from(collections).where(eq(collections.id, mine.id)));
    expect(row!.slug).toBe(mine.slug);
  });

  it("refuses a photo from this shop's uploads that is no longer stored with 400 on imageUrl, changing nothing", async () => {
    const collection = await createCollection();
    const before = await auditOf(collection.id);
    const response = await update(collection.id, bodyFor(collection, { name: "With a lost photo", imageUrl: "/uploads/BBBBBBBBBBBBBBBBBBBBBB.jpg" }));
    expect(response.status).toBe(400);
    const body = (await response.json()) as ErrorJson;
    expect(body.error.code).toBe("bad_request");
    expect(body.error.details).toEqual([{ path: "imageUrl", message: "This photo is no longer stored. Remove it and upload it again." }]);
    const [row] = await withFreshClient((client) => client.select().from(collections).where(eq(collections.id, collection.id)));
    expect(row).toMatchObject({ name: collection.name, imageUrl: null });
    expect(await auditOf(collection.id)).toEqual(before);
  });

  it("refuses a bad body with 400, an unknown collection with 404 and a stranger with 401, changing nothing", async () => {
    const collection = await createCollection();
    const product = await createProduct({ collectionIds: [collection.id] });
    const bad = await update(collection.id, bodyFor(collection, { slug: "Bad Slug", productIds: [] }));
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as ErrorJson).error.details!.map((detail) => detail.path)).toEqual(["slug"]);
    expect((await update(987_654, bodyFor(collection))).status).toBe(404);
    expect((await update(collection.id, bodyFor(collection, { productIds: [] }), null)).status).toBe(401);
    expect(await linksOf(collection.id)).toEqual([{ productId: product.id, position: 0 }]);
    expect(await auditOf(collection.id)).toEqual([]);
  });
});

describe("DELETE /api/admin/collections/[id]", () => {
  it("removes a collection and unlinks its products, which stay in the shop and in their other collections", async () => {
    const doomed = await createCollection();
    const other = await createCollection();
    const [a, b] = [await createProduct({ collectionIds: [doomed.id, other.id] }), await createProduct({ collectionIds: [doomed.id] })];

    const response = await remove(doomed.id);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ deleted: { id: doomed.id, unlinkedProducts: 2 } });

    expect(await withFreshClient((client) => client.select().from(collections).where(eq(collections.id, doomed.id)))).toEqual([]);
    expect(await linksOf(doomed.id)).toEqual([]);
    expect(await linksOf(other.id)).toEqual([{ productId: a.id, position: expect.any(Number) }]);
    const kept = await withFreshClient((client) => client.select({ id: products.id, status: products.status }).from(products).where(eq(products.id, b.id)));
    expect(kept).toEqual([{ id: b.id, status: "active" }]);
    const audit = await auditOf(doomed.id);
    expect(audit).toEqual([expect.objectContaining({ action: "collection.deleted", actor: "admin:owner (owner@localhost)" })]);
    expect(audit[0]!.data).toMatchObject({ slug: doomed.slug, unlinkedProductIds: [a.id, b.id].sort((x, y) => x - y) });
  });

  it("answers 404 for an unknown collection and 401 for a stranger, deleting nothing", async () => {
    const collection = await createCollection();
    expect((await remove(987_654)).status).toBe(404);
    expect((await remove(collection.id, null)).status).toBe(401);
    expect(await withFreshClient((client) => client.select({ id: collections.id }).from(collections).where(eq(collections.id, collection.id)))).toEqual([
      { id: collection.id },
    ]);
  });
});
