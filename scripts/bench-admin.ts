// npm run bench:admin – the admin's order list and orders CSV export at 1,000 and 100,000 orders, with the server's peak memory
//
// Needs a production build (`npm run build`). For each size the bench fills a throwaway database of
// its own under .tmp/bench-admin/ with orders, items and customers (bulk inserts, not the shop's
// order path: the point is the reads), starts `next start` on it (port BENCH_PORT, default 3224),
// signs in as the owner and times:
//   - GET /api/admin/orders: the first page, a search by order number, by email, by name, a status
//     tab, a date range, and a page deep into the list;
//   - GET /api/admin/orders/export over every day, read to the end (time to first byte and total);
// while sampling the server's resident memory every 25 ms (peak while idle after the list, peak
// during the export). It also prints SQLite's EXPLAIN QUERY PLAN for each list query.
//
// With DATABASE_URL set to an already seeded database (`npm run db:seed -- --orders 100000`), it
// benchmarks that database once instead of building its own. BENCH_SIZES=1000,100000 picks sizes.
import { spawn, type ChildProcess } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Client } from "@libsql/client";
import { drizzle } from "drizzle-orm/libsql";
import { openClient } from "@/lib/db/client";
import { migrateDatabase } from "@/lib/db/migrate";
import * as schema from "@/lib/db/schema";
import { listOrders, orderListQuery } from "@/lib/orders/list-orders";
import { memorySampler, signIn, timeExport, timeList } from "./bench/admin-load";

const PORT = Number(process.env.BENCH_PORT ?? 3224);
const ORIGIN = `http://127.0.0.1:${PORT}`;
const PASSWORD = "bench-admin-password";
const SIZES = (process.env.BENCH_SIZES ?? "1000,100000").split(",").map(Number);
const DAY_MS = 86_400_000;

// ---------------------------------------------------------------- a database of `size` orders

const PRODUCTS = ["Moorland Merino", "Mohair Lace", "Alpaca DK", "Shetland Aran", "Bluefaced Leicester"];
const SHADES = ["Heather", "Moss", "Slate", "Bracken", "Sea Glass", "Rowan"];
const NAMES = ["Ada", "Grace", "Beatrix", "Zoë", "Aurélie", "Florence", "Mary", "Sam", "Jo", "Priya", "Łucja", "Siobhán"];
const SURNAMES = ["Lovelace", "Hopper", "Potter", "Dubois", "Nightingale", "O'Neill", "Smith, Jr.", "Kowalska", "Patel", "Ørsted"];
const STATUSES = ["delivered", "delivered", "delivered", "shipped", "processing", "cancelled", "refunded", "on_hold"] as const;

let seed = 42;
function random(): number {
  seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
  return seed / 2_147_483_648;
}
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

async function insertRows(client: Client, table: string, columns: string[], rows: unknown[][]): Promise<void> {
  const CHUNK = Math.floor(30_000 / columns.length);
  const statements = [];
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    statements.push({
      sql: `INSERT INTO ${table} (${columns.join(", ")}) VALUES ${chunk.map(() => `(${columns.map(() => "?").join(", ")})`).join(", ")}`,
      args: chunk.flat() as never[],
    });
  }
  await client.batch(statements, "write");
}

