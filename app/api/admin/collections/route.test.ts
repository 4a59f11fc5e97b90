import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isConstraintError, writeTransaction } from "@/lib/db";
import { auditLog, collections, productCollections } from "@/lib/db/schema";
import { restoreAdminEnv, useOwnerLogin } from "@/tests/factories/admin-env";
import { adminRequest, ownerCookie } from "@/tests/factories/admin-requests";
import { createCollection, createProduct } from "@/tests/factories/product";
import { withFreshClient } from "@/tests/factories/fresh-client";
import { GET, POST } from "./route";

type ErrorJson = { error: { code: string; details?: { path: string; message: string }[] } };
type Saved = { collection: { id: number; slug: string } };
type Listed = { collections: { id: number; name: string; isPublished: boolean; position: number; productCount: number }[] };

beforeAll(() => useOwnerLogin());
afterAll(() => restoreAdminEnv());

const noParams = { params: Promise.resolve({}) };
const create = (body: unknown, cookie: string | null = ownerCookie()) =>
  POST(adminRequest("/api/admin/collections", { method: "POST", body, cookie: cookie ?? undefined }), noParams);
const list = () => GET(adminRequest("/api/admin/collections", { cookie: ownerCookie() }), noParams);

let n = 0;
function collectionBody(overrides: Record<string, unknown> = {}) {
  n += 1;
  return { name: `Autumn Hedgerow ${n}`, slug: `autumn-hedgerow-${n}`, description: "Rosehip, sloe and bramble.", ...overrides };
}

const linksOf = (collectionId: number) =>
  withFreshClient((read) =>
    read.select().from(productCollections).where(eq(productCollections.collectionId, collectionId)).orderBy(asc(productCollections.position)),
  );

