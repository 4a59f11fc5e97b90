import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isConstraintError, writeTransaction } from "@/lib/db";
import { auditLog, inventoryAdjustments, productCollections, productImages, products, productVariants } from "@/lib/db/schema";
import { getActiveProduct } from "@/lib/catalog/get-product";
import { db } from "@/lib/db";
import { restoreAdminEnv, useOwnerLogin } from "@/tests/factories/admin-env";
import { adminRequest, ownerCookie } from "@/tests/factories/admin-requests";
import { createCollection, createProduct } from "@/tests/factories/product";
import { withFreshClient } from "@/tests/factories/fresh-client";
import { PATCH } from "./[id]/route";
import { POST } from "./route";

type ErrorJson = { error: { code: string; details?: { path: string; message: string }[] } };
type Saved = { product: { id: number; slug: string } };

beforeAll(() => useOwnerLogin());
afterAll(() => restoreAdminEnv());

const params = (id: number) => ({ params: Promise.resolve({ id: String(id) }) });
const create = (body: unknown) => POST(adminRequest("/api/admin/products", { method: "POST", body, cookie: ownerCookie() }), params(0));
const update = (id: number, body: unknown) => PATCH(adminRequest(`/api/admin/products/${id}`, { method: "PATCH", body, cookie: ownerCookie() }), params(id));

let n = 0;
function productBody(overrides: Record<string, unknown> = {}) {
  n += 1;
  return {
    name: `Moss Stitch Merino ${n}`,
    slug: `moss-stitch-merino-${n}`,
    description: "Soft and springy.",
    status: "active",
    images: [{ url: "https://images.example/moss.jpg", alt: "A skein" }],
    variants: [
      { options: { colour: "Moss", weight: "DK" }, sku: `msm-${n}-moss`, price: 1800, compareAtPrice: 2200, weightGrams: 115, initialStock: 12 },
      { options: { colour: "Peat", weight: "DK" }, sku: `MSM-${n}-PEAT`, price: 1800, weightGrams: 115 },
    ],
    ...overrides,
  };
}