async function buildDatabase(size: number): Promise<string> {
  const dir = path.resolve(".tmp/bench-admin", String(size));
  rmSync(dir, { recursive: true, force: true });
  const url = pathToFileURL(path.join(dir, "store.db")).href;
  await migrateDatabase({ url });
  const client = await openClient({ url });
  const startedAt = performance.now();
  try {
    const customerCount = Math.max(10, Math.floor(size / 4));
    const now = Date.now();
    const customers = Array.from({ length: customerCount }, (_, i) => {
      const name = `${pick(NAMES)} ${pick(SURNAMES)}`;
      const createdAt = new Date(now - 730 * DAY_MS + (i / customerCount) * 700 * DAY_MS).toISOString();
      return [i + 1, `customer${i + 1}@example.com`, name, random() < 0.4 ? 1 : 0, createdAt, createdAt];
    });
    await insertRows(client, "customers", ["id", "email", "name", "accepts_marketing", "created_at", "updated_at"], customers);

    const orders: unknown[][] = [];
    const items: unknown[][] = [];
    for (let i = 0; i < size; i += 1) {
      const id = i + 1;
      const customer = customers[Math.floor(random() * customerCount)]!;
      const createdAt = new Date(now - 730 * DAY_MS + (i / size) * 730 * DAY_MS).toISOString();
      const lines = 1 + Math.floor(random() * 3);
      let subtotal = 0;
      for (let l = 0; l < lines; l += 1) {
        const price = 1200 + Math.floor(random() * 20) * 50;
        const quantity = 1 + Math.floor(random() * 3);
        subtotal += price * quantity;
        items.push([id, pick(PRODUCTS), `${pick(SHADES)} / 4ply`, `SKU-${l}-${id % 97}`, price, quantity, price * quantity, createdAt]);
      }
      const status = pick(STATUSES);
      const shipping = subtotal > 5000 ? 0 : 395;
      const total = subtotal + shipping;
      const isShipped = status === "shipped" || status === "delivered";
      const address = JSON.stringify({ name: customer[2], line1: `${id} Mill Lane`, city: "Hebden Bridge", postalCode: "HX7 8AB", country: "GB" });
      orders.push([
        id, 1000 + id, `HD-${1000 + id}`, customer[1], customer[0], status,
        status === "refunded" ? "refunded" : "paid", "GBP", subtotal, shipping, 0, total, status === "refunded" ? total : 0,
        address, address, "GB", "Royal Mail Tracked 48",
        isShipped ? `RM${String(id).padStart(9, "0")}GB` : null, isShipped ? "Royal Mail" : null,
        `pi_bench_${id}`, status === "on_hold" ? '["stock_shortfall"]' : "[]", `bench-token-${id}`,
        createdAt, isShipped ? createdAt : null, createdAt, createdAt,
      ]);
    }
    await insertRows(
      client,
      "orders",
      [
        "id", "order_seq", "order_number", "email", "customer_id", "status",
        "payment_status", "currency", "subtotal", "shipping_total", "discount_total", "total", "amount_refunded",
        "shipping_address", "billing_address", "shipping_country", "shipping_method",
        "tracking_number", "tracking_carrier",
        "payment_intent_id", "flags", "lookup_token",
        "paid_at", "shipped_at", "created_at", "updated_at",
      ],
      orders,
    );
    await insertRows(client, "order_items", ["order_id", "product_name", "variant_name", "sku", "unit_price", "quantity", "line_total", "created_at"], items);
    await client.execute("ANALYZE");
  } finally {
    client.close();
  }
  console.log(`  built ${size.toLocaleString("en-GB")} orders in ${((performance.now() - startedAt) / 1000).toFixed(1)} s`);
  return url;
}

// ---------------------------------------------------------------- query plans (in this process)

async function printQueryPlans(url: string, sample: { number: string; email: string; name: string; surname: string }): Promise<void> {
  const client = await openClient({ url });
  const captured: { sql: string; params: unknown[] }[] = [];
  const read = drizzle(client, { schema, logger: { logQuery: (sql, params) => captured.push({ sql, params }) } });
  try {
    const cases: [string, Record<string, string>][] = [
      ["first page", {}],
      ["order number", { q: sample.number }],
      ["email prefix", { q: sample.email.slice(0, 12) }],
      ["customer name", { q: sample.name }],
      ["status tab", { status: "shipped" }],
    ];
    for (const [label, query] of cases) {
      captured.length = 0;
      await listOrders(read, orderListQuery.parse(query));
      for (const [index, statement] of captured.entries()) {
        const plan = await client.execute({ sql: `EXPLAIN QUERY PLAN ${statement.sql}`, args: statement.params as never[] });
        console.log(`  plan (${label}, ${index === 0 ? "rows" : "tab counts"}): ${plan.rows.map((row) => String(row.detail)).join(" | ")}`);
      }
    }
  } finally {
    client.close();
  }
}

// ---------------------------------------------------------------- the server and its memory

