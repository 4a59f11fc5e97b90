import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { closeDb, db } from "@/lib/db";
import { resetEnvForTests } from "@/lib/env";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/database";
import { seedAtScale, type ScaleSeedProgress } from "./seed-at-scale";
import { seedDemoData } from "./seed-demo-data";

const ANCHOR = new Date("2026-06-01T12:00:00.000Z");
const extraDatabases: TestDatabase[] = [];
afterAll(() => extraDatabases.forEach((database) => database.remove()));

async function useNewDatabase(name: string) {
  const database = await createTestDatabase(name);
  extraDatabases.push(database);
  await closeDb();
  process.env.DATABASE_URL = database.url;
  resetEnvForTests();
  return database;
}

async function dumpOrdersAndLedger() {
  const read = await db();
  return {
    orders: await read.all(sql`SELECT * FROM orders ORDER BY id`),
    ledger: await read.all(sql`SELECT * FROM inventory_adjustments ORDER BY id`),
    variants: await read.all(sql`SELECT * FROM product_variants ORDER BY id`),
  };
}

describe("the scale seed", () => {
  it("seeds two years of orders in batches, reporting progress, with a ledger that sums to stock", async () => {
    await useNewDatabase("scale");
    const progress: ScaleSeedProgress[] = [];
    const result = await seedAtScale({ orders: 4500, variants: 300, anchor: ANCHOR, onProgress: (p) => progress.push(p) });

    expect(result.orders).toBe(4500);
    expect(result.variants).toBe(300);
    expect(result.customers).toBeGreaterThan(1000);
    expect(progress.filter((p) => p.stage === "orders").map((p) => p.done)).toEqual([0, 2000, 4000, 4500]);

    const read = await db();
    const [counts] = await read.all<{ variants: number; orders: number; items: number; customers: number }>(sql`
      SELECT (SELECT count(*) FROM product_variants) AS variants, (SELECT count(*) FROM orders) AS orders,
             (SELECT count(*) FROM order_items) AS items, (SELECT count(*) FROM customers) AS customers`);
    expect(counts).toEqual({ variants: 300, orders: 4500, items: result.orderItems, customers: result.customers });

    const mismatches = await read.all(sql`
      SELECT v.id FROM product_variants v LEFT JOIN inventory_adjustments a ON a.variant_id = v.id
      GROUP BY v.id HAVING v.stock != coalesce(sum(a.delta), 0)`);
    expect(mismatches).toEqual([]);
    const brokenChain = await read.all(sql`SELECT id FROM inventory_adjustments WHERE stock_after != stock_before + delta OR stock_after < 0`);
    expect(brokenChain).toEqual([]);

    const [span] = await read.all<{ first: string; last: string }>(sql`SELECT min(created_at) AS first, max(created_at) AS last FROM orders`);
    const ageDays = (iso: string) => (ANCHOR.getTime() - new Date(iso).getTime()) / 86_400_000;
    expect(ageDays(span!.first)).toBeGreaterThan(725);
    expect(ageDays(span!.first)).toBeLessThanOrEqual(730);
    expect(ageDays(span!.last)).toBeLessThan(1);

    const lateCustomers = await read.all(sql`
      SELECT c.id FROM customers c WHERE c.created_at > (SELECT min(o.created_at) FROM orders o WHERE o.customer_id = c.id)`);
    expect(lateCustomers).toEqual([]);
    const codes = await read.all<{ uses: number; redemptions: number }>(sql`
      SELECT d.uses, (SELECT count(*) FROM discount_redemptions r WHERE r.discount_code_id = d.id) AS redemptions FROM discount_codes d`);
    for (const code of codes) expect(code.uses).toBe(code.redemptions);
    expect(await read.all(sql`PRAGMA foreign_key_check`)).toEqual([]);
    const [eventless] = await read.all<{ n: number }>(sql`SELECT count(*) AS n FROM orders o WHERE NOT EXISTS (SELECT 1 FROM order_events e WHERE e.order_id = o.id AND e.type = 'created')`);
    expect(eventless!.n).toBe(0);

    // One stored photo per colourway, shared by every product in that colour.
    const [photos] = await read.all<{ uploads: number; urls: number; images: number; unstored: number }>(sql`
      SELECT (SELECT count(*) FROM uploads) AS uploads, (SELECT count(DISTINCT url) FROM product_images) AS urls,
             (SELECT count(*) FROM product_images) AS images,
             (SELECT count(*) FROM product_images i WHERE NOT EXISTS (SELECT 1 FROM uploads u WHERE u.url = i.url)) AS unstored`);
    expect(photos!.uploads).toBe(photos!.urls);
    expect(photos!.images).toBeGreaterThan(photos!.uploads);
    expect(photos!.unstored).toBe(0);
  });

  it("builds the same shop from the same anchor", async () => {
    await useNewDatabase("first");
    await seedAtScale({ orders: 600, variants: 60, anchor: ANCHOR });
    const first = await dumpOrdersAndLedger();
    await useNewDatabase("second");
    await seedAtScale({ orders: 600, variants: 60, anchor: ANCHOR });
    expect(await dumpOrdersAndLedger()).toEqual(first);
  });

  it("refuses a database that already holds a shop and changes nothing", async () => {
    await useNewDatabase("demo");
    await seedDemoData({ anchor: ANCHOR });
    const before = await dumpOrdersAndLedger();
    await expect(seedAtScale({ orders: 10, anchor: ANCHOR })).rejects.toThrow(/only fills an empty database/);
    expect(await dumpOrdersAndLedger()).toEqual(before);
  });
});
