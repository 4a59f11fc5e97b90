// Seeds a shop at scale (`npm run db:seed -- --orders 100000 [--variants 10000]`) for benchmarks and
// the export/backup measurements: two years of history, written in short batched transactions.
import { inArray, sql } from "drizzle-orm";
import { db, type Tx } from "@/lib/db/connection";
import { insertInChunks } from "@/lib/db/insert-in-chunks";
import { rebuildSearchIndex } from "@/lib/catalog/search-index";
import { writeTransaction } from "@/lib/db/transaction";
import {
  addresses,
  collections,
  customers,
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
  type OrderStatus,
  type PaymentStatus,
  type PostalAddress,
} from "@/lib/db/schema";
import { COLOURS, DEMO_COLLECTIONS, DEMO_DISCOUNTS, DEMO_PRODUCTS, DEMO_SETTINGS, DEMO_TOWNS, DEMO_ZONES, demoVariantFields, FIRST_NAMES, LAST_NAMES, type ColourKey } from "./catalog";
import { recordUploads } from "@/lib/uploads/record-uploads";
import { storeDemoPhotos } from "./store-demo-photos";
import { createRandom, type Random } from "./create-random";

const DAY_MS = 24 * 60 * 60 * 1000;
const HISTORY_DAYS = 730;
/** Orders per write transaction: short enough that the shop (another process) is never locked out for long. */
const ORDERS_PER_BATCH = 2_000;
/** Rows per INSERT statement; the widest table (orders) stays well under SQLite's 32,766 bound variables. */
const ROWS_PER_INSERT = 250;
/** Share of orders placed by a first-time customer; the rest come back (a few of them often). */
const NEW_CUSTOMER_SHARE = 0.3;

export type ScaleSeedOptions = {
  orders: number;
  /** Total variants in the catalog; the 29 demo variants plus generated colourways up to this many. */
  variants?: number;
  /** The moment the history ends; defaults to the current hour. */
  anchor?: Date;
  onProgress?: (progress: ScaleSeedProgress) => void;
};

export type ScaleSeedProgress = { stage: "catalog" | "orders"; done: number; total: number };

export type ScaleSeedResult = {
  products: number;
  variants: number;
  customers: number;
  orders: number;
  orderItems: number;
  orderEvents: number;
  ledgerRows: number;
};

type SeedVariant = {
  id: number;
  productId: number;
  productName: string;
  name: string;
  sku: string;
  price: number;
  weightGrams: number;
  isSellable: boolean;
};

type SeedCustomer = { id: number; email: string; name: string; address: PostalAddress };
type Rate = { id: number; name: string; price: number; min: number; max: number | null; freeOver: number | null };

const insertRows = (tx: Tx, table: Parameters<Tx["insert"]>[0], rows: unknown[]) => insertInChunks(tx, table, rows, ROWS_PER_INSERT);

function addMinutes(iso: string, minutes: number): string {
  return new Date(new Date(iso).getTime() + minutes * 60_000).toISOString();
}

/** Refuses anything but an empty (migrated) database: the seed assigns ids itself. */
async function assertEmpty(): Promise<void> {
  const read = await db();
  const [row] = await read.all<{ rows: number }>(sql`
    SELECT (SELECT count(*) FROM products) + (SELECT count(*) FROM customers) + (SELECT count(*) FROM orders) AS rows`);
  if (Number(row?.rows ?? 0) > 0) {
    throw new Error("The database already holds products, customers or orders; the scale seed only fills an empty database.");
  }
}

