// The product page as the server renders it for a colourway in a shop update: the update's times go to
// the browser, and the first render (the one a cache keeps) never sells before the live minute.
import { renderToStaticMarkup } from "react-dom/server";
import type { ReactElement } from "react";
import { describe, expect, it, vi } from "vitest";
import { createProduct } from "@/tests/factories/product";
import { createShopUpdate } from "@/tests/factories/shop-update";
import { isoAfter } from "@/lib/time";
import ProductPage from "./page";

vi.mock("next/cache", () => import("@/tests/factories/next-cache"));
vi.mock("next/headers", () => import("@/tests/factories/admin-request-scope"));
vi.mock("next/server", async (importOriginal) => ({ ...(await importOriginal<typeof import("next/server")>()), connection: async () => undefined }));

const render = async (slug: string) => renderToStaticMarkup((await ProductPage({ params: Promise.resolve({ slug }) })) as ReactElement);
const buyButton = (html: string) => /<button type="submit"[^>]*>([^<]*)<\/button>/.exec(html);

describe("/products/[slug] during a shop update", () => {
  it("before the live minute: the live time with the time left, and no way to add it", async () => {
    const product = await createProduct({ variants: [{ name: "Moss", stock: 4 }] });
    const liveAt = isoAfter(90 * 60_000);
    await createShopUpdate({ name: "Friday update", previewAt: isoAfter(-60_000), liveAt, items: [{ variantId: product.variants[0]!.id }] });

    const html = await render(product.slug);
    expect(html).toContain('data-testid="update-status" data-state="preview"');
    expect(html).toMatch(/Goes live \w+ \d\d:\d\d \(UK time\)/);
    expect(html).toMatch(/role="timer"[^>]*>in 1 h (29|30) min</);
    expect(buyButton(html)?.[0]).toContain(" disabled=\"\"");
    expect(buyButton(html)?.[1]).toBe("Not on sale yet");
    // The times themselves reach the browser, which flips the page on its own clock.
    expect(html).not.toContain("is live now");
  });

  it("before a preview time: only \"Coming soon\", the live time not announced yet", async () => {
    const product = await createProduct({ variants: [{ stock: 4 }] });
    await createShopUpdate({ name: "Friday update", previewAt: isoAfter(60 * 60_000), liveAt: isoAfter(120 * 60_000), items: [{ variantId: product.variants[0]!.id }] });

    const html = await render(product.slug);
    expect(html).toContain("Coming soon");
    expect(html).not.toContain("Goes live");
    expect(buyButton(html)?.[1]).toBe("Not on sale yet");
  });

  it("once live it sells, and a product in no update renders as before", async () => {
    const live = await createProduct({ variants: [{ stock: 4 }] });
    await createShopUpdate({ name: "Friday update", liveAt: isoAfter(-60_000), items: [{ variantId: live.variants[0]!.id }] });
    const liveHtml = await render(live.slug);
    expect(liveHtml).toContain('data-state="live"');
    expect(buyButton(liveHtml)?.[1]).toBe("Add to cart");
    // The cached render knows no stock: the button waits for the live read, not for the update.
    expect(liveHtml).toContain("Checking stock");

    const free = await createProduct({ variants: [{ stock: 4 }] });
    const freeHtml = await render(free.slug);
    expect(freeHtml).not.toContain("update-status");
    expect(buyButton(freeHtml)?.[1]).toBe("Add to cart");
  });

  it("sends shoppers of a live update with a waiting room to its room, and shows no room link without one", async () => {
    const roomed = await createProduct({ variants: [{ stock: 4 }] });
    const updateId = await createShopUpdate({ name: "Room drop", liveAt: isoAfter(-60_000), admitPerMinute: 20, items: [{ variantId: roomed.variants[0]!.id }] });
    const html = await render(roomed.slug);
    expect(html).toContain('data-testid="waiting-room-link"');
    expect(html).toContain(`href="/updates/${updateId}/waiting-room"`);

    const open = await createProduct({ variants: [{ stock: 4 }] });
    await createShopUpdate({ name: "Open drop", liveAt: isoAfter(-60_000), items: [{ variantId: open.variants[0]!.id }] });
    expect(await render(open.slug)).not.toContain("waiting-room-link");
  });
});
