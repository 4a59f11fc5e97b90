// Test data and test doubles for checkout: products, carts, shipping zones, discount codes, a fake Stripe API.
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import { randomBytes } from "node:crypto";
import { NextRequest } from "next/server";
import { writeTransaction, wrapClient, type Db } from "@/lib/db";
import { openClient } from "@/lib/db/client";
import {
  cartItems,
  carts,
  discountCodes,
  products,
  productVariants,
  shippingRates,
  shippingZoneCountries,
  shippingZones,
  type DiscountKind,
} from "@/lib/db/schema";

const unique = () => randomBytes(5).toString("hex");

export type VariantSpec = {
  name?: string;
  price?: number;
  stock?: number;
  weightGrams?: number;
  isActive?: boolean;
  productStatus?: "draft" | "active" | "archived";
};

export type CreatedVariant = { productId: number; variantId: number; sku: string; productName: string; variantName: string };

export async function createVariant(spec: VariantSpec = {}): Promise<CreatedVariant> {
  const id = unique();
  const productName = spec.name ?? `Merino ${id}`;
  return writeTransaction(async (tx) => {
    const [product] = await tx
      .insert(products)
      .values({ slug: `product-${id}`, name: productName, status: spec.productStatus ?? "active" })
      .returning({ id: products.id });
    const [variant] = await tx
      .insert(productVariants)
      .values({
        productId: product!.id,
        sku: `SKU-${id}`,
        name: "Heather / 4ply",
        price: spec.price ?? 1800,
        stock: spec.stock ?? 10,
        weightGrams: spec.weightGrams ?? 100,
        isActive: spec.isActive ?? true,
      })
      .returning({ id: productVariants.id });
    return { productId: product!.id, variantId: variant!.id, sku: `SKU-${id}`, productName, variantName: "Heather / 4ply" };
  });
}

/** Many variants in one transaction (a 50-line cart). */
export async function createVariants(count: number, spec: VariantSpec = {}): Promise<CreatedVariant[]> {
  const id = unique();
  return writeTransaction(async (tx) => {
    const [product] = await tx
      .insert(products)
      .values({ slug: `bulk-${id}`, name: spec.name ?? `Bulk ${id}`, status: spec.productStatus ?? "active" })
      .returning({ id: products.id });
    const rows = await tx
      .insert(productVariants)
      .values(
        Array.from({ length: count }, (_, i) => ({
          productId: product!.id,
          sku: `BULK-${id}-${i}`,
          name: `Shade ${i}`,
          price: spec.price ?? 500,
          stock: spec.stock ?? 10,
          weightGrams: spec.weightGrams ?? 10,
          isActive: spec.isActive ?? true,
        })),
      )
      .returning({ id: productVariants.id, sku: productVariants.sku, name: productVariants.name });
    return rows.map((row) => ({ productId: product!.id, variantId: row.id, sku: row.sku, productName: `Bulk ${id}`, variantName: row.name }));
  });
}

export async function createCart(lines: { variantId: number; quantity: number }[]): Promise<string> {
  // The storefront's cookie reader accepts only its own token shape: 24 random bytes in base64url.
  const cartId = randomBytes(24).toString("base64url");
  await writeTransaction(async (tx) => {
    await tx.insert(carts).values({ id: cartId });
    if (lines.length > 0) await tx.insert(cartItems).values(lines.map((line) => ({ cartId, ...line })));
  });
  return cartId;
}

export type RateSpec = {
  name: string;
  price: number;
  minWeightGrams?: number;
  maxWeightGrams?: number | null;
  freeOverSubtotal?: number | null;
  minDeliveryDays?: number;
  maxDeliveryDays?: number;
  isTracked?: boolean;
  isActive?: boolean;
  position?: number;
};

export async function createShippingZone(spec: { name?: string; countries: string[]; rates: RateSpec[] }): Promise<{ zoneId: number; rateIds: number[] }> {
  return writeTransaction(async (tx) => {
    const [zone] = await tx
      .insert(shippingZones)
      .values({ name: spec.name ?? `Zone ${unique()}` })
      .returning({ id: shippingZones.id });
    await tx.insert(shippingZoneCountries).values(spec.countries.map((country) => ({ country, zoneId: zone!.id })));
    const rates = spec.rates.length
      ? await tx
          .insert(shippingRates)
          .values(
            spec.rates.map((rate, i) => ({
              zoneId: zone!.id,
              name: rate.name,
              price: rate.price,
              minWeightGrams: rate.minWeightGrams ?? 0,
              maxWeightGrams: rate.maxWeightGrams === undefined ? null : rate.maxWeightGrams,
              freeOverSubtotal: rate.freeOverSubtotal ?? null,
              minDeliveryDays: rate.minDeliveryDays ?? 1,
              maxDeliveryDays: rate.maxDeliveryDays ?? 3,
              isTracked: rate.isTracked ?? false,
              isActive: rate.isActive ?? true,
              position: rate.position ?? i,
            })),
          )
          .returning({ id: shippingRates.id })
      : [];
    return { zoneId: zone!.id, rateIds: rates.map((rate) => rate.id) };
  });
}

/**
 * The demo shop's shape: UK (free standard over £50), Europe and the rest of the world, each with
 * weight bands up to 2 kg. Returns rate ids by name for assertions.
 */