async function startServer(url: string): Promise<ChildProcess> {
  const dataDir = path.resolve(".tmp/bench-admin/data");
  const server = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "--port", String(PORT), "--hostname", "127.0.0.1"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      DATABASE_URL: url,
      DATA_DIR: dataDir,
      APP_URL: ORIGIN,
      PAYMENTS_PROVIDER: "local",
      EMAIL_TRANSPORT: "capture",
      ADMIN_PASSWORD: PASSWORD,
      SESSION_SECRET: "bench-admin-session-secret-0123456789abcdef",
      STRIPE_WEBHOOK_SECRET: "whsec_bench_admin_signing_secret_0123456789",
      CRON_SECRET: "bench-admin-cron-secret-0123456789abcdef",
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  for (let attempt = 0; attempt < 300; attempt += 1) {
    try {
      if ((await fetch(`${ORIGIN}/api/health`)).ok) return server;
    } catch {
      /* not listening yet */
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  server.kill();
  throw new Error(`The server did not start on ${ORIGIN} (is there a production build? run npm run build)`);
}

async function stopServer(server: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => server.once("exit", resolve));
  server.kill("SIGTERM");
  await exited;
}

// ---------------------------------------------------------------- main

async function benchDatabase(label: string, url: string) {
  const client = await openClient({ url });
  const [counted] = (await client.execute("SELECT count(*) AS n FROM orders")).rows;
  const [sampleRow] = (
    await client.execute(
      "SELECT o.order_number, o.email, c.name FROM orders o LEFT JOIN customers c ON c.id = o.customer_id WHERE c.name <> '' ORDER BY o.id DESC LIMIT 1 OFFSET 7",
    )
  ).rows;
  client.close();
  const orderCount = Number(counted?.n ?? 0);
  const fullName = String(sampleRow?.name ?? "Ada Lovelace");
  const sample = { number: String(sampleRow?.order_number ?? "HD-1001"), email: String(sampleRow?.email ?? "customer"), name: fullName, surname: fullName.split(" ").slice(1).join(" ") || fullName };
  console.log(`\n${label}: ${orderCount.toLocaleString("en-GB")} orders`);
  await printQueryPlans(url, sample);

  const server = await startServer(url);
  const memory = memorySampler(server.pid!);
  try {
    const cookie = await signIn(ORIGIN, PASSWORD);
    const firstPage = (await (await fetch(`${ORIGIN}/api/admin/orders`, { headers: { cookie } })).json()) as { nextCursor: string | null };
    let deepCursor = firstPage.nextCursor;
    for (let page = 0; page < 20 && deepCursor; page += 1) {
      deepCursor = ((await (await fetch(`${ORIGIN}/api/admin/orders?after=${deepCursor}`, { headers: { cookie } })).json()) as { nextCursor: string | null }).nextCursor;
    }
    const cases: [string, string][] = [
      ["first page (newest)", ""],
      ["search: order number", `?q=${encodeURIComponent(sample.number)}`],
      ["search: email prefix", `?q=${encodeURIComponent(sample.email.slice(0, 12))}`],
      ["search: customer full name", `?q=${encodeURIComponent(sample.name)}`],
      // The bench's names repeat far more than a real shop's: one surname is a tenth of all customers.
      ["search: surname of 10%", `?q=${encodeURIComponent(sample.surname)}`],
      ["status tab: shipped", "?status=shipped"],
      ["date range: one month", `?from=${new Date(Date.now() - 60 * DAY_MS).toISOString().slice(0, 10)}&to=${new Date(Date.now() - 30 * DAY_MS).toISOString().slice(0, 10)}`],
      ["sort: highest total", "?sort=total_desc"],
      ...(deepCursor ? ([["page 22 (keyset)", `?after=${deepCursor}`]] as [string, string][]) : []),
    ];
    for (const [name, query] of cases) {
      const result = await timeList(ORIGIN, cookie, query);
      console.log(`  list ${name.padEnd(28)} p50 ${result.p50.toFixed(1).padStart(7)} ms   max ${result.max.toFixed(1).padStart(7)} ms   ${result.rows} rows`);
    }
    memory.reset();
    await new Promise((resolve) => setTimeout(resolve, 200));
    const idleMb = memory.peakMb();
    memory.reset();
    const exported = await timeExport(ORIGIN, cookie);
    const exportPeakMb = memory.peakMb();
    console.log(
      `  export all orders: first byte ${exported.firstByteMs.toFixed(0)} ms, total ${(exported.totalMs / 1000).toFixed(2)} s, ${(exported.bytes / 1_048_576).toFixed(1)} MB, ${exported.lines - 1} rows`,
    );
    console.log(`  server RSS: ${idleMb} MB after the list queries, peak ${exportPeakMb} MB during the export`);
    const customersStartedAt = performance.now();
    const customersCsv = await fetch(`${ORIGIN}/api/admin/customers/export`, { headers: { cookie } });
    const customerLines = (await customersCsv.text()).split("\n").length - 2;
    console.log(`  export all customers: ${customerLines} rows in ${((performance.now() - customersStartedAt) / 1000).toFixed(2)} s`);
    return { orderCount, exportSeconds: exported.totalMs / 1000, idleMb, exportPeakMb };
  } finally {
    memory.stop();
    await stopServer(server);
  }
}

async function main(): Promise<void> {
  const results = [];
  if (process.env.DATABASE_URL) {
    results.push(await benchDatabase("given database", process.env.DATABASE_URL));
  } else {
    for (const size of SIZES) {
      console.log(`\nbuilding a database of ${size.toLocaleString("en-GB")} orders`);
      results.push(await benchDatabase(`${size.toLocaleString("en-GB")}-order database`, await buildDatabase(size)));
    }
  }
  console.log("\norders | export time | server RSS after list | peak RSS during export");
  for (const result of results) {
    console.log(`${result.orderCount.toLocaleString("en-GB").padStart(7)} | ${result.exportSeconds.toFixed(2).padStart(9)} s | ${String(result.idleMb).padStart(18)} MB | ${String(result.exportPeakMb).padStart(19)} MB`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
