import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { writeTransaction } from "@/lib/db";
import { inventoryAdjustments, productVariants } from "@/lib/db/schema";
import { createVariant } from "@/tests/factories/product";
import { withFreshClient } from "@/tests/factories/fresh-client";
import { adjustStock, decrementStock, incrementStock } from "./stock";

async function stockAndLedger(variantId: number) {
  return withFreshClient(async (db) => {
    const [variant] = await db.select().from(productVariants).where(eq(productVariants.id, variantId));
    const ledger = await db.select().from(inventoryAdjustments).where(eq(inventoryAdjustments.variantId, variantId)).orderBy(inventoryAdjustments.id);
    return { stock: variant!.stock, ledger, ledgerSum: ledger.reduce((sum, row) => sum + row.delta, 0) };
  });
}

describe("stock changes", () => {
  it("writes a ledger row with before and after for every change, so the ledger always sums to the stock", async () => {
    const variant = await createVariant({ stock: 5 });
    await writeTransaction(async (tx) => {
      await decrementStock(tx, { variantId: variant.variantId, quantity: 3, reason: "order", reference: "HD-1", actor: "webhook" });
      await incrementStock(tx, { variantId: variant.variantId, quantity: 10, reason: "restock", actor: "admin:owner", note: "new dye lot" });
    });
    const state = await stockAndLedger(variant.variantId);
    expect(state.stock).toBe(12);
    expect(state.ledgerSum).toBe(12);
    expect(state.ledger.slice(1).map((row) => [row.delta, row.stockBefore, row.stockAfter, row.reason, row.reference, row.actor])).toEqual([
      [-3, 5, 2, "order", "HD-1", "webhook"],
      [10, 2, 12, "restock", null, "admin:owner"],
    ]);
  });

  it("refuses to take more than there is with insufficient_stock, and the transaction leaves stock and ledger untouched", async () => {
    const variant = await createVariant({ stock: 2 });
    const attempt = writeTransaction(async (tx) => {
      await decrementStock(tx, { variantId: variant.variantId, quantity: 1, reason: "order" });
      await decrementStock(tx, { variantId: variant.variantId, quantity: 2, reason: "order" });
    });
    await expect(attempt).rejects.toMatchObject({ code: "insufficient_stock", details: [{ variantId: variant.variantId, requested: 2, available: 1 }] });
    const state = await stockAndLedger(variant.variantId);
    expect(state.stock).toBe(2);
    expect(state.ledger).toHaveLength(1);
  });

  it("refuses a zero change and an unknown variant", async () => {
    const variant = await createVariant({ stock: 2 });
    await expect(writeTransaction((tx) => adjustStock(tx, { variantId: variant.variantId, delta: 0, reason: "correction" }))).rejects.toMatchObject({
      code: "bad_request",
    });
    await expect(writeTransaction((tx) => adjustStock(tx, { variantId: 987_654, delta: -1, reason: "correction" }))).rejects.toMatchObject({
      code: "not_found",
    });
  });

  it("applies a change only if the stock is still what the caller saw, else refuses with stale_stock", async () => {
    const variant = await createVariant({ stock: 6 });
    const move = await writeTransaction((tx) => adjustStock(tx, { variantId: variant.variantId, delta: 4, reason: "received", expectedStock: 6 }));
    expect(move).toMatchObject({ stockBefore: 6, stockAfter: 10 });
    const stale = writeTransaction((tx) => adjustStock(tx, { variantId: variant.variantId, delta: -2, reason: "damaged", expectedStock: 6 }));
    await expect(stale).rejects.toMatchObject({ code: "stale_stock", details: [{ variantId: variant.variantId, expectedStock: 6, currentStock: 10 }] });
    const state = await stockAndLedger(variant.variantId);
    expect(state.stock).toBe(10);
    expect(state.ledgerSum).toBe(10);
  });
});