describe("POST /api/admin/collections", () => {
  it("creates a collection last in the shop's order, with its products in the order given and an audit row", async () => {
    await createCollection();
    const [first, second, third] = [await createProduct(), await createProduct(), await createProduct()];
    const response = await create(
      collectionBody({ imageUrl: "https://images.example/autumn.jpg", isPublished: false, productIds: [third.id, first.id, second.id] }),
    );
    expect(response.status).toBe(201);
    const { collection } = (await response.json()) as Saved;

    const [row] = await withFreshClient((read) => read.select().from(collections).where(eq(collections.id, collection.id)));
    expect(row).toMatchObject({ slug: `autumn-hedgerow-${n}`, name: `Autumn Hedgerow ${n}`, imageUrl: "https://images.example/autumn.jpg", isPublished: false });
    const positions = await withFreshClient((read) => read.select({ position: collections.position }).from(collections));
    expect(row!.position).toBe(Math.max(...positions.map((entry) => entry.position)));
    expect((await linksOf(collection.id)).map((link) => [link.productId, link.position])).toEqual([
      [third.id, 0],
      [first.id, 1],
      [second.id, 2],
    ]);
    const audit = await withFreshClient((read) => read.select().from(auditLog).where(eq(auditLog.entityType, "collection")));
    expect(audit).toEqual([expect.objectContaining({ action: "collection.created", entityId: String(collection.id), actor: "admin:owner (owner@localhost)" })]);
  });

  it("keeps no photo when the field is left empty, and publishes by default", async () => {
    const { collection } = (await (await create(collectionBody({ imageUrl: "  " }))).json()) as Saved;
    const [row] = await withFreshClient((read) => read.select().from(collections).where(eq(collections.id, collection.id)));
    expect(row).toMatchObject({ imageUrl: null, isPublished: true, isFeatured: false });
  });

  it("refuses a slug in use with 409 on the slug field, like a product's, writing nothing", async () => {
    await createCollection({ slug: "taken-collection" });
    const response = await create(collectionBody({ name: "Copy", slug: "taken-collection" }));
    expect(response.status).toBe(409);
    const body = (await response.json()) as ErrorJson;
    expect(body.error.code).toBe("conflict");
    expect(body.error.details).toEqual([{ path: "slug", message: "Another collection already uses this slug." }]);
    expect(await withFreshClient((read) => read.select().from(collections).where(eq(collections.name, "Copy")))).toEqual([]);
    // The database refuses it too.
    await expect(writeTransaction((tx) => tx.insert(collections).values({ slug: "taken-collection", name: "Copy" }))).rejects.toSatisfy((error: unknown) =>
      isConstraintError(error, "UNIQUE"),
    );
  });

  it("refuses a product that does not exist with 400 on that product, writing nothing", async () => {
    const real = await createProduct();
    const body = collectionBody({ productIds: [real.id, 987_654] });
    const response = await create(body);
    expect(response.status).toBe(400);
    expect(((await response.json()) as ErrorJson).error.details).toEqual([expect.objectContaining({ path: "productIds.1" })]);
    expect(await withFreshClient((read) => read.select().from(collections).where(eq(collections.slug, body.slug)))).toEqual([]);
  });

  it("refuses a photo from this shop's uploads that is no longer stored with 400 on imageUrl, in the JSON error shape, writing nothing", async () => {
    const body = collectionBody({ imageUrl: "/uploads/AAAAAAAAAAAAAAAAAAAAAA.webp" });
    const response = await create(body);
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      error: {
        code: "bad_request",
        message: "This photo is no longer stored. Remove it and upload it again.",
        details: [{ path: "imageUrl", message: "This photo is no longer stored. Remove it and upload it again." }],
      },
    });
    expect(await withFreshClient((read) => read.select().from(collections).where(eq(collections.slug, body.slug)))).toEqual([]);
    expect(await withFreshClient((read) => read.select().from(auditLog).where(eq(auditLog.action, "collection.created")))).not.toContainEqual(
      expect.objectContaining({ data: expect.objectContaining({ slug: body.slug }) }),
    );
  });

  it.each([
    ["no title", { name: "  " }, "name"],
    ["a bad slug", { slug: "Not A Slug" }, "slug"],
    ["a photo that is not a web address", { imageUrl: "javascript:alert(1)" }, "imageUrl"],
    ["a photo another host could be read from", { imageUrl: "//evil.example/x.png" }, "imageUrl"],
    ["the same product twice", { productIds: [1, 1] }, "productIds.1"],
    ["a product id that is not a number", { productIds: ["one"] }, "productIds.0"],
    ["a published flag that is not a boolean", { isPublished: "yes" }, "isPublished"],
  ])("answers 400 for %s with the field's path", async (_name, change, path) => {
    const response = await create(collectionBody(change));
    expect(response.status).toBe(400);
    expect(((await response.json()) as ErrorJson).error.details!.map((detail) => detail.path)).toContain(path);
  });

  it("refuses a visitor who is not signed in", async () => {
    const body = collectionBody();
    const response = await create(body, null);
    expect(response.status).toBe(401);
    expect(await withFreshClient((read) => read.select().from(collections).where(eq(collections.slug, body.slug)))).toEqual([]);
  });
});

describe("GET /api/admin/collections", () => {
  it("lists every collection, hidden and empty ones too, in shop order with how many products each holds", async () => {
    const hidden = await createCollection({ name: "Hidden one", isPublished: false });
    const empty = await createCollection({ name: "Empty one" });
    await createProduct({ collectionIds: [hidden.id] });
    await createProduct({ collectionIds: [hidden.id], status: "draft" });

    const response = await list();
    expect(response.status).toBe(200);
    const { collections: rows } = (await response.json()) as Listed;
    expect(rows.find((row) => row.id === hidden.id)).toMatchObject({ isPublished: false, productCount: 2 });
    expect(rows.find((row) => row.id === empty.id)).toMatchObject({ isPublished: true, productCount: 0 });
    const positions = rows.map((row) => row.position);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });

  it("refuses a visitor who is not signed in", async () => {
    expect((await GET(adminRequest("/api/admin/collections"), noParams)).status).toBe(401);
  });
});
