// Test factories for the order lifecycle: catalog rows, a checkout holding stock the way checkout creates it, signed webhook deliveries.
import { randomBytes } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import { NextRequest } from "next/server";
import { writeTransaction, wrapClient, type Db } from "@/lib/db";
import { openClient } from "@/lib/db/client";
import {
  cartItems,
  carts,
  checkouts,
  discountCodes,
  inventoryAdjustments,
  products,
  productVariants,
  shippingRates,
  shippingZoneCountries,
  shippingZones,
  type CheckoutLineSnapshot,
} from "@/lib/db/schema";
import { reserveStock } from "@/lib/inventory/reservations";
import { isoAfter } from "@/lib/time";
import { POST as webhookPost } from "@/app/api/webhooks/stripe/route";
import { signStripeEvent, type StripeEventPayload } from "@/lib/webhooks/build-stripe-event";

const unique = (prefix: string) => `${prefix}-${randomBytes(4).toString("hex")}`;

export type TestVariant = { variantId: number; productId: number; sku: string; price: number; productName: string; variantName: string; weightGrams: number };

/** An active product with one variant; the initial stock is written with its ledger row, as every stock change is. */
export async function createVariant(options: { stock?: number; price?: number; weightGrams?: number; name?: string } = {}): Promise<TestVariant> {
  const stock = options.stock ?? 10;
  const price = options.price ?? 1800;
  const weightGrams = options.weightGrams ?? 100;
  const slug = unique(options.name?.toLowerCase().replace(/\W+/g, "-") ?? "skein");
  return writeTransaction(async (tx) => {
    const [product] = await tx.insert(products).values({ slug, name: options.name ?? "Moorland Merino", status: "active" }).returning();
    const [variant] = await tx
      .insert(productVariants)
      .values({ productId: product!.id, sku: slug.toUpperCase(), name: "Heather / 4ply", price, weightGrams, stock })
      .returning();
    if (stock > 0) {
      await tx.insert(inventoryAdjustments).values({ variantId: variant!.id, delta: stock, stockBefore: 0, stockAfter: stock, reason: "initial" });
    }
    return {
      variantId: variant!.id,
      productId: product!.id,
      sku: variant!.sku,
      price,
      productName: product!.name,
      variantName: variant!.name,
      weightGrams,
    };
  });
}

export async function createShippingRate(options: { country?: string; price?: number; name?: string } = {}): Promise<number> {
  const country = options.country ?? "GB";
  return writeTransaction(async (tx) => {
    let [zoneCountry] = await tx.select().from(shippingZoneCountries).where(eq(shippingZoneCountries.country, country));
    if (!zoneCountry) {
      const [zone] = await tx.insert(shippingZones).values({ name: unique(`zone-${country}`) }).returning();
      [zoneCountry] = await tx.insert(shippingZoneCountries).values({ country, zoneId: zone!.id }).returning();
    }
    const [rate] = await tx
      .insert(shippingRates)
      .values({ zoneId: zoneCountry!.zoneId, name: options.name ?? "Royal Mail Tracked 48", price: options.price ?? 395, minDeliveryDays: 2, maxDeliveryDays: 3, isTracked: true })
      .returning();
    return rate!.id;
  });
}

export async function createDiscountCode(options: { code?: string; usageLimit?: number | null; uses?: number; percent?: number } = {}) {
  return writeTransaction(async (tx) => {
    const [code] = await tx
      .insert(discountCodes)
      .values({
        code: options.code ?? unique("SAVE").toUpperCase().replace(/-/g, ""),
        kind: "percent",
        value: options.percent ?? 10,
        usageLimit: options.usageLimit ?? null,
        uses: options.uses ?? 0,
      })
      .returning();
    return code!;
  });
}

