import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { PATCH } from "@/app/api/admin/products/[id]/route";
import { POST } from "@/app/api/admin/products/route";
import { db, writeTransaction } from "@/lib/db";
import { productVariants } from "@/lib/db/schema";
import { incrementStock } from "@/lib/inventory/stock";
import { restoreAdminEnv, useOwnerLogin } from "@/tests/factories/admin-env";
import { adminRequest, ownerCookie } from "@/tests/factories/admin-requests";
import { withFreshClient } from "@/tests/factories/fresh-client";
import { withLiveAvailability } from "@/lib/catalog/get-product";
import { cachedActiveProduct, cachedSettings } from "./storefront-cache";

// Next's data cache as the page sees it, outside Next: entries kept until a tag they carry is
// expired. Each expiry also records the price the database held at that moment.
const nextCache = vi.hoisted(() => ({
  entries: new Map<string, { value: unknown; tags: readonly string[] }>(),
  expired: [] as { tag: string; profile: unknown; priceAtExpiry: number | null }[],
  watchVariant: null as number | null,
}));

vi.mock("next/cache", async () => {
  const { db: database } = await import("@/lib/db");
  const schema = await import("@/lib/db/schema");
  const { eq: equals } = await import("drizzle-orm");
  return {
    unstable_cache:
      <A extends unknown[], R>(read: (...args: A) => Promise<R>, keyParts: string[], options: { tags: string[] }) =>
      async (...args: A): Promise<R> => {
        const key = JSON.stringify([keyParts, args]);
        const hit = nextCache.entries.get(key);
        if (hit) return structuredClone(hit.value) as R;
        const value = await read(...args);
        nextCache.entries.set(key, { value, tags: options.tags });
        return structuredClone(value);
      },
    revalidateTag: (tag: string, profile: unknown) => {
      for (const [key, entry] of nextCache.entries) if (entry.tags.includes(tag)) nextCache.entries.delete(key);
      // Synchronous on purpose: the write must already be committed when its tag is expired.
      nextCache.expired.push({ tag, profile, priceAtExpiry: null });
      const variantId = nextCache.watchVariant;
      if (variantId === null) return;
      const record = nextCache.expired.at(-1)!;
      void database()
        .then((read) => read.select({ price: schema.productVariants.price }).from(schema.productVariants).where(equals(schema.productVariants.id, variantId)))
        .then(([row]) => (record.priceAtExpiry = row?.price ?? null));
    },
  };
});

beforeAll(() => useOwnerLogin());
afterAll(() => restoreAdminEnv());

const params = (id: number) => ({ params: Promise.resolve({ id: String(id) }) });

function productBody(price: number, variantId?: number) {
  return {
    name: "Cached Hedgerow Merino",
    slug: "cached-hedgerow-merino",
    description: "Dyed in small batches.",
    status: "active",
    images: [{ url: "https://images.example/hedgerow.jpg", alt: "A skein" }],
    variants: [{ id: variantId, options: { colour: "Sloe" }, sku: "CHM-SLOE", price, weightGrams: 100, initialStock: 5 }],
  };
}

/** What the product page renders: the product from the cache, its availability live. */
async function productPageData(slug: string) {
  const product = await cachedActiveProduct(slug);
  return product ? withLiveAvailability(await db(), product) : null;
}

describe("the storefront's cached catalogue", () => {
  it("keeps the product until a save expires it, then shows the new price on the very next render", async () => {
    const created = await POST(adminRequest("/api/admin/products", { method: "POST", body: productBody(1800), cookie: ownerCookie() }), params(0));
    expect(created.status).toBe(201);
    const { product } = (await created.json()) as { product: { id: number; slug: string } };
    const variantId = (await withFreshClient((read) => read.select({ id: productVariants.id }).from(productVariants).where(eq(productVariants.productId, product.id))))[0]!.id;
    nextCache.entries.clear();

    expect((await productPageData(product.slug))!.variants[0]).toMatchObject({ price: 1800, available: 5 });
    // A write that goes round the owner's save is not seen: the page really is served from the cache.
    await writeTransaction((tx) => tx.update(productVariants).set({ compareAtPrice: 9900 }).where(eq(productVariants.id, variantId)));
    expect((await productPageData(product.slug))!.variants[0]!.compareAtPrice).toBeNull();

    nextCache.watchVariant = variantId;
    nextCache.expired.length = 0;
    const saved = await PATCH(
      adminRequest(`/api/admin/products/${product.id}`, { method: "PATCH", body: productBody(2400, variantId), cookie: ownerCookie() }),
      params(product.id),
    );
    expect(saved.status).toBe(200);
    expect(nextCache.expired.map(({ tag, profile }) => [tag, profile])).toEqual([["catalog", { expire: 0 }]]);
    expect((await productPageData(product.slug))!.variants[0]).toMatchObject({ price: 2400 });
    await vi.waitFor(() => expect(nextCache.expired[0]!.priceAtExpiry).toBe(2400));
    nextCache.watchVariant = null;
  });

  it("shows a stock move on the next render without expiring anything: availability is never cached", async () => {
    const created = await POST(
      adminRequest("/api/admin/products", { method: "POST", body: { ...productBody(1500), slug: "cached-stock-merino", variants: [{ ...productBody(1500).variants[0], sku: "CSM-1" }] }, cookie: ownerCookie() }),
      params(0),
    );
    const { product } = (await created.json()) as { product: { id: number; slug: string } };
    const before = await productPageData(product.slug);
    expect(before!.variants[0]!.available).toBe(5);

    nextCache.expired.length = 0;
    await writeTransaction((tx) => incrementStock(tx, { variantId: before!.variants[0]!.id, quantity: 7, reason: "restock", actor: "test" }));
    expect((await productPageData(product.slug))!.variants[0]!.available).toBe(12);
    expect(nextCache.expired).toEqual([]);
  });

  it("keeps the settings until a settings save expires them", async () => {
    const first = await cachedSettings();
    expect(await cachedSettings()).toEqual(first);
    expect([...nextCache.entries.values()].some((entry) => entry.tags.includes("settings"))).toBe(true);
  });
});
