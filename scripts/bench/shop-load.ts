// The shopper side of the benches: carts and checkouts through the API, and signed paid events for the webhook.
//
// The database is read (DATABASE_URL, as for the server) only to pick variants with stock to spare
// and to sign the webhook events; BENCH_VARIANT_IDS=1,2,3 skips the first. Webhook orders consume
// stock, so benchVariantId() adds one "Bench skein" product with plenty of stock (a ledger row
// records it): run the benches on a throwaway database, never a real shop's.
import { and, desc, eq, gt, inArray, sql } from "drizzle-orm";
import { writeTransaction } from "@/lib/db";
import { openClient } from "@/lib/db/client";
import { connectionConfig, wrapClient } from "@/lib/db/connection";
import { checkouts, products, productVariants, stockReservations } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { incrementStock } from "@/lib/inventory/stock";
import { nowIso } from "@/lib/time";
import { buildCheckoutSessionEvent, signStripeEvent } from "@/tests/factories/stripe-event";
import { timed, type Sample } from "./http-load";

const BENCH_SKU = "BENCH-SKEIN";

export type SignedEvent = { body: string; headers: Record<string, string> };

/** Refuses anything but this machine: the benches never load someone else's server. */
export function loopbackOrigin(url: string): string {
  const parsed = new URL(url);
  if (!["127.0.0.1", "localhost", "[::1]"].includes(parsed.hostname)) {
    throw new Error(`Refusing to benchmark ${parsed.origin}: the benchmark only runs against a server on this machine (loopback).`);
  }
  return parsed.origin;
}

/** Variants a shopper can buy, with how many units each can spare right now. */
export async function purchasableVariants(wanted: number): Promise<{ id: number; available: number }[]> {
  const fromEnv = process.env.BENCH_VARIANT_IDS?.split(",").map((id) => Number(id.trim())).filter(Number.isInteger);
  if (fromEnv?.length) return fromEnv.map((id) => ({ id, available: wanted }));
  const client = await openClient({ url: connectionConfig().url });
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

/** Adds one unit of each variant in turn to one cart (a new cart when `cookie` is null); returns its cookie. */
export async function fillCart(origin: string, variantIds: number[], cookie: string | null = null): Promise<string> {
  let current = cookie;
  for (const variantId of variantIds) {
    const response = await fetch(`${origin}/api/cart`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(current ? { cookie: current } : {}) },
      body: JSON.stringify({ variantId, quantity: 1 }),
    });
    const sent = response.headers.getSetCookie().find((header) => header.startsWith("cart_id="))?.split(";")[0];
    if (!response.ok) throw new Error(`The cart API answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
    current = sent ?? current;
  }
  if (!current) throw new Error("The cart API set no cart cookie");
  return current;
}

/** One cart per shopper, each holding one unit, made through the cart API like a browser would. */
export async function createCarts(origin: string, count: number): Promise<string[]> {
  const variants = await purchasableVariants(count);
  const slots = variants.flatMap((variant) => Array.from({ length: Math.min(variant.available, count) }, () => variant.id));
  if (slots.length < count) {
    throw new Error(`Only ${slots.length} units are free across the catalog; ${count} shoppers need one each. Restock or reseed the bench database.`);
  }
  const cookies: string[] = [];
  // Spread shoppers over variants (round robin over the free units) rather than all on one row.
  for (let shopper = 0; shopper < count; shopper += 1) cookies.push(await fillCart(origin, [slots[(shopper * 7) % slots.length]!]));
  return cookies;
}

export function checkout(origin: string, cookie: string): Promise<Sample> {
  return timed(`${origin}/api/checkout/session`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie },
    body: JSON.stringify({ country: "GB", email: "bench@example.com" }),
  });
}

export async function assertLocalPayments(origin: string, cookie: string): Promise<void> {
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
export async function benchVariantId(units: number): Promise<number> {
  const variantId = await writeTransaction(async (tx) => {
    const [existing] = await tx.select({ id: productVariants.id }).from(productVariants).where(eq(productVariants.sku, BENCH_SKU));
    if (existing) return existing.id;
    const [product] = await tx
      .insert(products)
      .values({ slug: "bench-skein", name: "Bench skein", status: "active", description: "Made by the benchmark." })
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

async function startCheckoutFor(origin: string, variantId: number): Promise<string> {
  const cookie = await fillCart(origin, [variantId]);
  const response = await fetch(`${origin}/api/checkout/session`, {
    method: "POST",
    headers: { "content-type": "application/json", cookie },
    body: JSON.stringify({ country: "GB", email: "bench.buyer@example.com" }),
  });
  const body = (await response.json()) as { checkoutId?: string; error?: { message: string } };
  if (!response.ok || !body.checkoutId) throw new Error(`A checkout failed with ${response.status}: ${body.error?.message ?? "no message"}`);
  return body.checkoutId;
}

/** Signed completed-and-paid events for `count` fresh checkouts (made through the API, untimed), ready to POST. */
export async function preparePaidEvents(origin: string, variantId: number, count: number): Promise<SignedEvent[]> {
  const ids: string[] = [];
  for (let start = 0; start < count; start += 16) {
    ids.push(...(await Promise.all(Array.from({ length: Math.min(16, count - start) }, () => startCheckoutFor(origin, variantId)))));
  }
  const client = await openClient({ url: connectionConfig().url });
  try {
    const rows = await wrapClient(client).select().from(checkouts).where(inArray(checkouts.id, ids));
    const secret = env().STRIPE_WEBHOOK_SECRET;
    if (!secret) throw new Error("Set STRIPE_WEBHOOK_SECRET (the server's) to measure the webhook.");
    return rows.map((row) => signStripeEvent(buildCheckoutSessionEvent(row), { secret }));
  } finally {
    client.close();
  }
}

export function deliver(origin: string, event: SignedEvent): Promise<Sample> {
  return timed(`${origin}/api/webhooks/stripe`, { method: "POST", ...event });
}
