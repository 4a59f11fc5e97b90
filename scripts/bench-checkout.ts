// npm run bench:checkout [url] – checkouts per second and latency at 1, 16 and 64 shoppers, against GET /api/health
//
// Run it against a production build using the local payment provider (never real Stripe):
//   npm run build && PAYMENTS_PROVIDER=local npm start -- --port 3141
//   npm run bench:checkout -- http://127.0.0.1:3141
// The shoppers' carts are made through the cart API. Each shopper then checks out again and again;
// every new checkout replaces the shopper's previous one (releasing its reservation), so the shop
// never runs out of stock however long the run, and at most one unit per shopper stays held
// (until the reservations expire, ~36 minutes later). The database is read only to pick variants
// that have stock to spare (DATABASE_URL, as for the server); or pass BENCH_VARIANT_IDS=1,2,3.
//
// Then it measures order creation by the payment webhook: for each level it prepares checkouts
// through the API (untimed), and POSTs a signed `checkout.session.completed` for each, `level` at a
// time, timing only the webhook. Those orders consume stock, so the bench adds one "Bench skein"
// product with plenty of stock (a ledger row records it) to the database: run it on a throwaway
// database, never a real shop's. The server and the bench must share STRIPE_WEBHOOK_SECRET.
import { and, desc, eq, gt, inArray, sql } from "drizzle-orm";
import { closeDb, writeTransaction } from "@/lib/db";
import { openClient } from "@/lib/db/client";
import { connectionConfig, wrapClient } from "@/lib/db/connection";
import { checkouts, products, productVariants, stockReservations } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { incrementStock } from "@/lib/inventory/stock";
import { nowIso } from "@/lib/time";
import { buildCheckoutSessionEvent, signStripeEvent } from "@/tests/factories/stripe-event";

const LEVELS = [1, 16, 64] as const;
const SHOPPERS = Math.max(...LEVELS);
const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 5_000);
/** A hard stop per shopper and level, whatever the duration says: the loop is always bounded. */
const MAX_REQUESTS_PER_WORKER = 5_000;
const REQUEST_TIMEOUT_MS = 30_000;
/** Orders created by the webhook per level (each needs a cart and a checkout made first). */
const ORDERS_PER_LEVEL = Number(process.env.BENCH_ORDERS_PER_LEVEL ?? 192);
const BENCH_SKU = "BENCH-SKEIN";

const baseUrl = new URL(process.argv[2] ?? process.env.BENCH_URL ?? "http://127.0.0.1:3141");
if (!["127.0.0.1", "localhost", "[::1]"].includes(baseUrl.hostname)) {
  console.error(`Refusing to benchmark ${baseUrl.origin}: the benchmark only runs against a server on this machine (loopback).`);
  process.exit(2);
}
const origin = baseUrl.origin;

type Sample = { ms: number; status: number };
type LevelResult = { perSecond: number; p50: number; p99: number; requests: number; failures: number; statuses: Record<number, number> };

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

async function timed(url: string, init: RequestInit): Promise<Sample> {
  const startedAt = performance.now();
  try {
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    await response.arrayBuffer(); // the whole answer counts, not just its headers
    return { ms: performance.now() - startedAt, status: response.status };
  } catch {
    return { ms: performance.now() - startedAt, status: 0 };
  }
}

/** Runs `concurrency` workers for DURATION_MS, each sending its own request back to back. */
async function runLevel(concurrency: number, request: (worker: number) => Promise<Sample>): Promise<LevelResult> {
  const samples: Sample[] = [];
  const startedAt = performance.now();
  const deadline = startedAt + DURATION_MS;
  await Promise.all(
    Array.from({ length: concurrency }, async (_, worker) => {
      for (let i = 0; i < MAX_REQUESTS_PER_WORKER && performance.now() < deadline; i += 1) samples.push(await request(worker));
    }),
  );
  return summarise(samples, (performance.now() - startedAt) / 1000);
}

/** Throughput counts only 200s; latency percentiles are of the 200s too. */
function summarise(samples: Sample[], elapsedSeconds: number): LevelResult {
  const latencies = samples.filter((sample) => sample.status === 200).map((sample) => sample.ms).sort((a, b) => a - b);
  const statuses: Record<number, number> = {};
  for (const sample of samples) statuses[sample.status] = (statuses[sample.status] ?? 0) + 1;
  return {
    perSecond: latencies.length / elapsedSeconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    requests: samples.length,
    failures: samples.length - latencies.length,
    statuses,
  };
}

