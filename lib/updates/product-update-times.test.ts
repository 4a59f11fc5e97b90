import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { POST as cancel } from "@/app/api/admin/updates/[id]/cancel/route";
import { POST as close } from "@/app/api/admin/updates/[id]/close/route";
import { DELETE, PATCH } from "@/app/api/admin/updates/[id]/route";
import { POST } from "@/app/api/admin/updates/route";
import { db } from "@/lib/db";
import { cachedProductUpdateTimes } from "@/lib/storefront/storefront-cache";
import { restoreAdminEnv, useOwnerLogin } from "@/tests/factories/admin-env";
import { adminRequest, ownerCookie } from "@/tests/factories/admin-requests";
import { createProduct } from "@/tests/factories/product";
import { createShopUpdate } from "@/tests/factories/shop-update";
import { productUpdateTimes } from "./product-update-times";

// Next's data cache as the product page sees it: an entry stays until a tag it carries is expired.
const nextCache = vi.hoisted(() => ({
  entries: new Map<string, { value: unknown; tags: readonly string[] }>(),
  expired: [] as string[],
}));

vi.mock("next/cache", () => ({
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
  revalidateTag: (tag: string) => {
    for (const [key, entry] of nextCache.entries) if (entry.tags.includes(tag)) nextCache.entries.delete(key);
    nextCache.expired.push(tag);
  },
}));

beforeAll(() => useOwnerLogin());
afterAll(() => restoreAdminEnv());
beforeEach(() => {
  nextCache.entries.clear();
  nextCache.expired.length = 0;
});

const HOUR = 60 * 60_000;
const inHours = (hours: number) => new Date(Date.now() + hours * HOUR).toISOString();
const params = (id: number) => ({ params: Promise.resolve({ id: String(id) }) });
const owner = (path: string, method: string, body?: unknown) => adminRequest(path, { method, body, cookie: ownerCookie() });

async function createViaApi(body: unknown): Promise<number> {
  const response = await POST(owner("/api/admin/updates", "POST", body), params(0));
  expect(response.status).toBe(201);
  return ((await response.json()) as { update: { id: number } }).update.id;
}

describe("productUpdateTimes", () => {
  it("gives each colourway in an unfinished update its update's times, and leaves out free, closed and cancelled ones", async () => {
    const product = await createProduct({ variants: [{ name: "Moss", stock: 3 }, { name: "Ember", stock: 3 }, { name: "Sloe", stock: 3 }, { name: "Rust", stock: 3 }] });
    const [moss, ember, sloe, rust] = product.variants.map((variant) => variant.id) as [number, number, number, number];
    const other = await createProduct({ variants: [{ stock: 2 }] });
    const previewAt = inHours(1);
    const liveAt = inHours(2);
    const closeAt = inHours(3);
    const updateId = await createShopUpdate({ name: "Friday update", previewAt, liveAt, closeAt, items: [{ variantId: moss }, { variantId: other.variants[0]!.id }] });
    await createShopUpdate({ name: "Went live", liveAt: inHours(-2), items: [{ variantId: ember }] });
    await createShopUpdate({ name: "Over", liveAt: inHours(-3), closeAt: inHours(-1), items: [{ variantId: sloe }] });
    await createShopUpdate({ name: "Called off", liveAt: inHours(5), cancelledAt: inHours(-1), items: [{ variantId: rust }] });

    const times = await productUpdateTimes(await db(), product.id);
    expect(Object.keys(times).map(Number).sort()).toEqual([moss, ember].sort());
    expect(times[moss]).toEqual({ updateId, name: "Friday update", previewAt, liveAt, closeAt, hasWaitingRoom: false });
    // A live update with no close time still governs (limits, holds): the page must know it.
    expect(times[ember]).toMatchObject({ name: "Went live", previewAt: null, closeAt: null });
    expect(await productUpdateTimes(await db(), other.id)).toEqual({ [other.variants[0]!.id]: expect.objectContaining({ updateId }) });
  });

  it("is empty for a product with no update, and for a product that does not exist", async () => {
    const product = await createProduct({ variants: [{ stock: 1 }] });
    expect(await productUpdateTimes(await db(), product.id)).toEqual({});
    expect(await productUpdateTimes(await db(), 987_654)).toEqual({});
  });
});

describe("a cached product page and the update writers", () => {
  it("creating, editing, cancelling and deleting an update each expire the catalog tag after commit, so the next render has the new times", async () => {
    const product = await createProduct({ variants: [{ name: "Moss", stock: 5 }] });
    const variantId = product.variants[0]!.id;
    expect(await cachedProductUpdateTimes(product.id)).toEqual({});

    const liveAt = inHours(24);
    const id = await createViaApi({ name: "Friday update", liveAt, items: [{ variantId, quantity: 3 }] });
    expect(nextCache.expired).toContain("catalog");
    expect((await cachedProductUpdateTimes(product.id))[variantId]).toMatchObject({ updateId: id, liveAt });

    const later = inHours(25);
    const patched = await PATCH(owner(`/api/admin/updates/${id}`, "PATCH", { liveAt: later }), params(id));
    expect(patched.status).toBe(200);
    expect((await cachedProductUpdateTimes(product.id))[variantId]).toMatchObject({ liveAt: later });

    const cancelled = await cancel(owner(`/api/admin/updates/${id}/cancel`, "POST"), params(id));
    expect(cancelled.status).toBe(200);
    expect(await cachedProductUpdateTimes(product.id)).toEqual({});

    const second = await createViaApi({ name: "Saturday update", liveAt: inHours(48), items: [{ variantId }] });
    expect(Object.keys(await cachedProductUpdateTimes(product.id))).toEqual([String(variantId)]);
    nextCache.expired.length = 0;
    const deleted = await DELETE(owner(`/api/admin/updates/${second}`, "DELETE"), params(second));
    expect(deleted.status).toBe(200);
    expect(nextCache.expired).toEqual(["catalog"]);
    expect(await cachedProductUpdateTimes(product.id)).toEqual({});
  });

  it("closing a live update expires the tag: the page stops counting the colourway as in an update", async () => {
    const product = await createProduct({ variants: [{ stock: 5 }] });
    const variantId = product.variants[0]!.id;
    const id = await createShopUpdate({ liveAt: inHours(-1), items: [{ variantId }] });
    expect(Object.keys(await cachedProductUpdateTimes(product.id))).toEqual([String(variantId)]);

    const closed = await close(owner(`/api/admin/updates/${id}/close`, "POST"), params(id));
    expect(closed.status).toBe(200);
    expect(await cachedProductUpdateTimes(product.id)).toEqual({});
  });

  it("a refused write expires nothing and the cached times stay", async () => {
    const product = await createProduct({ variants: [{ stock: 5 }] });
    const variantId = product.variants[0]!.id;
    const id = await createShopUpdate({ liveAt: inHours(-1), items: [{ variantId }] });
    await cachedProductUpdateTimes(product.id);
    const refused = await cancel(owner(`/api/admin/updates/${id}/cancel`, "POST"), params(id));
    expect(refused.status).toBe(409);
    expect(nextCache.expired).toEqual([]);
    expect(Object.keys(await cachedProductUpdateTimes(product.id))).toEqual([String(variantId)]);
  });
});
