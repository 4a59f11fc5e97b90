import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { closeDb, db } from "@/lib/db";
import { resetEnvForTests } from "@/lib/env";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/database";
import { readLocalUpload } from "@/lib/uploads/read-local-upload";
import { getAnalytics } from "@/lib/analytics/get-analytics";
import { seedDemoData } from "./seed-demo-data";

const ANCHOR = new Date("2026-06-01T12:00:00.000Z");
const TABLES = [
  "site_settings", "collections", "products", "product_collections", "product_variants", "product_images",
  "shipping_zones", "shipping_zone_countries", "shipping_rates", "discount_codes", "customers", "addresses",
  "orders", "order_items", "order_events", "discount_redemptions", "inventory_adjustments", "email_outbox",
  "checkouts", "storefront_sessions",
];

const extraDatabases: TestDatabase[] = [];
afterAll(() => extraDatabases.forEach((database) => database.remove()));

async function useDatabase(url: string) {
  await closeDb();
  process.env.DATABASE_URL = url;
  resetEnvForTests();
}

/**
 * Photos are stored under random keys, so a product image is compared by the photo it shows (its
 * upload's kind, size and bytes), not by its address.
 */
const PHOTO_OF_IMAGE = `(SELECT u.content_type || ' ' || u.width || 'x' || u.height || ' ' || u.bytes FROM uploads u WHERE u.url = product_images.url)`;

async function dumpAll(): Promise<Record<string, unknown[]>> {
  const read = await db();
  const dump: Record<string, unknown[]> = {};
  for (const table of TABLES) {
    const columns = table === "product_images" ? `id, product_id, variant_id, alt, position, created_at, ${PHOTO_OF_IMAGE} AS photo` : "*";
    dump[table] = await read.all(sql.raw(`SELECT ${columns} FROM ${table} ORDER BY rowid`));
  }
  return dump;
}

describe("the demo seed", () => {
  it("builds the same shop every time from the same anchor", async () => {
    const first = await createTestDatabase("first");
    const second = await createTestDatabase("second");
    extraDatabases.push(first, second);

    await useDatabase(first.url);
    const result = await seedDemoData({ anchor: ANCHOR });
    const firstDump = await dumpAll();
    await useDatabase(second.url);
    await seedDemoData({ anchor: ANCHOR });
    const secondDump = await dumpAll();

    expect(result).toEqual({ seeded: true, products: 14, variants: 29, customers: 200, orders: 1000 });
    expect(secondDump).toEqual(firstDump);
    expect(firstDump.orders).toHaveLength(1000);
    expect(firstDump.customers).toHaveLength(200);
    expect(firstDump.product_images!.every((image) => /^image\/webp 800x800 \d+$/.test(String((image as { photo: unknown }).photo)))).toBe(true);
  });

  it("stores each colourway's photo once through the photo storage, served from /uploads, every one in use", async () => {
    const read = await db();
    const photos = await read.all<{ url: string; storage_key: string; uses: number }>(
      sql`SELECT url, storage_key, (SELECT count(*) FROM product_images WHERE product_images.url = uploads.url) AS uses FROM uploads`,
    );
    const colours = await read.all<{ n: number }>(sql`SELECT count(DISTINCT url) AS n FROM product_images`);
    expect(photos.length).toBe(Number(colours[0]!.n));
    for (const photo of photos) {
      expect(photo.url).toBe(`/uploads/${photo.storage_key}`);
      expect(Number(photo.uses)).toBeGreaterThan(0);
      const served = await readLocalUpload([photo.storage_key]);
      expect(served?.contentType).toBe("image/webp");
    }
  });

  it("changes nothing when run on a database that already has a catalog", async () => {
    const before = await dumpAll();
    expect(before.products!.length).toBeGreaterThan(0);
    const again = await seedDemoData({ anchor: new Date() });
    expect(again.seeded).toBe(false);
    expect(await dumpAll()).toEqual(before);
  });

  it("keeps the stock ledger summing to every variant's stock", async () => {
    const read = await db();
    const mismatches = await read.all(sql`
      SELECT v.id, v.stock, coalesce(sum(a.delta), 0) AS ledger
      FROM product_variants v LEFT JOIN inventory_adjustments a ON a.variant_id = v.id
      GROUP BY v.id HAVING v.stock != coalesce(sum(a.delta), 0)`);
    expect(mismatches).toEqual([]);
  });

  it("spreads orders over the last 120 days with discount uses matching their redemptions", async () => {
    const read = await db();
    const [span] = await read.all<{ first: string; last: string }>(sql`SELECT min(created_at) AS first, max(created_at) AS last FROM orders`);
    const ageDays = (iso: string) => (ANCHOR.getTime() - new Date(iso).getTime()) / 86_400_000;
    expect(ageDays(span!.first)).toBeLessThanOrEqual(120);
    expect(ageDays(span!.first)).toBeGreaterThan(115);
    expect(ageDays(span!.last)).toBeLessThan(1);
    const codes = await read.all<{ code: string; uses: number; redemptions: number; usage_limit: number | null }>(sql`
      SELECT d.code, d.uses, d.usage_limit, (SELECT count(*) FROM discount_redemptions r WHERE r.discount_code_id = d.id) AS redemptions
      FROM discount_codes d ORDER BY d.code`);
    expect(codes).toHaveLength(2);
    for (const code of codes) {
      expect(code.uses).toBe(code.redemptions);
      if (code.usage_limit !== null) expect(code.uses).toBeLessThanOrEqual(code.usage_limit);
    }
    const lowStock = await read.all(sql`SELECT id FROM product_variants WHERE stock BETWEEN 1 AND 5`);
    expect(lowStock.length).toBeGreaterThanOrEqual(3);
  });

  it("gives the demo a real funnel: visits every day, a checkout behind every order, conversion a small shop would see", async () => {
    const read = await db();
    const [unpaired] = await read.all<{ n: number }>(sql`
      SELECT count(*) AS n FROM orders o LEFT JOIN checkouts k ON k.payment_session_id = o.payment_session_id
      WHERE k.id IS NULL OR k.status <> 'completed'`);
    expect(Number(unpaired!.n)).toBe(0);
    const [open] = await read.all<{ n: number }>(sql`SELECT count(*) AS n FROM checkouts WHERE status = 'open'`);
    expect(Number(open!.n)).toBe(0);

    for (const range of ["7d", "30d", "90d"] as const) {
      const report = await getAnalytics(read, { range }, { now: ANCHOR });
      expect(report.sessions, range).toBeGreaterThan(report.orderCount * 15);
      expect(report.conversionRate, range).toBeGreaterThanOrEqual(0.02);
      expect(report.conversionRate, range).toBeLessThanOrEqual(0.05);
      expect(report.checkoutConversionRate, range).toBeGreaterThan(0.45);
      expect(report.checkoutConversionRate, range).toBeLessThan(0.75);
      expect(report.abandonedCheckouts, range).toBeGreaterThan(0);
    }
  });
});
