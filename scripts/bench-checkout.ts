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
import { and, desc, eq, gt, sql } from "drizzle-orm";
import { openClient } from "@/lib/db/client";
import { connectionConfig, wrapClient } from "@/lib/db/connection";
import { products, productVariants, stockReservations } from "@/lib/db/schema";
import { nowIso } from "@/lib/time";

const LEVELS = [1, 16, 64] as const;
const SHOPPERS = Math.max(...LEVELS);
const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 5_000);
/** A hard stop per shopper and level, whatever the duration says: the loop is always bounded. */
const MAX_REQUESTS_PER_WORKER = 5_000;
const REQUEST_TIMEOUT_MS = 30_000;

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
  const elapsedSeconds = (performance.now() - startedAt) / 1000;
  const ok = samples.filter((sample) => sample.status === 200);
  const latencies = ok.map((sample) => sample.ms).sort((a, b) => a - b);
  const statuses: Record<number, number> = {};
  for (const sample of samples) statuses[sample.status] = (statuses[sample.status] ?? 0) + 1;
  return {
    perSecond: ok.length / elapsedSeconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    requests: samples.length,
    failures: samples.length - ok.length,
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

  const header = ["shoppers", "checkouts/s", "p50 ms", "p99 ms", "failed", "health req/s", "p50 ms", "p99 ms", "checkout/health"];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]!.length)));
  const line = (cells: string[]) => cells.map((cell, column) => cell.padStart(widths[column]!)).join("  ");
  console.log(line(header));
  for (const row of rows) console.log(line(row));
  console.log(`Each shopper's last checkout still holds one unit until its reservation expires (${SHOPPERS} units at most).`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
