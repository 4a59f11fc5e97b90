// Loads the demo shop: catalog, shipping, codes, settings, ~200 customers, ~1,000 past orders and the checkouts and visits around them.
import { sql } from "drizzle-orm";
import type { DbOrTx, Tx } from "@/lib/db/connection";
import { insertInChunks } from "@/lib/db/insert-in-chunks";
import { rebuildSearchIndex } from "@/lib/catalog/search-index";
import { writeTransaction } from "@/lib/db/transaction";
import { db } from "@/lib/db";
import {
  collections,
  customers,
  addresses,
  checkouts,
  discountCodes,
  discountRedemptions,
  emailOutbox,
  inventoryAdjustments,
  orderEvents,
  orderItems,
  orders,
  productCollections,
  productImages,
  products,
  productVariants,
  shippingRates,
  shippingZoneCountries,
  shippingZones,
  siteSettings,
  storefrontSessions,
  type OrderStatus,
  type PaymentStatus,
  type PostalAddress,
} from "@/lib/db/schema";
import {
  DEMO_COLLECTIONS,
  DEMO_DISCOUNTS,
  DEMO_PRODUCTS,
  DEMO_SETTINGS,
  DEMO_TOWNS,
  DEMO_ZONES,
  demoVariantFields,
  FIRST_NAMES,
  LAST_NAMES,
} from "./catalog";
import { createRandom } from "./create-random";
import { planDemoFunnel } from "./demo-funnel";
import { recordUploads } from "@/lib/uploads/record-uploads";
import { storeDemoPhotos, type DemoPhotos } from "./store-demo-photos";

const DAY_MS = 24 * 60 * 60 * 1000;
const CUSTOMER_COUNT = 200;
const ORDER_COUNT = 1000;
const HISTORY_DAYS = 120;
const INSERT_CHUNK = 200;

export type SeedOptions = {
  /** The moment the history is built back from; defaults to the current hour so "today" has orders. */
  anchor?: Date;
  customers?: number;
  orders?: number;
};

export type SeedResult = { seeded: boolean; products: number; variants: number; customers: number; orders: number };

function defaultAnchor(): Date {
  const now = new Date();
  now.setUTCMinutes(0, 0, 0);
  return now;
}

const insertChunked = (tx: Tx, table: Parameters<Tx["insert"]>[0], rows: Record<string, unknown>[]) => insertInChunks(tx, table, rows, INSERT_CHUNK);

/** True when the database already holds a catalog (the seed then leaves it alone). */
export async function hasCatalog(db: DbOrTx): Promise<boolean> {
  const [row] = await db.select({ count: sql<number>`count(*)` }).from(products);
  return Number(row?.count ?? 0) > 0;
}

/**
 * Seeds an empty database in one write transaction: all of it or nothing. Running it again on a
 * database that has products does nothing, so `predev` can call it on every start.
 */
export async function seedDemoData(options: SeedOptions = {}): Promise<SeedResult> {
  const anchor = options.anchor ?? defaultAnchor();
  const notSeeded: SeedResult = { seeded: false, products: 0, variants: 0, customers: 0, orders: 0 };
  // Looked at first, so a shop that has its catalog (every `npm run dev`) stores no photos.
  if (await hasCatalog(await db())) return notSeeded;
  const catalogTime = new Date(anchor.getTime() - (HISTORY_DAYS + 30) * DAY_MS).toISOString();
  const photos = await storeDemoPhotos(DEMO_PRODUCTS.flatMap((demo) => demo.variants.map((variant) => variant.colour)), catalogTime);
  try {
    const result = await writeTransaction(async (tx) => {
      if (await hasCatalog(tx)) return notSeeded;
      return seedInto(tx, anchor, options.customers ?? CUSTOMER_COUNT, options.orders ?? ORDER_COUNT, photos);
    });
    if (!result.seeded) await photos.discard();
    return result;
  } catch (error) {
    await photos.discard();
    throw error;
  }
}

