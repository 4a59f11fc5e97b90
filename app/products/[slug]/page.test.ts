// The product page as Next's full-route cache keeps it: rendered from tagged cached reads only, with no stock in it, and new after a save.
import { eq } from "drizzle-orm";
import { renderToStaticMarkup } from "react-dom/server";
import type { ReactElement } from "react";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { PATCH } from "@/app/api/admin/products/[id]/route";
import { POST } from "@/app/api/admin/products/route";
import { productVariants } from "@/lib/db/schema";
import { withFreshClient } from "@/tests/factories/fresh-client";
import { restoreAdminEnv, useOwnerLogin } from "@/tests/factories/admin-env";
import { adminRequest, ownerCookie } from "@/tests/factories/admin-requests";
import ProductPage, { generateStaticParams } from "./page";

// Next's cache outside Next: an entry lives until a tag it carries is expired; `tagsRead` is what a
// render of the page would carry (what revalidateTag expires it by).
const nextCache = vi.hoisted(() => ({ entries: new Map<string, { value: unknown; tags: readonly string[] }>(), tagsRead: new Set<string>() }));

vi.mock("next/cache", () => ({
  unstable_cache:
    <A extends unknown[], R>(read: (...args: A) => Promise<R>, keyParts: string[], options: { tags: string[] }) =>
    async (...args: A): Promise<R> => {
      for (const tag of options.tags) nextCache.tagsRead.add(tag);
      const key = JSON.stringify([keyParts, args]);
      const hit = nextCache.entries.get(key);
      if (hit) return structuredClone(hit.value) as R;
      const value = await read(...args);
      nextCache.entries.set(key, { value, tags: options.tags });
      return structuredClone(value);
    },
  revalidateTag: (tag: string) => {
    for (const [key, entry] of nextCache.entries) if (entry.tags.includes(tag)) nextCache.entries.delete(key);
  },
}));
// A cached page is one for every visitor: reading the request would make it per request.
vi.mock("next/headers", () => ({
  cookies: () => {
    throw new Error("the product page read a cookie");
  },
  headers: () => {
    throw new Error("the product page read a header");
  },
}));
vi.mock("next/navigation", async (original) => ({ ...(await original<typeof import("next/navigation")>()), useSearchParams: () => new URLSearchParams() }));

beforeAll(() => useOwnerLogin());
afterAll(() => restoreAdminEnv());

const idParams = (id: number) => ({ params: Promise.resolve({ id: String(id) }) });
const render = async (slug: string) => renderToStaticMarkup((await ProductPage({ params: Promise.resolve({ slug }) })) as ReactElement);

function productBody(price: number, variantId?: number) {
  return {
    name: "Cached Sloe Merino",
    slug: "cached-sloe-merino",
    description: "Dyed in small batches.",
    status: "active",
    images: [{ url: "https://images.example/sloe.jpg", alt: "A skein" }],
    variants: [{ id: variantId, options: { colour: "Sloe" }, sku: "CSM-SLOE", price, weightGrams: 100, initialStock: 2 }],
  };
}

describe("the product page in Next's full-route cache", () => {
  it("is rendered on a product's first request, none at build", () => {
    expect(generateStaticParams()).toEqual([]);
  });

  it("carries name, price and photos but no stock, and shows a saved price on the very next render", async () => {
    const created = await POST(adminRequest("/api/admin/products", { method: "POST", body: productBody(1800), cookie: ownerCookie() }), idParams(0));
    expect(created.status).toBe(201);
    const { product } = (await created.json()) as { product: { id: number; slug: string } };
    nextCache.entries.clear();
    nextCache.tagsRead.clear();

    const first = await render(product.slug);
    expect(first).toContain("Cached Sloe Merino");
    expect(first).toContain("18.00");
    expect(first).toContain("https://images.example/sloe.jpg");
    // Two units on the shelf and a low-stock threshold above that: a page with stock in it would say "Only 2 left".
    expect(first).toContain("Checking stock…");
    expect(first).not.toMatch(/Only \d+ left|In stock<|Sold out</);
    expect([...nextCache.tagsRead].sort()).toEqual(["catalog", "settings"]);

    const variantId = (await withFreshClient((read) => read.select({ id: productVariants.id }).from(productVariants).where(eq(productVariants.productId, product.id))))[0]!.id;
    const saved = await PATCH(adminRequest(`/api/admin/products/${product.id}`, { method: "PATCH", body: productBody(2400, variantId), cookie: ownerCookie() }), idParams(product.id));
    expect(saved.status).toBe(200);
    const next = await render(product.slug);
    expect(next).toContain("24.00");
    expect(next).not.toContain("18.00");
  });
});