describe("the admin's product API", () => {
  it("creates a product with images, collections and variants; opening stock goes through the ledger", async () => {
    const collection = await createCollection();
    const response = await create(productBody({ collectionIds: [collection.id] }));
    expect(response.status).toBe(201);
    const { product } = (await response.json()) as Saved;
    const state = await withFreshClient(async (read) => ({
      variants: await read.select().from(productVariants).where(eq(productVariants.productId, product.id)).orderBy(productVariants.position),
      images: await read.select().from(productImages).where(eq(productImages.productId, product.id)),
      collections: await read.select().from(productCollections).where(eq(productCollections.productId, product.id)),
      audit: await read.select().from(auditLog).where(eq(auditLog.entityId, String(product.id))),
    }));
    expect(state.variants.map((variant) => [variant.sku, variant.name, variant.stock, variant.compareAtPrice])).toEqual([
      [`MSM-${n}-MOSS`, "Moss / DK", 12, 2200],
      [`MSM-${n}-PEAT`, "Peat / DK", 0, null],
    ]);
    const ledger = await withFreshClient((read) => read.select().from(inventoryAdjustments).where(inArray(inventoryAdjustments.variantId, state.variants.map((variant) => variant.id))));
    expect(ledger).toEqual([expect.objectContaining({ variantId: state.variants[0]!.id, delta: 12, stockBefore: 0, stockAfter: 12, reason: "initial", actor: "admin:owner (owner@localhost)" })]);
    expect(state.images).toEqual([expect.objectContaining({ url: "https://images.example/moss.jpg", alt: "A skein" })]);
    expect(state.collections.map((row) => row.collectionId)).toEqual([collection.id]);
    expect(state.audit.map((row) => row.action)).toEqual(["product.created"]);
  });

  it("refuses a slug or SKU already in use with 409 and the field it belongs to, writing nothing", async () => {
    const existing = await createProduct({ slug: "taken-slug", variants: [{ sku: "TAKEN-SKU" }] });
    const slugClash = await create(productBody({ slug: "taken-slug" }));
    expect(slugClash.status).toBe(409);
    expect(((await slugClash.json()) as ErrorJson).error.details).toEqual([expect.objectContaining({ path: "slug" })]);

    const body = productBody();
    const skuClash = await create({ ...body, variants: [body.variants[0], { ...body.variants[1], sku: "taken-sku" }] });
    expect(skuClash.status).toBe(409);
    expect(((await skuClash.json()) as ErrorJson).error.details).toEqual([expect.objectContaining({ path: "variants.1.sku" })]);
    expect(await withFreshClient((read) => read.select().from(products).where(eq(products.slug, body.slug)))).toEqual([]);

    // The same SKU twice in one product is a field error before anything is looked up.
    const twice = await create({ ...body, variants: [body.variants[0], { ...body.variants[1], sku: body.variants[0]!.sku }] });
    expect(twice.status).toBe(400);
    expect(((await twice.json()) as ErrorJson).error.details).toEqual([expect.objectContaining({ path: "variants.1.sku" })]);

    // And the database refuses them itself.
    await expect(
      writeTransaction((tx) => tx.insert(products).values({ slug: "taken-slug", name: "Copy" })),
    ).rejects.toSatisfy((error: unknown) => isConstraintError(error, "UNIQUE"));
    await expect(
      writeTransaction((tx) => tx.insert(productVariants).values({ productId: existing.id, sku: "TAKEN-SKU", name: "Copy", price: 100 })),
    ).rejects.toSatisfy((error: unknown) => isConstraintError(error, "UNIQUE"));
  });

  it.each([
    ["a bad slug", { slug: "Not A Slug" }, "slug"],
    ["no variants", { variants: [] }, "variants"],
    ["a compare-at price below the price", { variants: [{ options: { colour: "Moss" }, sku: "CMP-1", price: 1800, compareAtPrice: 1000, weightGrams: 100 }] }, "variants.0.compareAtPrice"],
    ["a negative price", { variants: [{ options: { colour: "Moss" }, sku: "NEG-1", price: -5, weightGrams: 100 }] }, "variants.0.price"],
    ["an image that is not a web address", { images: [{ url: "javascript:alert(1)", alt: "A skein" }] }, "images.0.url"],
    ["a photo without alt text", { images: [{ url: "/images/yarn/moss.svg", alt: "  " }] }, "images.0.alt"],
    ["a photo for a colourway the product does not have", { images: [{ url: "/images/yarn/moss.svg", alt: "Moss", variantSku: "NOPE-1" }] }, "images.0.variantSku"],
    ["an unknown status", { status: "hidden" }, "status"],
  ])("answers 400 for %s with the field's path", async (_name, change, path) => {
    const response = await create(productBody(change));
    expect(response.status).toBe(400);
    expect(((await response.json()) as ErrorJson).error.details!.map((detail) => detail.path)).toContain(path);
  });

  it("takes an image only from an https address or a path on the shop, never one a browser reads as another host", async () => {
    const refused = [
      "/\\evil.example/x.png",
      "//evil.example/x.png",
      "/\t/evil.example/x.png",
      "/images/\nx.png",
      "/images\\x.png",
      "https://images.example\\@evil.example/x.png",
      "http://images.example/x.png",
      "https:evil.example/x.png",
      "javascript:alert(1)",
      "data:image/svg+xml,<svg/>",
      "/",
      "images/x.png",
    ];
    for (const url of refused) {
      const response = await create(productBody({ images: [{ url, alt: "A skein" }] }));
      expect(response.status, JSON.stringify(url)).toBe(400);
      expect(((await response.json()) as ErrorJson).error.details!.map((detail) => detail.path), JSON.stringify(url)).toContain("images.0.url");
    }
    for (const url of ["/images/yarn/moss.svg", "https://images.example/moss.jpg", "https://cdn.example/a//b.png?w=200"]) {
      expect((await create(productBody({ images: [{ url, alt: "A skein" }] }))).status, url).toBe(201);
    }
  });

  it("edits a product: fields, a new variant with its opening stock, and archiving takes it off the storefront while stock stays", async () => {
    const { product } = (await (await create(productBody())).json()) as Saved;
    const before = await withFreshClient((read) => read.select().from(productVariants).where(eq(productVariants.productId, product.id)).orderBy(productVariants.position));
    const body = productBody({ slug: product.slug, name: "Renamed yarn" });
    const response = await update(product.id, {
      ...body,
      variants: [
        { ...body.variants[0], id: before[0]!.id, sku: before[0]!.sku, price: 1950, initialStock: 999 },
        { ...body.variants[1], id: before[1]!.id, sku: before[1]!.sku, isActive: false },
        { options: { colour: "Gorse", weight: "DK" }, sku: `${product.slug}-gorse`, price: 1800, weightGrams: 115, initialStock: 4 },
      ],
    });
    expect(response.status).toBe(200);
    const after = await withFreshClient((read) => read.select().from(productVariants).where(eq(productVariants.productId, product.id)).orderBy(productVariants.position));
    // An existing variant's stock never changes through the product form.
    expect(after.map((variant) => [variant.price, variant.stock, variant.isActive])).toEqual([
      [1950, 12, true],
      [1800, 0, false],
      [1800, 4, true],
    ]);
    expect(await getActiveProduct(await db(), product.slug)).not.toBeNull();

    const archived = await update(product.id, { ...body, status: "archived", variants: after.map((variant) => ({ id: variant.id, options: variant.options, sku: variant.sku, price: variant.price, weightGrams: variant.weightGrams, isActive: variant.isActive })) });
    expect(archived.status).toBe(200);
    expect(await getActiveProduct(await db(), product.slug)).toBeNull();
  });

  it("refuses a variant of another product and an unknown product", async () => {
    const other = await createProduct();
    const { product } = (await (await create(productBody())).json()) as Saved;
    const body = productBody({ slug: product.slug });
    const stolen = await update(product.id, { ...body, variants: [{ ...body.variants[0], id: other.variants[0]!.id }] });
    expect(stolen.status).toBe(400);
    expect((await update(987_654, productBody())).status).toBe(404);
  });

  it("saves every photo in the order given, each general or for one colourway by SKU (a new variant's too), replacing the old list", async () => {
    const body = productBody();
    const [moss, peat] = body.variants as { sku: string }[];
    const response = await create({
      ...body,
      images: [
        { url: "/images/yarn/peat.svg", alt: "Peat skein", variantSku: peat!.sku },
        { url: "https://images.example/all.jpg", alt: "All the colours" },
      ],
    });
    const { product } = (await response.json()) as Saved;
    const imagesOf = () =>
      withFreshClient(async (read) => {
        const variants = new Map((await read.select().from(productVariants).where(eq(productVariants.productId, product.id))).map((row) => [row.id, row.sku]));
        const rows = await read.select().from(productImages).where(eq(productImages.productId, product.id)).orderBy(productImages.position);
        return rows.map((row) => [row.url, row.alt, row.variantId === null ? null : variants.get(row.variantId)]);
      });
    expect(await imagesOf()).toEqual([
      ["/images/yarn/peat.svg", "Peat skein", `MSM-${n}-PEAT`],
      ["https://images.example/all.jpg", "All the colours", null],
    ]);

    const variants = await withFreshClient((read) => read.select().from(productVariants).where(eq(productVariants.productId, product.id)).orderBy(productVariants.position));
    const edited = await update(product.id, {
      ...body,
      variants: [...variants.map((variant, index) => ({ ...body.variants[index], id: variant.id, sku: variant.sku })), { options: { colour: "Sloe", weight: "DK" }, sku: `msm-${n}-sloe`, price: 1800, weightGrams: 115 }],
      images: [
        { url: "/images/yarn/sloe.svg", alt: "Sloe skein", variantSku: `msm-${n}-sloe` },
        { url: "/images/yarn/moss.svg", alt: "Moss skein", variantSku: moss!.sku },
      ],
    });
    expect(edited.status).toBe(200);
    expect(await imagesOf()).toEqual([
      ["/images/yarn/sloe.svg", "Sloe skein", `MSM-${n}-SLOE`],
      ["/images/yarn/moss.svg", "Moss skein", `MSM-${n}-MOSS`],
    ]);
  });

  it("refuses a photo from this shop's uploads that is no longer stored, pointing at the photo, writing nothing", async () => {
    const body = productBody({ images: [{ url: "/uploads/AAAAAAAAAAAAAAAAAAAAAA.jpg", alt: "Gone" }] });
    const response = await create(body);
    expect(response.status).toBe(400);
    expect(((await response.json()) as ErrorJson).error.details).toEqual([expect.objectContaining({ path: "images.0.url" })]);
    expect(await withFreshClient((read) => read.select().from(products).where(eq(products.slug, body.slug as string)))).toEqual([]);
  });
});
