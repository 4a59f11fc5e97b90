import { describe, expect, it } from "vitest";
import { db, statementCount } from "@/lib/db";
import { isoAfter } from "@/lib/time";
import { createCollection, createProduct } from "@/tests/factories/product";
import { createReservation } from "@/tests/factories/checkout";
import { listCollections } from "./list-collections";
import { listProducts } from "./list-products";

const daysAgo = (days: number) => isoAfter(-days * 86_400_000);

describe("product listings", () => {
  it("never list drafts, archived products or products without an active variant", async () => {
    const collection = await createCollection();
    const collectionIds = [collection.id];
    const shown = await createProduct({ name: "Shown", collectionIds });
    await createProduct({ name: "Draft", status: "draft", collectionIds });
    await createProduct({ name: "Archived", status: "archived", collectionIds });
    await createProduct({ name: "No variants on sale", variants: [{ isActive: false }], collectionIds });

    const listing = await listProducts(await db(), { collectionId: collection.id });
    expect(listing.cards.map((card) => card.name)).toEqual([shown.name]);
    expect(listing.total).toBe(1);
  });

  it("filter by collection, sort by newest or price, and page", async () => {
    const socks = await createCollection({ name: "Socks" });
    const other = await createCollection({ name: "Other" });
    const made = [];
    for (const [index, price] of [1500, 900, 2400, 1200, 3000].entries()) {
      made.push(
        await createProduct({
          name: `Sock ${index}`,
          createdAt: daysAgo(10 - index),
          variants: [{ price }, { price: price + 500 }],
          collectionIds: [socks.id],
        }),
      );
    }
    await createProduct({ name: "Elsewhere", collectionIds: [other.id] });
    const read = await db();

    const newest = await listProducts(read, { collectionId: socks.id, sort: "newest", perPage: 2 });
    expect(newest.cards.map((card) => card.name)).toEqual(["Sock 4", "Sock 3"]);
    expect(newest).toMatchObject({ total: 5, page: 1, pageCount: 3 });

    const lastPage = await listProducts(read, { collectionId: socks.id, sort: "newest", perPage: 2, page: 3 });
    expect(lastPage.cards.map((card) => card.name)).toEqual(["Sock 0"]);

    const cheapest = await listProducts(read, { collectionId: socks.id, sort: "price-asc" });
    expect(cheapest.cards.map((card) => card.fromPrice)).toEqual([900, 1200, 1500, 2400, 3000]);
    expect(cheapest.cards[0]).toMatchObject({ hasPriceRange: true });

    const dearest = await listProducts(read, { collectionId: socks.id, sort: "price-desc" });
    expect(dearest.cards.map((card) => card.fromPrice)).toEqual([3000, 2400, 1500, 1200, 900]);
  });

  it("mark a product sold out only when every variant's stock is held or gone", async () => {
    const collection = await createCollection();
    const held = await createProduct({ name: "Held", variants: [{ stock: 2 }, { stock: 0 }], collectionIds: [collection.id] });
    await createReservation({ variantId: held.variants[0]!.id, quantity: 2 });
    const expiredHold = await createProduct({ name: "Expired hold", variants: [{ stock: 2 }], collectionIds: [collection.id] });
    await createReservation({ variantId: expiredHold.variants[0]!.id, quantity: 2, expiresAt: isoAfter(-1000) });

    const listing = await listProducts(await db(), { collectionId: collection.id });
    const soldOut = Object.fromEntries(listing.cards.map((card) => [card.name, card.isSoldOut]));
    expect(soldOut).toEqual({ Held: true, "Expired hold": false });
  });

  it("show the cheapest variant's compare-at price only when it is a real reduction", async () => {
    const collection = await createCollection();
    await createProduct({ name: "On sale", variants: [{ price: 3800, compareAtPrice: 4200 }, { price: 4000 }], collectionIds: [collection.id] });
    await createProduct({ name: "Odd data", variants: [{ price: 3800, compareAtPrice: 3000 }], collectionIds: [collection.id] });
    const listing = await listProducts(await db(), { collectionId: collection.id, sort: "price-asc" });
    expect(Object.fromEntries(listing.cards.map((card) => [card.name, card.compareAtPrice]))).toEqual({ "On sale": 4200, "Odd data": null });
  });

  it("read a page of 12 cards in as many statements as a page of 1", async () => {
    const small = await createCollection();
    const large = await createCollection();
    await createProduct({ collectionIds: [small.id] });
    for (let i = 0; i < 12; i += 1) await createProduct({ variants: [{}, {}, {}], collectionIds: [large.id] });
    const read = await db();

    let before = statementCount();
    await listProducts(read, { collectionId: small.id });
    const forOne = statementCount() - before;
    before = statementCount();
    const listing = await listProducts(read, { collectionId: large.id });
    const forTwelve = statementCount() - before;
    expect(listing.cards).toHaveLength(12);
    expect(forTwelve).toBe(forOne);
  });
});

describe("collection summaries", () => {
  it("count only active products and leave out collections with none", async () => {
    const empty = await createCollection({ name: "Only drafts" });
    await createProduct({ status: "draft", collectionIds: [empty.id] });
    const full = await createCollection({ name: "Full", isFeatured: true });
    await createProduct({ collectionIds: [full.id], images: [{ url: "/images/yarn/moss.svg" }] });
    await createProduct({ status: "archived", collectionIds: [full.id] });

    const summaries = await listCollections(await db());
    expect(summaries.find((summary) => summary.id === empty.id)).toBeUndefined();
    expect(summaries.find((summary) => summary.id === full.id)).toMatchObject({ productCount: 1, imageUrl: "/images/yarn/moss.svg" });
    const featured = await listCollections(await db(), { featuredOnly: true });
    expect(featured.map((summary) => summary.id)).toEqual([full.id]);
  });
});
