// npm run bench:inventory – the admin inventory table's reads on 10,000 variants, with their query plans
//
// Builds a throwaway database in .tmp/bench-inventory (2,000 products × 5 variants, 200 live
// reservations), then times each kind of table read (median of 15) and prints SQLite's plan for
// the page query, so a change that loses an index or adds a scan shows here. Never touches
// DATABASE_URL.
import { mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { drizzle } from "drizzle-orm/libsql";
import { openClient } from "@/lib/db/client";
import { migrateDatabase } from "@/lib/db/migrate";
import * as schema from "@/lib/db/schema";
import { listInventory, type InventoryQuery } from "@/lib/inventory/list-inventory";
import { isoAfter } from "@/lib/time";
import { quoteSnapshot } from "@/tests/factories/quote";

const PRODUCTS = 2_000;
const VARIANTS_PER_PRODUCT = 5;
const RUNS = 15;

const dir = path.resolve(".tmp/bench-inventory");
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
const url = pathToFileURL(path.join(dir, "store.db")).href;
await migrateDatabase({ url });
const client = await openClient({ url });

let captured: { sql: string; params: unknown[] } | null = null;
const db = drizzle(client, {
  schema,
  logger: { logQuery: (sql, params) => void (/\blimit\b/i.test(sql) && !captured ? (captured = { sql, params }) : undefined) },
});

await db.transaction(async (tx) => {
  for (let p = 0; p < PRODUCTS; p += 1) {
    const [product] = await tx.insert(schema.products).values({ slug: `bench-${p}`, name: `Bench yarn ${p}`, status: "active" }).returning();
    await tx.insert(schema.productVariants).values(
      Array.from({ length: VARIANTS_PER_PRODUCT }, (_, v) => ({
        productId: product!.id,
        sku: `BENCH-${p}-${v}`,
        name: `Colour ${v}`,
        price: 1800,
        stock: (p * 7 + v) % 50,
        position: v,
      })),
    );
  }
  const expiresAt = isoAfter(60 * 60_000);
  for (let c = 0; c < 200; c += 1) {
    await tx.insert(schema.checkouts).values({ id: `bench-${c}`, cartId: `cart-${c}`, country: "GB", lines: [], quote: quoteSnapshot(), currency: "GBP", subtotal: 0, paymentProvider: "local", expiresAt });
    await tx.insert(schema.stockReservations).values({ checkoutId: `bench-${c}`, variantId: 1 + c * 37, quantity: 1, expiresAt });
  }
});

const cases: [string, Partial<InventoryQuery>][] = [
  ["first page, by product", {}],
  ["sorted by available, descending", { sort: "available", dir: "desc" }],
  ["low stock", { stock: "low" }],
  ["search", { q: "Bench yarn 19" }],
  ["page 200 of 200", { page: 200 }],
  ["all matching low stock (1,000 rows)", { stock: "low", pageSize: 1000 }],
];
console.log(`${PRODUCTS * VARIANTS_PER_PRODUCT} variants; median of ${RUNS} reads (rows + count):`);
for (const [name, query] of cases) {
  const times: number[] = [];
  let total = 0;
  for (let run = 0; run < RUNS; run += 1) {
    const started = performance.now();
    total = (await listInventory(db, query, { lowStockThreshold: 5 })).total;
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  console.log(`  ${name.padEnd(40)} ${times[Math.floor(RUNS / 2)]!.toFixed(1).padStart(7)} ms   (${total} matching)`);
}

captured = null;
await listInventory(db, {}, { lowStockThreshold: 5 });
const page = captured as { sql: string; params: unknown[] } | null;
if (page) {
  const plan = await client.execute({ sql: `EXPLAIN QUERY PLAN ${page.sql}`, args: page.params as never });
  console.log("\nQuery plan of the page query:");
  for (const row of plan.rows) console.log(`  ${String(row.detail)}`);
}
client.close();