/** The catalog: the demo products first, then generated colourways of the same yarns until `variantTarget`. */
function planCatalog(random: Random, variantTarget: number) {
  type PlannedProduct = {
    id: number;
    slug: string;
    name: string;
    description: string;
    status: "active" | "draft" | "archived";
    isFeatured: boolean;
    collections: string[];
    variants: { id: number; sku: string; name: string; options: Record<string, string>; price: number; compareAtPrice: number | null; weightGrams: number; colour: ColourKey }[];
  };
  const planned: PlannedProduct[] = [];
  let variantId = 0;
  for (const demo of DEMO_PRODUCTS) {
    planned.push({
      id: planned.length + 1,
      slug: demo.slug,
      name: demo.name,
      description: demo.description,
      status: demo.status ?? "active",
      isFeatured: demo.isFeatured ?? false,
      collections: demo.collections,
      variants: demo.variants.map((variant) => ({ id: (variantId += 1), ...demoVariantFields(demo, variant), colour: variant.colour })),
    });
  }
  const templates = DEMO_PRODUCTS.filter((demo) => (demo.status ?? "active") === "active");
  const colourKeys = Object.keys(COLOURS) as ColourKey[];
  for (let edition = 1; variantId < variantTarget; edition += 1) {
    const template = templates[edition % templates.length]!;
    const id = planned.length + 1;
    const count = Math.min(variantTarget - variantId, random.int(3, 8));
    const start = random.int(0, colourKeys.length - 1);
    const name = `${template.name} — Batch ${edition}`;
    planned.push({
      id,
      slug: `${template.slug}-batch-${edition}`,
      name,
      description: `${template.description} Dyed in small batch ${edition}.`,
      status: random.chance(0.05) ? "archived" : "active",
      isFeatured: false,
      collections: template.collections,
      variants: Array.from({ length: count }, (_, position) => {
        const colour = colourKeys[(start + position) % colourKeys.length]!;
        return {
          id: (variantId += 1),
          sku: `${template.skuPrefix}-B${edition}-${colour.slice(0, 4).toUpperCase()}`,
          name: COLOURS[colour].name,
          options: { colour: COLOURS[colour].name },
          price: template.price + random.int(-2, 4) * 50,
          compareAtPrice: null,
          weightGrams: template.weightGrams,
          colour,
        };
      }),
    });
  }
  return planned;
}

/**
 * Seeds an empty database with `orders` orders spread over two years (more of them recently, as a
 * growing shop has), their customers, items, events, discount redemptions and confirmation emails,
 * and a stock ledger (opening balance, restocks, sales, cancellations) that sums to every variant's
 * stock after each batch. Deterministic for a given anchor and options.
 */