export async function createYarnShopShipping() {
  const uk = await createShippingZone({
    name: "United Kingdom",
    countries: ["GB"],
    rates: [
      { name: "Royal Mail 2nd Class", price: 350, maxWeightGrams: 500, freeOverSubtotal: 5000, minDeliveryDays: 2, maxDeliveryDays: 4 },
      { name: "Royal Mail 2nd Class (large)", price: 550, minWeightGrams: 501, maxWeightGrams: 2000, freeOverSubtotal: 5000, minDeliveryDays: 2, maxDeliveryDays: 4 },
      { name: "Tracked 24", price: 695, maxWeightGrams: 2000, minDeliveryDays: 1, maxDeliveryDays: 1, isTracked: true },
    ],
  });
  const europe = await createShippingZone({
    name: "Europe",
    countries: ["FR", "DE", "IE", "NL"],
    rates: [
      { name: "International Standard", price: 895, maxWeightGrams: 500, minDeliveryDays: 3, maxDeliveryDays: 7 },
      { name: "International Standard (large)", price: 1495, minWeightGrams: 501, maxWeightGrams: 2000, minDeliveryDays: 3, maxDeliveryDays: 7 },
    ],
  });
  const world = await createShippingZone({
    name: "Rest of the world",
    countries: ["US", "CA", "AU"],
    rates: [
      { name: "International Tracked", price: 1695, maxWeightGrams: 500, minDeliveryDays: 5, maxDeliveryDays: 10, isTracked: true },
      { name: "International Tracked (large)", price: 2895, minWeightGrams: 501, maxWeightGrams: 2000, minDeliveryDays: 5, maxDeliveryDays: 10, isTracked: true },
    ],
  });
  return { uk, europe, world };
}

export type DiscountSpec = {
  code: string;
  kind?: DiscountKind;
  value?: number;
  minimumSubtotal?: number;
  startsAt?: string | null;
  endsAt?: string | null;
  usageLimit?: number | null;
  uses?: number;
  isActive?: boolean;
};

export async function createDiscountCode(spec: DiscountSpec): Promise<number> {
  return writeTransaction(async (tx) => {
    const [row] = await tx
      .insert(discountCodes)
      .values({
        code: spec.code.toUpperCase(),
        kind: spec.kind ?? "percent",
        value: spec.value ?? 10,
        minimumSubtotal: spec.minimumSubtotal ?? 0,
        startsAt: spec.startsAt ?? null,
        endsAt: spec.endsAt ?? null,
        usageLimit: spec.usageLimit ?? null,
        uses: spec.uses ?? 0,
        isActive: spec.isActive ?? true,
      })
      .returning({ id: discountCodes.id });
    return row!.id;
  });
}

/** A request to a checkout route carrying the shopper's cart cookie. */
export function checkoutRequest(path: string, options: { cartId?: string | null; body?: unknown; method?: string } = {}): NextRequest {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (options.cartId) headers.cookie = `cart_id=${options.cartId}`;
  return new NextRequest(`http://localhost${path}`, {
    method: options.method ?? "POST",
    headers,
    body: options.body === undefined ? undefined : typeof options.body === "string" ? options.body : JSON.stringify(options.body),
  });
}

export const noParams = { params: Promise.resolve({}) };

/**
 * A second client on the test's database file: results are read back through it rather than the
 * app's handles, so a write that only "succeeded" on a broken connection cannot pass a test.
 */
export async function withFreshClient<T>(read: (db: Db) => Promise<T>): Promise<T> {
  const client = await openClient({ url: process.env.DATABASE_URL! });
  try {
    return await read(wrapClient(client));
  } finally {
    client.close();
  }
}

// ---------------------------------------------------------------- a stand-in for api.stripe.com

export type RecordedStripeRequest = { method: string; path: string; headers: IncomingHttpHeaders; form: Record<string, string> };

export type FakeStripe = {
  port: number;
  requests: RecordedStripeRequest[];
  /** What the next requests get: normal answers, or a 500 api_error Stripe asks not to retry. */
  mode: "ok" | "fail";
  /** Forgets recorded requests and restarts the id counters (cs_test_fake_1, co_fake_1, …). */
  reset: () => void;
  close: () => Promise<void>;
};

/** Listens on 127.0.0.1:`port` and answers the few Stripe endpoints checkout uses, recording each request. */
export async function startFakeStripe(port: number): Promise<FakeStripe> {
  let sessions = 0;
  let coupons = 0;
  const fake: FakeStripe = {
    port,
    requests: [],
    mode: "ok",
    reset: () => {
      fake.requests.length = 0;
      fake.mode = "ok";
      sessions = 0;
      coupons = 0;
    },
    close: async () => undefined,
  };
  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    req.on("end", () => {
      const path = (req.url ?? "").split("?")[0]!;
      fake.requests.push({ method: req.method ?? "", path, headers: req.headers, form: Object.fromEntries(new URLSearchParams(body)) });
      const send = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { "content-type": "application/json", "request-id": `req_${unique()}`, ...headers });
        res.end(JSON.stringify(payload));
      };
      if (fake.mode === "fail") {
        send(500, { error: { type: "api_error", message: "Something went wrong at the fake Stripe." } }, { "stripe-should-retry": "false" });
        return;
      }
      if (req.method === "POST" && path === "/v1/coupons") {
        coupons += 1;
        send(200, { id: `co_fake_${coupons}`, object: "coupon" });
      } else if (req.method === "POST" && path === "/v1/checkout/sessions") {
        sessions += 1;
        const id = `cs_test_fake_${sessions}`;
        send(200, { id, object: "checkout.session", url: `https://checkout.stripe.test/c/pay/${id}` });
      } else if (req.method === "POST" && /^\/v1\/checkout\/sessions\/[^/]+\/expire$/.test(path)) {
        send(200, { id: path.split("/")[4], object: "checkout.session", status: "expired" });
      } else {
        send(404, { error: { type: "invalid_request_error", message: `Unrecognized request URL (${req.method}: ${path})` } });
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  fake.close = () => new Promise((resolve) => server.close(() => resolve()));
  return fake;
}