export type CheckoutFactoryOptions = {
  lines: { variant: TestVariant; quantity: number }[];
  email?: string | null;
  country?: string;
  acceptsMarketing?: boolean;
  discount?: { id: number; code: string; percent: number } | null;
  /** Quoted shipping options; by default one real rate at 395. */
  shippingOptions?: { rateId: number | null; name: string; amount: number }[];
  /** When the reservation (and the checkout) lapse; defaults to 35 minutes from now. */
  expiresAt?: string;
  /** False: write the checkout without holding stock (as after the cleanup cron). */
  reserve?: boolean;
};

/**
 * A cart, its checkout row and the stock reservation, written in one transaction the way the
 * checkout flow does it (reserveStock refuses the lot if stock is short).
 */
export async function createCheckout(options: CheckoutFactoryOptions) {
  const country = options.country ?? "GB";
  const shippingOptions =
    options.shippingOptions ?? [{ rateId: await createShippingRate({ country }), name: "Royal Mail Tracked 48", amount: 395 }];
  const lines: CheckoutLineSnapshot[] = options.lines.map(({ variant, quantity }) => ({
    variantId: variant.variantId,
    productId: variant.productId,
    productName: variant.productName,
    variantName: variant.variantName,
    sku: variant.sku,
    unitPrice: variant.price,
    quantity,
    weightGrams: variant.weightGrams,
  }));
  const subtotal = lines.reduce((sum, line) => sum + line.unitPrice * line.quantity, 0);
  const discountTotal = options.discount ? Math.round((subtotal * options.discount.percent) / 100) : 0;
  const expiresAt = options.expiresAt ?? isoAfter(35 * 60 * 1000);
  const id = `chk_${randomBytes(12).toString("hex")}`;
  const cartId = randomBytes(16).toString("hex");
  return writeTransaction(async (tx) => {
    await tx.insert(carts).values({ id: cartId });
    await tx.insert(cartItems).values(lines.map((line) => ({ cartId, variantId: line.variantId, quantity: line.quantity })));
    const [checkout] = await tx
      .insert(checkouts)
      .values({
        id,
        cartId,
        email: options.email === undefined ? "ada@example.com" : options.email,
        country,
        acceptsMarketing: options.acceptsMarketing ?? false,
        discountCodeId: options.discount?.id ?? null,
        lines,
        quote: {
          shippingOptions: shippingOptions.map((option) => ({ ...option, minDeliveryDays: 2, maxDeliveryDays: 3, isTracked: true })),
          discount: options.discount ? { code: options.discount.code, amount: discountTotal } : null,
          subtotal,
        },
        currency: "GBP",
        subtotal,
        discountTotal,
        paymentProvider: "local",
        paymentSessionId: `cs_test_${randomBytes(12).toString("hex")}`,
        expiresAt,
      })
      .returning();
    if (options.reserve !== false) {
      await reserveStock(tx, { checkoutId: id, lines: lines.map((line) => ({ variantId: line.variantId, quantity: line.quantity })), expiresAt });
    }
    return checkout!;
  });
}

/** Signs the event with the webhook secret and POSTs it to the real route handler. */
export function deliver(event: StripeEventPayload, options: { secret?: string; timestamp?: number } = {}): Promise<Response> {
  const { body, headers } = signStripeEvent(event, options);
  return webhookPost(new NextRequest("http://localhost/api/webhooks/stripe", { method: "POST", body, headers }), { params: Promise.resolve({}) });
}

/**
 * Reads through a client of its own: a write lost on the app's connection (libsql-client-ts #352)
 * would still show there, never here.
 */
export async function withFreshDb<T>(read: (db: Db) => Promise<T>): Promise<T> {
  const client = await openClient({ url: process.env.DATABASE_URL! });
  try {
    return await read(wrapClient(client));
  } finally {
    client.close();
  }
}

export async function countRows(db: Db, table: SQLiteTable): Promise<number> {
  const [row] = await db.select({ count: sql<number>`count(*)` }).from(table);
  return Number(row?.count ?? 0);
}