/** Variants a shopper can buy, with how many units each can spare right now. */
async function purchasableVariants(): Promise<{ id: number; available: number }[]> {
  const fromEnv = process.env.BENCH_VARIANT_IDS?.split(",").map((id) => Number(id.trim())).filter(Number.isInteger);
  if (fromEnv?.length) return fromEnv.map((id) => ({ id, available: SHOPPERS }));
  const client = await openClient(connectionConfig());
  try {
    await client.execute("SELECT 1 FROM product_variants LIMIT 1").catch(() => {
      throw new Error(`${connectionConfig().url} is not the server's database: set DATABASE_URL to it, or BENCH_VARIANT_IDS=1,2,3.`);
    });
    const read = wrapClient(client);
    const reserved = sql<number>`coalesce((SELECT sum(${stockReservations.quantity}) FROM ${stockReservations} WHERE ${stockReservations.variantId} = ${productVariants.id} AND ${stockReservations.expiresAt} > ${nowIso()}), 0)`;
    const rows = await read
      .select({ id: productVariants.id, available: sql<number>`${productVariants.stock} - ${reserved}` })
      .from(productVariants)
      .innerJoin(products, eq(products.id, productVariants.productId))
      .where(and(eq(products.status, "active"), eq(productVariants.isActive, true), gt(productVariants.stock, 0)))
      .orderBy(desc(sql`${productVariants.stock} - ${reserved}`))
      .limit(200);
    return rows.map((row) => ({ id: row.id, available: Number(row.available) })).filter((row) => row.available > 0);
  } finally {
    client.close();
  }
}

/** One cart per shopper, each holding one unit, made through the cart API like a browser would. */
async function createCarts(count: number): Promise<string[]> {
  const variants = await purchasableVariants();
  const slots = variants.flatMap((variant) => Array.from({ length: Math.min(variant.available, count) }, () => variant.id));
  if (slots.length < count) {
    throw new Error(`Only ${slots.length} units are free across the catalog; ${count} shoppers need one each. Restock or reseed the bench database.`);
  }
  const cookies: string[] = [];
  for (let shopper = 0; shopper < count; shopper += 1) {
    // Spread shoppers over variants (round robin over the free units) rather than all on one row.
    const variantId = slots[(shopper * 7) % slots.length]!;
    const response = await fetch(`${origin}/api/cart`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ variantId, quantity: 1 }),
    });
    const cookie = response.headers.getSetCookie().find((header) => header.startsWith("cart_id="));
    if (!response.ok || !cookie) throw new Error(`The cart API answered ${response.status} without a cart cookie: ${(await response.text()).slice(0, 300)}`);
    cookies.push(cookie.split(";")[0]!);
  }
  return cookies;
}

function checkout(cookie: string): Promise<Sample> {
  return timed(`${origin}/api/checkout/session`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie },
    body: JSON.stringify({ country: "GB", email: "bench@example.com" }),
  });
}

async function assertLocalPayments(cookie: string): Promise<void> {
  const response = await fetch(`${origin}/api/checkout/session`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie },
    body: JSON.stringify({ country: "GB", email: "bench@example.com" }),
  });
  const body = (await response.json()) as { url?: string; error?: { message: string } };
  if (!response.ok) throw new Error(`A first checkout failed with ${response.status}: ${body.error?.message ?? "no message"}`);
  if (!body.url?.startsWith("/checkout/local/")) {
    throw new Error("The server is not using the local payment provider; restart it with PAYMENTS_PROVIDER=local so the benchmark never calls Stripe.");
  }
}

/** A product only the benchmark buys, stocked for every order it will create. */
async function benchVariantId(units: number): Promise<number> {
  const variantId = await writeTransaction(async (tx) => {
    const [existing] = await tx.select({ id: productVariants.id }).from(productVariants).where(eq(productVariants.sku, BENCH_SKU));
    if (existing) return existing.id;
    const [product] = await tx
      .insert(products)
      .values({ slug: "bench-skein", name: "Bench skein", status: "active", description: "Made by npm run bench:checkout." })
      .returning({ id: products.id });
    const [variant] = await tx
      .insert(productVariants)
      .values({ productId: product!.id, sku: BENCH_SKU, name: "Bench", price: 1000, weightGrams: 100, stock: 0 })
      .returning({ id: productVariants.id });
    return variant!.id;
  });
  await writeTransaction((tx) => incrementStock(tx, { variantId, quantity: units, reason: "restock", reference: "bench", actor: "bench" }));
  return variantId;
}

async function startCheckoutFor(variantId: number): Promise<string> {
  const cart = await fetch(`${origin}/api/cart`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ variantId, quantity: 1 }),
  });
  const cookie = cart.headers.getSetCookie().find((header) => header.startsWith("cart_id="))?.split(";")[0];
  if (!cart.ok || !cookie) throw new Error(`The cart API answered ${cart.status}: ${(await cart.text()).slice(0, 300)}`);
  const response = await fetch(`${origin}/api/checkout/session`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie },
    body: JSON.stringify({ country: "GB", email: "bench.buyer@example.com" }),
  });
  const body = (await response.json()) as { checkoutId?: string; error?: { message: string } };
  if (!response.ok || !body.checkoutId) throw new Error(`A checkout failed with ${response.status}: ${body.error?.message ?? "no message"}`);
  return body.checkoutId;
}