async function seedInto(tx: Tx, anchor: Date, customerCount: number, orderCount: number, photos: DemoPhotos): Promise<SeedResult> {
  const random = createRandom(20261122);
  const at = (msBeforeAnchor: number) => new Date(anchor.getTime() - msBeforeAnchor).toISOString();
  const catalogTime = at((HISTORY_DAYS + 30) * DAY_MS);
  await recordUploads(tx, photos.rows);

  // ---- settings
  await tx.insert(siteSettings).values(Object.entries(DEMO_SETTINGS).map(([key, value]) => ({ key, value, updatedAt: catalogTime })));

  // ---- collections
  const collectionRows = await tx
    .insert(collections)
    .values(
      DEMO_COLLECTIONS.map((collection, position) => ({
        ...collection,
        position,
        imageUrl: null,
        createdAt: catalogTime,
        updatedAt: catalogTime,
      })),
    )
    .returning({ id: collections.id, slug: collections.slug });
  const collectionId = new Map(collectionRows.map((row) => [row.slug, row.id]));

  // ---- products, variants, images
  type SeededVariant = {
    id: number;
    productId: number;
    productName: string;
    name: string;
    sku: string;
    price: number;
    weightGrams: number;
    finalStock: number;
    isSellable: boolean;
  };
  const variants: SeededVariant[] = [];
  for (const [index, demo] of DEMO_PRODUCTS.entries()) {
    const createdAt = at((HISTORY_DAYS + 20 - index) * DAY_MS);
    const [product] = await tx
      .insert(products)
      .values({
        slug: demo.slug,
        name: demo.name,
        description: demo.description,
        status: demo.status ?? "active",
        isFeatured: demo.isFeatured ?? false,
        createdAt,
        updatedAt: createdAt,
      })
      .returning({ id: products.id });
    const productId = product!.id;
    await tx.insert(productCollections).values(
      demo.collections.map((slug, position) => ({ productId, collectionId: collectionId.get(slug)!, position: index * 10 + position })),
    );
    const variantRows = await tx
      .insert(productVariants)
      .values(
        demo.variants.map((variant, position) => {
          return {
            productId,
            ...demoVariantFields(demo, variant),
            stock: variant.stock,
            position,
            createdAt,
            updatedAt: createdAt,
          };
        }),
      )
      .returning();
    for (const [position, row] of variantRows.entries()) {
      variants.push({
        id: row.id,
        productId,
        productName: demo.name,
        name: row.name,
        sku: row.sku,
        price: row.price,
        weightGrams: row.weightGrams,
        finalStock: demo.variants[position]!.stock,
        isSellable: demo.status !== "draft",
      });
    }
    await tx.insert(productImages).values(
      variantRows.map((row, position) => ({
        productId,
        variantId: demo.variants.length > 1 ? row.id : null,
        url: photos.urlOf(demo.variants[position]!.colour),
        alt: `${demo.name} in ${row.name}`,
        position,
        createdAt,
      })),
    );
  }

  // ---- shipping
  type SeededRate = {
    id: number;
    name: string;
    zoneName: string;
    price: number;
    min: number;
    max: number | null;
    freeOver: number | null;
    minDeliveryDays: number;
    maxDeliveryDays: number;
    isTracked: boolean;
  };
  const ratesByCountry = new Map<string, SeededRate[]>();
  for (const [position, zone] of DEMO_ZONES.entries()) {
    const [zoneRow] = await tx
      .insert(shippingZones)
      .values({ name: zone.name, position, createdAt: catalogTime, updatedAt: catalogTime })
      .returning({ id: shippingZones.id });
    await tx.insert(shippingZoneCountries).values(zone.countries.map((country) => ({ country, zoneId: zoneRow!.id })));
    const rateRows = await tx
      .insert(shippingRates)
      .values(
        zone.rates.map((rate, ratePosition) => ({
          ...rate,
          freeOverSubtotal: rate.freeOverSubtotal ?? null,
          zoneId: zoneRow!.id,
          position: ratePosition,
          createdAt: catalogTime,
          updatedAt: catalogTime,
        })),
      )
      .returning();
    for (const country of zone.countries) {
      ratesByCountry.set(
        country,
        rateRows.map((rate) => ({
          id: rate.id,
          name: rate.name,
          zoneName: zone.name,
          price: rate.price,
          min: rate.minWeightGrams,
          max: rate.maxWeightGrams,
          freeOver: rate.freeOverSubtotal,
          minDeliveryDays: rate.minDeliveryDays,
          maxDeliveryDays: rate.maxDeliveryDays,
          isTracked: rate.isTracked,
        })),
      );
    }
  }

  // ---- discount codes (uses are filled in from the history below)
  const discountRows = await tx
    .insert(discountCodes)
    .values(
      DEMO_DISCOUNTS.map((discount) => ({
        code: discount.code,
        kind: discount.kind,
        value: discount.value,
        minimumSubtotal: discount.minimumSubtotal,
        usageLimit: discount.usageLimit,
        startsAt: discount.startsInDays === null ? null : at(-discount.startsInDays * DAY_MS),
        endsAt: discount.endsInDays === null ? null : at(-discount.endsInDays * DAY_MS),
        createdAt: catalogTime,
        updatedAt: catalogTime,
      })),
    )
    .returning();

  // ---- customers and their addresses
  const countryPool = [...Array(14).fill("GB"), "IE", "FR", "DE", "NL", "SE", "US", "US", "CA", "AU", "JP"] as string[];
  const seededCustomers: { id: number; email: string; name: string; address: PostalAddress; createdAt: string }[] = [];
  const customerValues = Array.from({ length: customerCount }, (_, index) => {
    const first = random.pick(FIRST_NAMES);
    const last = random.pick(LAST_NAMES);
    const localPart = `${first}.${last}`
      .normalize("NFD")
      .replace(/[^A-Za-z.]/g, "")
      .toLowerCase();
    const acceptsMarketing = random.chance(0.4);
    const createdAt = at((HISTORY_DAYS + 5) * DAY_MS - index * 60_000 * 37);
    return {
      email: `${localPart}.${index + 1}@example.com`,
      name: `${first} ${last}`,
      acceptsMarketing,
      marketingConsentAt: acceptsMarketing ? createdAt : null,
      createdAt,
      updatedAt: createdAt,
    };
  });
  for (let i = 0; i < customerValues.length; i += INSERT_CHUNK) {
    const rows = await tx
      .insert(customers)
      .values(customerValues.slice(i, i + INSERT_CHUNK))
      .returning({ id: customers.id, email: customers.email, name: customers.name, createdAt: customers.createdAt });
    for (const row of rows) {
      const country = random.pick(countryPool);
      const town = random.pick(DEMO_TOWNS[country]!);
      seededCustomers.push({
        ...row,
        address: {
          name: row.name,
          line1: `${random.int(1, 180)} ${random.pick(["Mill Lane", "Church Street", "Station Road", "High Street", "Orchard Way", "Rue Centrale", "Hauptstraße", "Main Street"])}`,
          line2: null,
          city: town.city,
          region: null,
          postalCode: town.postalCode,
          country,
        },
      });
    }
  }
  await insertChunked(
    tx,
    addresses,
    seededCustomers.map((customer) => ({
      customerId: customer.id,
      ...customer.address,
      isDefault: true,
      createdAt: customer.createdAt,
    })),
  );

  // ---- order history
  const sellable = variants.filter((variant) => variant.isSellable);
  const prefix = DEMO_SETTINGS.orderNumberPrefix;
  type PlannedOrder = {
    seq: number;
    createdAt: string;
    customer: (typeof seededCustomers)[number];
    lines: { variant: SeededVariant; quantity: number }[];
    status: OrderStatus;
    paymentStatus: PaymentStatus;
    subtotal: number;
    discountTotal: number;
    discountIndex: number | null;
    shipping: { id: number; name: string; amount: number; rate: SeededRate };
    total: number;
    amountRefunded: number;
    holdReason: string | null;
  };
  const planned: PlannedOrder[] = [];
  const ordersSpacingMs = (HISTORY_DAYS * DAY_MS - 10 * 60_000) / orderCount;
  const discountUses = DEMO_DISCOUNTS.map(() => 0);
  for (let index = 0; index < orderCount; index += 1) {
    const ageMs = HISTORY_DAYS * DAY_MS - index * ordersSpacingMs - random.int(0, Math.floor(ordersSpacingMs * 0.8));
    const ageDays = ageMs / DAY_MS;
    const customer = seededCustomers[Math.floor(random.next() ** 1.6 * seededCustomers.length)]!;
    const lineCount = random.chance(0.55) ? 1 : random.chance(0.7) ? 2 : 3;
    const lines: PlannedOrder["lines"] = [];
    for (let l = 0; l < lineCount || lines.length === 0; l += 1) {
      const variant = random.pick(sellable);
      const quantity = random.chance(0.7) ? 1 : random.int(2, 3);
      const weightSoFar = lines.reduce((sum, line) => sum + line.variant.weightGrams * line.quantity, 0);
      // Parcels stay within the international 2 kg bands, as real orders to those zones must.
      if (lines.some((line) => line.variant.id === variant.id) || weightSoFar + variant.weightGrams * quantity > 1900) continue;
      lines.push({ variant, quantity });
    }
    const subtotal = lines.reduce((sum, line) => sum + line.variant.price * line.quantity, 0);
    let discountIndex: number | null = null;
    let discountTotal = 0;
    if (random.chance(0.12)) {
      discountIndex = 0;
      discountTotal = Math.round((subtotal * DEMO_DISCOUNTS[0]!.value) / 100);
    } else if (subtotal >= DEMO_DISCOUNTS[1]!.minimumSubtotal && discountUses[1]! < 57 && random.chance(0.08)) {
      discountIndex = 1;
      discountTotal = DEMO_DISCOUNTS[1]!.value;
    }
    if (discountIndex !== null) discountUses[discountIndex]! += 1;
    const weight = lines.reduce((sum, line) => sum + line.variant.weightGrams * line.quantity, 0);
    const rates = ratesByCountry.get(customer.address.country)!;
    const fitting = rates.filter((rate) => weight >= rate.min && (rate.max === null || weight <= rate.max));
    const rate = random.chance(0.75) ? fitting[0]! : fitting[fitting.length - 1]!;
    const afterDiscount = subtotal - discountTotal;
    const shippingAmount = rate.freeOver !== null && afterDiscount >= rate.freeOver ? 0 : rate.price;
    const total = afterDiscount + shippingAmount;

    let status: OrderStatus = ageDays > 6 ? "delivered" : ageDays > 2 ? "shipped" : "processing";
    let paymentStatus: PaymentStatus = "paid";
    let amountRefunded = 0;
    let holdReason: string | null = null;
    if (random.chance(0.015)) status = "cancelled";
    else if (ageDays > 10 && random.chance(0.012)) {
      status = "refunded";
      paymentStatus = "refunded";
      amountRefunded = total;
    }
    if (index === orderCount - 3 || index === orderCount - 9) {
      status = "on_hold";
      holdReason = "Stock ran out while the payment was being taken.";
    }
    planned.push({
      seq: DEMO_SETTINGS.orderNumberStart + index,
      createdAt: at(ageMs),
      customer,
      lines,
      status,
      paymentStatus,
      subtotal,
      discountTotal,
      discountIndex,
      shipping: { id: rate.id, name: rate.name, amount: shippingAmount, rate },
      total,
      amountRefunded,
      holdReason,
    });
  }

  // ---- the funnel: the checkouts behind the orders (and those never paid), and the visits before them.
  // Orders find their checkout by payment session id only: orders.checkout_id stays empty, as after an
  // import (the export bundle does not carry checkouts), so a demo shop round-trips through a bundle.
  const funnel = planDemoFunnel(
    planned.map((order) => {
      const discount = order.discountIndex === null ? null : discountRows[order.discountIndex]!;
      return {
        seq: order.seq,
        createdAt: order.createdAt,
        email: order.customer.email,
        country: order.customer.address.country,
        zoneName: order.shipping.rate.zoneName,
        lines: order.lines.map(({ variant, quantity }) => ({
          variantId: variant.id,
          productId: variant.productId,
          productName: variant.productName,
          variantName: variant.name,
          sku: variant.sku,
          unitPrice: variant.price,
          quantity,
          weightGrams: variant.weightGrams,
        })),
        subtotal: order.subtotal,
        discount: discount && { discountCodeId: discount.id, code: discount.code, kind: discount.kind, value: discount.value, amount: order.discountTotal },
        shipping: {
          rateId: order.shipping.id,
          name: order.shipping.name,
          amount: order.shipping.amount,
          regularAmount: order.shipping.rate.price,
          isFree: order.shipping.amount === 0,
          freeOverSubtotal: order.shipping.rate.freeOver,
          minDeliveryDays: order.shipping.rate.minDeliveryDays,
          maxDeliveryDays: order.shipping.rate.maxDeliveryDays,
          isTracked: order.shipping.rate.isTracked,
        },
        total: order.total,
      };
    }),
    // A stream of its own, so the orders above stay what they were before the funnel was seeded.
    { anchor, currency: DEMO_SETTINGS.currency, random: createRandom(20261123) },
  );
  await insertChunked(tx, checkouts, funnel.checkouts);
  await insertChunked(tx, storefrontSessions, funnel.sessions);

  const orderIds: number[] = [];
  for (let i = 0; i < planned.length; i += INSERT_CHUNK) {
    const rows = await tx
      .insert(orders)
      .values(
        planned.slice(i, i + INSERT_CHUNK).map((order) => {
          const shippedAt = ["shipped", "delivered", "refunded"].includes(order.status) ? addHours(order.createdAt, 26) : null;
          return {
            orderSeq: order.seq,
            orderNumber: `${prefix}${order.seq}`,
            email: order.customer.email,
            customerId: order.customer.id,
            status: order.status,
            paymentStatus: order.paymentStatus,
            currency: DEMO_SETTINGS.currency,
            subtotal: order.subtotal,
            shippingTotal: order.shipping.amount,
            discountTotal: order.discountTotal,
            total: order.total,
            amountRefunded: order.amountRefunded,
            // Refunded as a dashboard refund the charge reported: no refund rows, the charge's total.
            chargeRefundedAmount: order.amountRefunded,
            discountCode: order.discountIndex === null ? null : DEMO_DISCOUNTS[order.discountIndex]!.code,
            shippingAddress: order.customer.address,
            billingAddress: order.customer.address,
            shippingCountry: order.customer.address.country,
            shippingMethod: order.shipping.name,
            shippingRateId: order.shipping.id,
            trackingNumber: shippedAt ? `RM${String(order.seq).padStart(9, "0")}GB` : null,
            trackingCarrier: shippedAt ? "Royal Mail" : null,
            paymentProvider: "stripe",
            paymentSessionId: `cs_demo_${order.seq}`,
            paymentIntentId: `pi_demo_${order.seq}`,
            lookupToken: random.hex(32),
            paidAt: order.createdAt,
            shippedAt,
            deliveredAt: order.status === "delivered" ? addHours(order.createdAt, 26 + 48) : null,
            cancelledAt: order.status === "cancelled" ? addHours(order.createdAt, 3) : null,
            createdAt: order.createdAt,
            updatedAt: order.createdAt,
          };
        }),
      )
      .returning({ id: orders.id });
    orderIds.push(...rows.map((row) => row.id));
  }

  const itemRows: (typeof orderItems.$inferInsert)[] = [];
  const eventRows: (typeof orderEvents.$inferInsert)[] = [];
  const redemptionRows: (typeof discountRedemptions.$inferInsert)[] = [];
  const ledgerMoves: { variantId: number; delta: number; reason: "order" | "cancellation"; reference: string; createdAt: string }[] = [];
  for (const [index, order] of planned.entries()) {
    const orderId = orderIds[index]!;
    const orderNumber = `${prefix}${order.seq}`;
    for (const line of order.lines) {
      itemRows.push({
        orderId,
        variantId: line.variant.id,
        productId: line.variant.productId,
        productName: line.variant.productName,
        variantName: line.variant.name,
        sku: line.variant.sku,
        unitPrice: line.variant.price,
        quantity: line.quantity,
        lineTotal: line.variant.price * line.quantity,
        createdAt: order.createdAt,
      });
      ledgerMoves.push({ variantId: line.variant.id, delta: -line.quantity, reason: "order", reference: orderNumber, createdAt: order.createdAt });
      if (order.status === "cancelled") {
        ledgerMoves.push({ variantId: line.variant.id, delta: line.quantity, reason: "cancellation", reference: orderNumber, createdAt: addHours(order.createdAt, 3) });
      }
    }
    const event = (type: string, message: string, createdAt: string, actor = "webhook", data?: Record<string, unknown>) =>
      eventRows.push({ orderId, type, message, createdAt, actor, data: data ?? null });
    event("created", `Order ${orderNumber} created from checkout`, order.createdAt);
    event("paid", `Payment of ${order.total} ${DEMO_SETTINGS.currency} received`, order.createdAt, "webhook", { amount: order.total });
    event("stock_updated", "Stock decremented for every line", order.createdAt);
    if (order.holdReason) {
      event("stock_shortfall", order.holdReason, order.createdAt, "webhook", {
        lines: order.lines.slice(0, 1).map((line) => ({ variantId: line.variant.id, sku: line.variant.sku, requested: line.quantity, available: 0 })),
      });
      event("status_changed", "Order put on hold", order.createdAt, "webhook", { from: "processing", to: "on_hold" });
    }
    if (["shipped", "delivered", "refunded"].includes(order.status)) {
      event("tracking_added", "Tracking number added", addHours(order.createdAt, 26), "admin:owner");
      event("status_changed", "Order shipped", addHours(order.createdAt, 26), "admin:owner", { from: "processing", to: "shipped" });
    }
    if (order.status === "delivered") {
      event("status_changed", "Order delivered", addHours(order.createdAt, 74), "admin:owner", { from: "shipped", to: "delivered" });
    }
    if (order.status === "cancelled") {
      event("cancelled", "Cancelled at the customer's request; stock returned", addHours(order.createdAt, 3), "admin:owner", { from: "processing", to: "cancelled" });
    }
    if (order.status === "refunded") {
      event("refunded", "Refunded in full", addHours(order.createdAt, 24 * 9), "webhook", { amount: order.amountRefunded });
    }
    if (order.discountIndex !== null) {
      redemptionRows.push({
        discountCodeId: discountRows[order.discountIndex]!.id,
        orderId,
        email: order.customer.email,
        amount: order.discountTotal,
        createdAt: order.createdAt,
      });
    }
  }
  await insertChunked(tx, orderItems, itemRows);
  await insertChunked(tx, orderEvents, eventRows);
  await insertChunked(tx, discountRedemptions, redemptionRows);
  for (const [index, discount] of discountRows.entries()) {
    await tx.update(discountCodes).set({ uses: discountUses[index]! }).where(sql`${discountCodes.id} = ${discount.id}`);
  }

  // ---- stock ledger: an opening balance, then every sale, so the ledger sums to today's stock.
  const soldByVariant = new Map<number, number>();
  for (const move of ledgerMoves) soldByVariant.set(move.variantId, (soldByVariant.get(move.variantId) ?? 0) - move.delta);
  const running = new Map<number, number>();
  const ledgerRows: (typeof inventoryAdjustments.$inferInsert)[] = [];
  for (const variant of variants) {
    const opening = variant.finalStock + (soldByVariant.get(variant.id) ?? 0);
    running.set(variant.id, opening);
    ledgerRows.push({
      variantId: variant.id,
      delta: opening,
      stockBefore: 0,
      stockAfter: opening,
      reason: "initial",
      reference: "demo data",
      actor: "seed",
      createdAt: catalogTime,
    });
  }
  ledgerMoves.sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
  for (const move of ledgerMoves) {
    const before = running.get(move.variantId)!;
    running.set(move.variantId, before + move.delta);
    ledgerRows.push({
      variantId: move.variantId,
      delta: move.delta,
      stockBefore: before,
      stockAfter: before + move.delta,
      reason: move.reason,
      reference: move.reference,
      actor: move.reason === "order" ? "webhook" : "admin:owner",
      createdAt: move.createdAt,
    });
  }
  await insertChunked(tx, inventoryAdjustments, ledgerRows);

  // ---- a little email history, including one failure the owner should notice
  const recent = planned.slice(-12);
  await insertChunked(
    tx,
    emailOutbox,
    recent.map((order, index) => {
      const failed = index === 4;
      const orderNumber = `${prefix}${order.seq}`;
      return {
        orderId: orderIds[planned.length - recent.length + index]!,
        kind: "order_confirmation",
        toAddress: order.customer.email,
        subject: `Your order ${orderNumber}`,
        html: `<p>Thank you for your order ${orderNumber}.</p>`,
        text: `Thank you for your order ${orderNumber}.`,
        status: failed ? ("failed" as const) : ("sent" as const),
        attempts: failed ? 5 : 1,
        lastError: failed ? "Recipient mailbox unavailable (550)" : null,
        idempotencyKey: `order_confirmation/${orderIds[planned.length - recent.length + index]!}`,
        sentAt: failed ? null : order.createdAt,
        nextAttemptAt: order.createdAt,
        createdAt: order.createdAt,
        updatedAt: order.createdAt,
      };
    }),
  );

  await rebuildSearchIndex(tx);
  return { seeded: true, products: DEMO_PRODUCTS.length, variants: variants.length, customers: seededCustomers.length, orders: planned.length };
}

function addHours(iso: string, hours: number): string {
  return new Date(new Date(iso).getTime() + hours * 60 * 60 * 1000).toISOString();
}
