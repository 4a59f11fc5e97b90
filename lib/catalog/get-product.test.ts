import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { isoAfter } from "@/lib/time";
import { createCollection, createProduct } from "@/tests/factories/product";
import { createReservation } from "@/tests/factories/checkout";
import { getActiveProduct } from "./get-product";

describe("the product page's data", () => {
  it("is there for an active product, with its active variants in order, images and collections", async () => {
    const collection = await createCollection({ name: "Sock yarn" });
    const product = await createProduct({
      name: "Merino Sock",
      collectionIds: [collection.id],
      images: [{ url: "/images/yarn/hawthorn.svg", alt: "Hawthorn skein" }],
      variants: [
        { options: { colour: "Hawthorn", weight: "4ply" }, price: 1800, compareAtPrice: 2000, stock: 24 },
        { options: { colour: "Sloe", weight: "4ply" }, stock: 3, isActive: false },
        { options: { colour: "Bracken", weight: "DK" }, stock: 0, imageUrl: "/images/yarn/bracken.svg" },
      ],
    });
    const detail = await getActiveProduct(await db(), product.slug);
    expect(detail).toMatchObject({ name: "Merino Sock", collections: [{ name: "Sock yarn" }] });
    expect(detail!.variants.map((variant) => [variant.name, variant.available])).toEqual([
      ["Hawthorn / 4ply", 24],
      ["Bracken / DK", 0],
    ]);
    expect(detail!.variants[0]).toMatchObject({ price: 1800, compareAtPrice: 2000, options: { colour: "Hawthorn", weight: "4ply" } });
    expect(detail!.images.map((image) => [image.url, image.variantId])).toEqual([
      ["/images/yarn/hawthorn.svg", null],
      ["/images/yarn/bracken.svg", product.variants[2]!.id],
    ]);
  });

  it.each(["draft", "archived"] as const)("is missing for a %s product, so the page is a 404", async (status) => {
    const product = await createProduct({ status });
    expect(await getActiveProduct(await db(), product.slug)).toBeNull();
  });

  it("is missing for an unknown slug", async () => {
    expect(await getActiveProduct(await db(), "no-such-yarn")).toBeNull();
  });

  it("subtracts active reservations from stock but not expired ones", async () => {
    const product = await createProduct({ variants: [{ stock: 10 }, { stock: 4 }] });
    const [first, second] = product.variants;
    await createReservation({ variantId: first!.id, quantity: 3 });
    await createReservation({ variantId: first!.id, quantity: 2 });
    await createReservation({ variantId: first!.id, quantity: 4, expiresAt: isoAfter(-1) });
    await createReservation({ variantId: second!.id, quantity: 4 });

    const detail = await getActiveProduct(await db(), product.slug);
    expect(detail!.variants.map((variant) => variant.available)).toEqual([5, 0]);
  });

  it("never shows less than zero when reservations exceed a stock that was lowered", async () => {
    const product = await createProduct({ variants: [{ stock: 1 }] });
    await createReservation({ variantId: product.variants[0]!.id, quantity: 3 });
    const detail = await getActiveProduct(await db(), product.slug);
    expect(detail!.variants[0]!.available).toBe(0);
  });
});