export async function seedAtScale(options: ScaleSeedOptions): Promise<ScaleSeedResult> {
  const anchor = options.anchor ?? new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000);
  const orderCount = options.orders;
  const report = options.onProgress ?? (() => undefined);
  if (!Number.isInteger(orderCount) || orderCount < 1) throw new Error("--orders must be a positive whole number");
  await assertEmpty();

  const random = createRandom(20261201);
  const at = (msBeforeAnchor: number) => new Date(anchor.getTime() - msBeforeAnchor).toISOString();
  const catalogTime = at((HISTORY_DAYS + 30) * DAY_MS);
  const catalog = planCatalog(random, Math.max(options.variants ?? 0, 1));
  const variantTotal = catalog.reduce((sum, product) => sum + product.variants.length, 0);
  report({ stage: "catalog", done: 0, total: variantTotal });
  // Each colourway's photo is stored once (before the transaction: no I/O inside it) and shared by
  // every product in that colour.
  const photos = await storeDemoPhotos(catalog.flatMap((product) => product.variants.map((variant) => variant.colour)), catalogTime);

  // ---- catalog, shipping, codes and settings in one transaction (small even at 10,000 variants)
  const variants: SeedVariant[] = [];
  const running = new Map<number, number>();
  const ratesByCountry = new Map<string, Rate[]>();
  const discountIds: number[] = [];
  await writeTransaction(async (tx) => {
    await recordUploads(tx, photos.rows);
    await tx.insert(siteSettings).values(Object.entries(DEMO_SETTINGS).map(([key, value]) => ({ key, value, updatedAt: catalogTime })));
    await tx.insert(collections).values(
      DEMO_COLLECTIONS.map((collection, position) => ({ id: position + 1, ...collection, position, createdAt: catalogTime, updatedAt: catalogTime })),
    );
    const collectionId = new Map(DEMO_COLLECTIONS.map((collection, position) => [collection.slug as string, position + 1]));
    const productRows: (typeof products.$inferInsert)[] = [];
    const membershipRows: (typeof productCollections.$inferInsert)[] = [];
    const variantRows: (typeof productVariants.$inferInsert)[] = [];
    const imageRows: (typeof productImages.$inferInsert)[] = [];
    const ledgerRows: (typeof inventoryAdjustments.$inferInsert)[] = [];
    for (const product of catalog) {
      const createdAt = addMinutes(catalogTime, product.id * 7);
      productRows.push({ id: product.id, slug: product.slug, name: product.name, description: product.description, status: product.status, isFeatured: product.isFeatured, createdAt, updatedAt: createdAt });
      product.collections.forEach((slug, position) => membershipRows.push({ productId: product.id, collectionId: collectionId.get(slug)!, position: product.id * 10 + position }));
      product.variants.forEach((variant, position) => {
        const opening = random.int(20, 120);
        running.set(variant.id, opening);
        const { colour, ...columns } = variant;
        variantRows.push({ ...columns, productId: product.id, stock: opening, position, createdAt, updatedAt: createdAt });
        imageRows.push({
          productId: product.id,
          variantId: product.variants.length > 1 ? variant.id : null,
          url: photos.urlOf(colour),
          alt: `${product.name} in ${variant.name}`,
          position,
          createdAt,
        });
        ledgerRows.push({ variantId: variant.id, delta: opening, stockBefore: 0, stockAfter: opening, reason: "initial", reference: "opening stock", actor: "seed", createdAt });
        variants.push({ id: variant.id, productId: product.id, productName: product.name, name: variant.name, sku: variant.sku, price: variant.price, weightGrams: variant.weightGrams, isSellable: product.status === "active" });
      });
    }
    await insertRows(tx, products, productRows);
    await insertRows(tx, productCollections, membershipRows);
    await insertRows(tx, productVariants, variantRows);
    await insertRows(tx, productImages, imageRows);
    await insertRows(tx, inventoryAdjustments, ledgerRows);
    await rebuildSearchIndex(tx);

    let rateId = 0;
    for (const [position, zone] of DEMO_ZONES.entries()) {
      const zoneId = position + 1;
      await tx.insert(shippingZones).values({ id: zoneId, name: zone.name, position, createdAt: catalogTime, updatedAt: catalogTime });
      await tx.insert(shippingZoneCountries).values(zone.countries.map((country) => ({ country, zoneId })));
      const rates = zone.rates.map((rate, ratePosition) => ({ ...rate, id: (rateId += 1), freeOverSubtotal: rate.freeOverSubtotal ?? null, zoneId, position: ratePosition, createdAt: catalogTime, updatedAt: catalogTime }));
      await tx.insert(shippingRates).values(rates);
      const options = rates.map((rate) => ({ id: rate.id, name: rate.name, price: rate.price, min: rate.minWeightGrams, max: rate.maxWeightGrams, freeOver: rate.freeOverSubtotal }));
      for (const country of zone.countries) ratesByCountry.set(country, options);
    }
    await tx.insert(discountCodes).values(
      DEMO_DISCOUNTS.map((discount, index) => {
        discountIds.push(index + 1);
        return {
          id: index + 1,
          code: discount.code,
          kind: discount.kind,
          value: discount.value,
          minimumSubtotal: discount.minimumSubtotal,
          usageLimit: discount.usageLimit,
          startsAt: discount.startsInDays === null ? null : at(-discount.startsInDays * DAY_MS),
          endsAt: discount.endsInDays === null ? null : at(-discount.endsInDays * DAY_MS),
          createdAt: catalogTime,
          updatedAt: catalogTime,
        };
      }),
    );
  }).catch(async (error: unknown) => {
    await photos.discard();
    throw error;
  });
  report({ stage: "catalog", done: variantTotal, total: variantTotal });

  // ---- order history, batch by batch in time order
  const sellable = variants.filter((variant) => variant.isSellable);
  const prefix = DEMO_SETTINGS.orderNumberPrefix;
  const countryPool = [...Array(14).fill("GB"), "IE", "FR", "DE", "NL", "SE", "US", "US", "CA", "AU", "JP"] as string[];
  const streets = ["Mill Lane", "Church Street", "Station Road", "High Street", "Orchard Way", "Rue Centrale", "Hauptstraße", "Main Street"];
  const hedgerowWindow = {
    starts: at(-DEMO_DISCOUNTS[1]!.startsInDays! * DAY_MS),
    ends: at(-DEMO_DISCOUNTS[1]!.endsInDays! * DAY_MS),
    limit: DEMO_DISCOUNTS[1]!.usageLimit ?? Infinity,
  };
  const discountUses = DEMO_DISCOUNTS.map(() => 0);
  const pool: SeedCustomer[] = [];
  const totals = { orderItems: 0, orderEvents: 0, ledgerRows: variants.length };
  let restockNumber = 0;
  const spanMs = HISTORY_DAYS * DAY_MS - 10 * 60_000;

  report({ stage: "orders", done: 0, total: orderCount });
  for (let batchStart = 0; batchStart < orderCount; batchStart += ORDERS_PER_BATCH) {
    const batchEnd = Math.min(orderCount, batchStart + ORDERS_PER_BATCH);
    const customerRows: (typeof customers.$inferInsert)[] = [];
    const addressRows: (typeof addresses.$inferInsert)[] = [];
    const orderRows: (typeof orders.$inferInsert)[] = [];
    const itemRows: (typeof orderItems.$inferInsert)[] = [];
    const eventRows: (typeof orderEvents.$inferInsert)[] = [];
    const redemptionRows: (typeof discountRedemptions.$inferInsert)[] = [];
    const ledgerRows: (typeof inventoryAdjustments.$inferInsert)[] = [];
    const emailRows: (typeof emailOutbox.$inferInsert)[] = [];
    const touched = new Set<number>();
    const usesBefore = [...discountUses];

    for (let index = batchStart; index < batchEnd; index += 1) {
      const orderId = index + 1;
      const seq = DEMO_SETTINGS.orderNumberStart + index;
      const orderNumber = `${prefix}${seq}`;
      // Time runs as f^0.75 of the span, so orders get denser towards the anchor: a growing shop.
      const fraction = (index + random.next() * 0.8) / orderCount;
      const ageMs = spanMs * (1 - fraction ** 0.75) + 10 * 60_000;
      const createdAt = at(ageMs);
      const ageDays = ageMs / DAY_MS;

      let customer: SeedCustomer;
      if (pool.length === 0 || random.chance(NEW_CUSTOMER_SHARE)) {
        const id = pool.length + 1;
        const first = random.pick(FIRST_NAMES);
        const last = random.pick(LAST_NAMES);
        const localPart = `${first}.${last}`.normalize("NFD").replace(/[^A-Za-z.]/g, "").toLowerCase();
        const country = random.pick(countryPool);
        const town = random.pick(DEMO_TOWNS[country]!);
        const name = `${first} ${last}`;
        const address: PostalAddress = { name, line1: `${random.int(1, 180)} ${random.pick(streets)}`, line2: null, city: town.city, region: null, postalCode: town.postalCode, country };
        const acceptsMarketing = random.chance(0.4);
        const customerCreatedAt = addMinutes(createdAt, -random.int(1, 30));
        customer = { id, email: `${localPart}.${id}@example.com`, name, address };
        pool.push(customer);
        customerRows.push({ id, email: customer.email, name, acceptsMarketing, marketingConsentAt: acceptsMarketing ? customerCreatedAt : null, createdAt: customerCreatedAt, updatedAt: customerCreatedAt });
        addressRows.push({ customerId: id, ...address, isDefault: true, createdAt: customerCreatedAt });
      } else {
        customer = pool[Math.floor(random.next() ** 2 * pool.length)]!;
      }

      const lineCount = random.chance(0.55) ? 1 : random.chance(0.7) ? 2 : 3;
      const lines: { variant: SeedVariant; quantity: number }[] = [];
      for (let attempt = 0; lines.length < lineCount && attempt < lineCount * 3; attempt += 1) {
        // Popular yarns sell far more often than the long tail.
        const variant = sellable[Math.floor(random.next() ** 2.2 * sellable.length)]!;
        const quantity = random.chance(0.7) ? 1 : random.int(2, 3);
        const weightSoFar = lines.reduce((sum, line) => sum + line.variant.weightGrams * line.quantity, 0);
        if (lines.some((line) => line.variant.id === variant.id) || weightSoFar + variant.weightGrams * quantity > 1900) continue;
        lines.push({ variant, quantity });
      }
      if (lines.length === 0) lines.push({ variant: sellable[0]!, quantity: 1 });

      const subtotal = lines.reduce((sum, line) => sum + line.variant.price * line.quantity, 0);
      let discountIndex: number | null = null;
      let discountTotal = 0;
      if (random.chance(0.08)) {
        discountIndex = 0;
        discountTotal = Math.round((subtotal * DEMO_DISCOUNTS[0]!.value) / 100);
      } else if (
        createdAt >= hedgerowWindow.starts && createdAt < hedgerowWindow.ends && discountUses[1]! < hedgerowWindow.limit &&
        subtotal >= DEMO_DISCOUNTS[1]!.minimumSubtotal && random.chance(0.05)
      ) {
        discountIndex = 1;
        discountTotal = DEMO_DISCOUNTS[1]!.value;
      }
      if (discountIndex !== null) discountUses[discountIndex]! += 1;

      const weight = lines.reduce((sum, line) => sum + line.variant.weightGrams * line.quantity, 0);
      const fitting = ratesByCountry.get(customer.address.country)!.filter((rate) => weight >= rate.min && (rate.max === null || weight <= rate.max));
      const rate = random.chance(0.75) ? fitting[0]! : fitting[fitting.length - 1]!;
      const afterDiscount = subtotal - discountTotal;
      const shippingTotal = rate.freeOver !== null && afterDiscount >= rate.freeOver ? 0 : rate.price;
      const total = afterDiscount + shippingTotal;

      let status: OrderStatus = ageDays > 6 ? "delivered" : ageDays > 2 ? "shipped" : "processing";
      let paymentStatus: PaymentStatus = "paid";
      let amountRefunded = 0;
      let isOnHold = false;
      if (random.chance(0.015)) {
        status = "cancelled";
        paymentStatus = "refunded";
        amountRefunded = total;
      } else if (ageDays > 10 && random.chance(0.012)) {
        status = "refunded";
        paymentStatus = "refunded";
        amountRefunded = total;
      } else if (ageDays > 10 && random.chance(0.008)) {
        paymentStatus = "partially_refunded";
        amountRefunded = Math.min(total, lines[0]!.variant.price);
      } else if (ageDays < 5 && random.chance(0.02)) {
        status = "on_hold";
        isOnHold = true;
      }
      const isShipped = status === "shipped" || status === "delivered" || status === "refunded";
      const shippedAt = isShipped ? addMinutes(createdAt, 26 * 60) : null;
      const cancelledAt = status === "cancelled" ? addMinutes(createdAt, 180) : null;
      const refundedAt = amountRefunded > 0 ? (cancelledAt ?? addMinutes(createdAt, 9 * 24 * 60)) : null;

      orderRows.push({
        id: orderId,
        orderSeq: seq,
        orderNumber,
        email: customer.email,
        customerId: customer.id,
        status,
        paymentStatus,
        currency: DEMO_SETTINGS.currency,
        subtotal,
        shippingTotal,
        discountTotal,
        total,
        amountRefunded,
        chargeRefundedAmount: amountRefunded,
        discountCode: discountIndex === null ? null : DEMO_DISCOUNTS[discountIndex]!.code,
        shippingAddress: customer.address,
        billingAddress: customer.address,
        shippingCountry: customer.address.country,
        shippingMethod: rate.name,
        shippingRateId: rate.id,
        trackingNumber: shippedAt ? `RM${String(seq).padStart(9, "0")}GB` : null,
        trackingCarrier: shippedAt ? "Royal Mail" : null,
        paymentProvider: "stripe",
        paymentSessionId: `cs_seed_${seq}`,
        paymentIntentId: `pi_seed_${seq}`,
        flags: isOnHold ? ["stock_shortfall"] : [],
        lookupToken: random.hex(32),
        paidAt: createdAt,
        shippedAt,
        deliveredAt: status === "delivered" ? addMinutes(createdAt, 74 * 60) : null,
        cancelledAt,
        createdAt,
        updatedAt: refundedAt ?? shippedAt ?? createdAt,
      });

      const event = (type: string, message: string, time: string, actor: string, data: Record<string, unknown> | null = null) => {
        eventRows.push({ orderId, type, message, createdAt: time, actor, data });
      };
      event("created", `Order ${orderNumber} created from checkout`, createdAt, "webhook");
      event("paid", `Payment of ${total} ${DEMO_SETTINGS.currency} received`, createdAt, "webhook", { amount: total });

      for (const line of lines) {
        const variantId = line.variant.id;
        itemRows.push({
          orderId,
          variantId,
          productId: line.variant.productId,
          productName: line.variant.productName,
          variantName: line.variant.name,
          sku: line.variant.sku,
          unitPrice: line.variant.price,
          quantity: line.quantity,
          lineTotal: line.variant.price * line.quantity,
          createdAt,
        });
        touched.add(variantId);
        let stock = running.get(variantId)!;
        if (stock < line.quantity) {
          // The owner restocks before the shelf runs dry, so a sale never drives stock below zero.
          const delta = random.int(40, 150);
          restockNumber += 1;
          ledgerRows.push({ variantId, delta, stockBefore: stock, stockAfter: stock + delta, reason: "restock", reference: `PO-${restockNumber}`, actor: "admin:owner", createdAt: addMinutes(createdAt, -60) });
          stock += delta;
        }
        ledgerRows.push({ variantId, delta: -line.quantity, stockBefore: stock, stockAfter: stock - line.quantity, reason: "order", reference: orderNumber, actor: "webhook", createdAt });
        stock -= line.quantity;
        if (cancelledAt) {
          ledgerRows.push({ variantId, delta: line.quantity, stockBefore: stock, stockAfter: stock + line.quantity, reason: "cancellation", reference: orderNumber, actor: "admin:owner", createdAt: cancelledAt });
          stock += line.quantity;
        }
        running.set(variantId, stock);
      }
      event("stock_updated", "Stock decremented for every line", createdAt, "webhook");
      if (isOnHold) {
        event("stock_shortfall", "Stock ran out while the payment was being taken.", createdAt, "webhook", {
          lines: [{ variantId: lines[0]!.variant.id, sku: lines[0]!.variant.sku, requested: lines[0]!.quantity, available: 0 }],
        });
        event("status_changed", "Order put on hold", createdAt, "webhook", { from: "processing", to: "on_hold" });
      }
      if (shippedAt) {
        event("tracking_added", "Tracking number added", shippedAt, "admin:owner", { carrier: "Royal Mail" });
        event("status_changed", "Order shipped", shippedAt, "admin:owner", { from: "processing", to: "shipped" });
      }
      if (status === "delivered") event("status_changed", "Order delivered", addMinutes(createdAt, 74 * 60), "admin:owner", { from: "shipped", to: "delivered" });
      if (cancelledAt) event("cancelled", "Cancelled at the customer's request; stock returned", cancelledAt, "admin:owner", { from: "processing", to: "cancelled" });
      if (refundedAt) event("refunded", amountRefunded === total ? "Refunded in full" : "Refunded in part", refundedAt, "webhook", { amount: amountRefunded });
      if (discountIndex !== null) {
        redemptionRows.push({ discountCodeId: discountIds[discountIndex]!, orderId, email: customer.email, amount: discountTotal, createdAt });
      }
      if (ageDays < 30) {
        const failed = random.chance(0.01);
        emailRows.push({
          orderId,
          kind: "order_confirmation",
          toAddress: customer.email,
          subject: `Your order ${orderNumber}`,
          html: `<p>Thank you for your order ${orderNumber}.</p>`,
          text: `Thank you for your order ${orderNumber}.`,
          status: failed ? "failed" : "sent",
          attempts: failed ? 5 : 1,
          lastError: failed ? "Recipient mailbox unavailable (550)" : null,
          idempotencyKey: `order_confirmation/${orderId}`,
          sentAt: failed ? null : createdAt,
          nextAttemptAt: createdAt,
          createdAt,
          updatedAt: createdAt,
        });
        event(failed ? "email_failed" : "email_sent", failed ? "Order confirmation could not be delivered" : "Order confirmation sent", createdAt, "system");
      }
    }

    const stockById = [...touched].map((id) => ({ id, stock: running.get(id)! }));
    await writeTransaction(async (tx) => {
      await insertRows(tx, customers, customerRows);
      await insertRows(tx, addresses, addressRows);
      await insertRows(tx, orders, orderRows);
      await insertRows(tx, orderItems, itemRows);
      await insertRows(tx, orderEvents, eventRows);
      await insertRows(tx, discountRedemptions, redemptionRows);
      await insertRows(tx, inventoryAdjustments, ledgerRows);
      await insertRows(tx, emailOutbox, emailRows);
      // Stock and its ledger move together in this transaction, so the ledger sums to stock after every batch.
      for (let i = 0; i < stockById.length; i += ROWS_PER_INSERT) {
        const chunk = stockById.slice(i, i + ROWS_PER_INSERT);
        const cases = sql.join(chunk.map((row) => sql`WHEN ${row.id} THEN ${row.stock}`), sql` `);
        await tx
          .update(productVariants)
          .set({ stock: sql`CASE ${productVariants.id} ${cases} END` })
          .where(inArray(productVariants.id, chunk.map((row) => row.id)));
      }
      for (const [index, uses] of discountUses.entries()) {
        if (uses === usesBefore[index]) continue;
        await tx.update(discountCodes).set({ uses }).where(sql`${discountCodes.id} = ${discountIds[index]!}`);
      }
    });
    totals.orderItems += itemRows.length;
    totals.orderEvents += eventRows.length;
    totals.ledgerRows += ledgerRows.length;
    report({ stage: "orders", done: batchEnd, total: orderCount });
  }

  return {
    products: catalog.length,
    variants: variants.length,
    customers: pool.length,
    orders: orderCount,
    orderItems: totals.orderItems,
    orderEvents: totals.orderEvents,
    ledgerRows: totals.ledgerRows,
  };
}
