import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createReservation } from "@/tests/factories/checkout";
import { createCollection, createProduct } from "@/tests/factories/product";
import { findVariantsBySku, listInventory } from "./list-inventory";

const threshold = { lowStockThreshold: 5 };

describe("the inventory table", () => {
  it("shows on hand, reserved by live checkouts only, available and the low-stock flags; filters, searches, sorts and pages in SQL", async () => {
    const collection = await createCollection({ name: "Shelf test" });
    const product = await createProduct({
      name: "Zephyr Inventory Test",
      collectionIds: [collection.id],
      variants: [
        { name: "Plenty", stock: 40 },
        { name: "Held", stock: 8 },
        { name: "Empty", stock: 0 },
      ],
    });
    await createProduct({ name: "Zephyr Elsewhere", variants: [{ name: "Other", stock: 3 }] });
    const [plenty, held] = product.variants;
    await createReservation({ variantId: held!.id, quantity: 4 });
    // An expired hold no longer counts, even before the cleanup cron deletes it.
    await createReservation({ variantId: plenty!.id, quantity: 30, expiresAt: new Date(Date.now() - 60_000).toISOString() });

    const reader = await db();
    const all = await listInventory(reader, { q: "Zephyr Inventory" }, threshold);
    expect(all.total).toBe(3);
    expect(all.rows.map((row) => [row.variantName, row.onHand, row.reserved, row.available, row.isLow, row.isOut])).toEqual([
      ["Plenty", 40, 0, 40, false, false],
      ["Held", 8, 4, 4, true, false],
      ["Empty", 0, 0, 0, true, true],
    ]);

    const low = await listInventory(reader, { q: "zephyr", stock: "low" }, threshold);
    expect(low.rows.map((row) => row.variantName).sort()).toEqual(["Empty", "Held", "Other"]);
    expect(low.total).toBe(3);
    const out = await listInventory(reader, { q: "zephyr", stock: "out" }, threshold);
    expect(out.rows.map((row) => row.variantName)).toEqual(["Empty"]);
    const inCollection = await listInventory(reader, { q: "zephyr", collection: collection.id }, threshold);
    expect(inCollection.total).toBe(3);

    const bySku = await listInventory(reader, { q: held!.sku.toLowerCase() }, threshold);
    expect(bySku.rows.map((row) => row.variantId)).toEqual([held!.id]);
    // A % the owner types is a character, not a wildcard.
    expect((await listInventory(reader, { q: "Zephyr%Test" }, threshold)).total).toBe(0);

    const byAvailable = await listInventory(reader, { q: "zephyr", sort: "available", dir: "desc" }, threshold);
    expect(byAvailable.rows.map((row) => row.available)).toEqual([40, 4, 3, 0]);
    const paged = await listInventory(reader, { q: "zephyr", sort: "available", dir: "desc", page: 2, pageSize: 3 }, threshold);
    expect(paged).toMatchObject({ total: 4, page: 2, pageCount: 2 });
    expect(paged.rows.map((row) => row.available)).toEqual([0]);
  });

  it("falls back to defaults for unusable parameters instead of failing", async () => {
    const page = await listInventory(await db(), { sort: "nonsense", dir: "sideways", page: -3, stock: "?" } as never, threshold);
    expect(page.page).toBe(1);
  });

  it("finds variants by SKU for a stock count, leaving unknown SKUs out", async () => {
    const product = await createProduct({ variants: [{ stock: 2 }, { stock: 9 }] });
    const found = await findVariantsBySku(await db(), [product.variants[1]!.sku, "NO-SUCH-SKU"]);
    expect(found).toEqual([expect.objectContaining({ variantId: product.variants[1]!.id, stock: 9 })]);
  });
});
