import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db, isConstraintError, writeTransaction } from "./index";
import { sqliteErrorCode } from "./errors";
import { customers, orderEvents, orders, products, productVariants, shippingZoneCountries, shippingZones } from "./schema";

async function createVariant(sku: string, stock: number) {
  return writeTransaction(async (tx) => {
    const [product] = await tx.insert(products).values({ slug: sku, name: sku, status: "active" }).returning();
    const [variant] = await tx.insert(productVariants).values({ productId: product!.id, sku, name: "Default", price: 900, stock }).returning();
    return variant!;
  });
}

async function captureError(work: () => Promise<unknown>): Promise<unknown> {
  try {
    await work();
  } catch (error) {
    return error;
  }
  throw new Error("expected the write to be refused");
}

describe("database constraints", () => {
  it("refuses to take stock below zero, leaving it unchanged", async () => {
    const variant = await createVariant("last-skein", 1);
    const error = await captureError(() =>
      writeTransaction((tx) => tx.update(productVariants).set({ stock: sql`${productVariants.stock} - 2` }).where(eq(productVariants.id, variant.id))),
    );
    expect(isConstraintError(error, "CHECK")).toBe(true);
    const read = await db();
    const [after] = await read.select().from(productVariants).where(eq(productVariants.id, variant.id));
    expect(after?.stock).toBe(1);
  });

  it("refuses a variant created with negative stock", async () => {
    const error = await captureError(() => createVariant("negative-from-start", -1));
    expect(isConstraintError(error, "CHECK")).toBe(true);
  });

  it("refuses a timestamp that is not ISO-8601 UTC with milliseconds", async () => {
    const error = await captureError(() =>
      writeTransaction((tx) => tx.insert(products).values({ slug: "bad-time", name: "Bad time", createdAt: "2026-11-22 03:05:33" })),
    );
    expect(isConstraintError(error, "CHECK")).toBe(true);
  });

  it("keeps emails unique regardless of how they were typed", async () => {
    const error = await captureError(() => writeTransaction((tx) => tx.insert(customers).values({ email: "Ann@Example.com" })));
    expect(isConstraintError(error, "CHECK")).toBe(true);
  });

  it("enforces foreign keys", async () => {
    const error = await captureError(() => writeTransaction((tx) => tx.insert(orderEvents).values({ orderId: 987654, type: "created" })));
    expect(isConstraintError(error, "FOREIGNKEY")).toBe(true);
  });

  it("refuses a shipping zone country Stripe Checkout cannot ship to (CU), writing nothing (migration 0014's trigger)", async () => {
    const error = await captureError(() =>
      writeTransaction(async (tx) => {
        const [zone] = await tx.insert(shippingZones).values({ name: "Caribbean" }).returning();
        await tx.insert(shippingZoneCountries).values([{ country: "JM", zoneId: zone!.id }, { country: "CU", zoneId: zone!.id }]);
      }),
    );
    expect(sqliteErrorCode(error)).toBe("SQLITE_CONSTRAINT_TRIGGER");
    const read = await db();
    expect(await read.select().from(shippingZones).where(eq(shippingZones.name, "Caribbean"))).toEqual([]);
    expect(await read.select().from(shippingZoneCountries)).toEqual([]);
  });

  it("allows only one order per checkout", async () => {
    const read = await db();
    const [{ count } = { count: 0 }] = await read.select({ count: sql<number>`count(*)` }).from(orders);
    expect(count).toBe(0);
    const indexes = await read.all<{ name: string; unique: number }>(sql`SELECT name, "unique" FROM pragma_index_list('orders')`);
    const columnsOf = async (index: string) => (await read.all<{ name: string }>(sql`SELECT name FROM pragma_index_info(${index})`)).map((c) => c.name);
    const uniqueColumnSets = await Promise.all(indexes.filter((index) => index.unique).map((index) => columnsOf(index.name)));
    expect(uniqueColumnSets).toContainEqual(["checkout_id"]);
  });
});