/** Signed completed-and-paid events for `count` fresh checkouts, ready to POST. */
async function preparePaidEvents(variantId: number, count: number): Promise<{ body: string; headers: Record<string, string> }[]> {
  const ids: string[] = [];
  for (let start = 0; start < count; start += 16) {
    ids.push(...(await Promise.all(Array.from({ length: Math.min(16, count - start) }, () => startCheckoutFor(variantId)))));
  }
  const client = await openClient(connectionConfig());
  try {
    const rows = await wrapClient(client).select().from(checkouts).where(inArray(checkouts.id, ids));
    const secret = env().STRIPE_WEBHOOK_SECRET;
    return rows.map((row) => signStripeEvent(buildCheckoutSessionEvent(row), { secret }));
  } finally {
    client.close();
  }
}

/** Posts the prepared events `concurrency` at a time; every one must create an order. */
async function runWebhookLevel(concurrency: number, events: { body: string; headers: Record<string, string> }[]): Promise<LevelResult> {
  const samples: Sample[] = [];
  let next = 0;
  const startedAt = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let index = next++; index < events.length; index = next++) {
        samples.push(await timed(`${origin}/api/webhooks/stripe`, { method: "POST", ...events[index]! }));
      }
    }),
  );
  return summarise(samples, (performance.now() - startedAt) / 1000);
}

function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: string[]) => cells.map((cell, column) => cell.padStart(widths[column]!)).join("  ");
  console.log(line(header));
  for (const row of rows) console.log(line(row));
}

const format = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : "–");

async function main(): Promise<void> {
  const health = await fetch(`${origin}/api/health`).catch(() => null);
  if (!health?.ok) throw new Error(`No healthy server at ${origin} (GET /api/health). Start a production build first.`);

  console.log(`Checkout benchmark against ${origin}: ${DURATION_MS / 1000} s per level, shoppers ${LEVELS.join(", ")}.`);
  const cookies = await createCarts(SHOPPERS);
  await assertLocalPayments(cookies[0]!);
  // Warm both paths (JIT, connection pools) so the first level is not measuring start-up.
  await Promise.all(cookies.slice(0, 8).map((cookie) => checkout(cookie)));
  await Promise.all(Array.from({ length: 8 }, () => timed(`${origin}/api/health`, {})));

  const rows: string[][] = [];
  for (const level of LEVELS) {
    const checkouts = await runLevel(level, (worker) => checkout(cookies[worker]!));
    const floor = await runLevel(level, () => timed(`${origin}/api/health`, { cache: "no-store" }));
    rows.push([
      String(level),
      format(checkouts.perSecond),
      format(checkouts.p50),
      format(checkouts.p99),
      String(checkouts.failures),
      format(floor.perSecond),
      format(floor.p50),
      format(floor.p99),
      `${format((checkouts.perSecond / floor.perSecond) * 100)}%`,
    ]);
    const odd = Object.entries(checkouts.statuses).filter(([status]) => status !== "200");
    if (odd.length) console.log(`  ${level} shoppers: non-200 checkout answers ${odd.map(([status, n]) => `${status}×${n}`).join(", ")}`);
  }

  printTable(["shoppers", "checkouts/s", "p50 ms", "p99 ms", "failed", "health req/s", "p50 ms", "p99 ms", "checkout/health"], rows);
  console.log(`Each shopper's last checkout still holds one unit until its reservation expires (${SHOPPERS} units at most).`);

  if (!env().STRIPE_WEBHOOK_SECRET) throw new Error("Set STRIPE_WEBHOOK_SECRET (the server's) to measure the webhook.");
  console.log(`\nWebhook order creation: ${ORDERS_PER_LEVEL} signed checkout.session.completed events per level.`);
  const variantId = await benchVariantId(ORDERS_PER_LEVEL * LEVELS.length + SHOPPERS);
  const webhookRows: string[][] = [];
  for (const level of LEVELS) {
    process.stdout.write(`  preparing ${ORDERS_PER_LEVEL} checkouts for ${level} concurrent deliveries …\n`);
    const events = await preparePaidEvents(variantId, ORDERS_PER_LEVEL);
    const orders = await runWebhookLevel(level, events);
    const floor = await runLevel(level, () => timed(`${origin}/api/health`, { cache: "no-store" }));
    webhookRows.push([
      String(level),
      format(orders.perSecond),
      format(orders.p50),
      format(orders.p99),
      String(orders.failures),
      format(floor.perSecond),
      `${format((orders.perSecond / floor.perSecond) * 100)}%`,
    ]);
    const odd = Object.entries(orders.statuses).filter(([status]) => status !== "200");
    if (odd.length) console.log(`  ${level} deliveries: non-200 webhook answers ${odd.map(([status, n]) => `${status}×${n}`).join(", ")}`);
  }
  printTable(["deliveries", "orders/s", "p50 ms", "p99 ms", "failed", "health req/s", "orders/health"], webhookRows);
  await closeDb();
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
