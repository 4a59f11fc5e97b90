// Test helper: the few rows a dashboard test needs (products, orders, events, emails, reservations).
import { randomUUID } from "node:crypto";
import type { DbOrTx } from "@/lib/db";
import {
  checkouts,
  emailOutbox,
  orderEvents,
  orders,
  products,
  productVariants,
  stockReservations,
  type OrderStatus,
  type PaymentStatus,
  type ProductStatus,
} from "@/lib/db/schema";

let sequence = 0;
const next = () => (sequence += 1);

export async function insertVariant(
  db: DbOrTx,
  {
    productName = "Moss 4ply",
    productStatus = "active",
    variantName = "Moss / 4ply",
    stock,
    isActive = true,
  }: { productName?: string; productStatus?: ProductStatus; variantName?: string; stock: number; isActive?: boolean },
): Promise<{ productId: number; variantId: number; sku: string }> {
  const n = next();
  const [product] = await db
    .insert(products)
    .values({ slug: `product-${n}`, name: productName, status: productStatus })
    .returning({ id: products.id });
  const sku = `SKU-${n}`;
  const [variant] = await db
    .insert(productVariants)
    .values({ productId: product!.id, sku, name: variantName, price: 1800, stock, isActive })
    .returning({ id: productVariants.id });
  return { productId: product!.id, variantId: variant!.id, sku };
}

export async function insertOrder(
  db: DbOrTx,
  {
    createdAt = new Date().toISOString(),
    status = "processing",
    paymentStatus = "paid",
    total = 2000,
    amountRefunded = 0,
    currency = "GBP",
    email = "knitter@example.com",
  }: {
    createdAt?: string;
    status?: OrderStatus;
    paymentStatus?: PaymentStatus;
    total?: number;
    amountRefunded?: number;
    currency?: string;
    email?: string;
  } = {},
): Promise<{ id: number; orderNumber: string }> {
  const seq = 5000 + next();
  const orderNumber = `HD-${seq}`;
  const [row] = await db
    .insert(orders)
    .values({
      orderSeq: seq,
      orderNumber,
      email,
      status,
      paymentStatus,
      currency,
      subtotal: total,
      total,
      amountRefunded,
      lookupToken: randomUUID(),
      createdAt,
      updatedAt: createdAt,
    })
    .returning({ id: orders.id });
  return { id: row!.id, orderNumber };
}

export async function insertOrderEvent(
  db: DbOrTx,
  orderId: number,
  { type, message = "", createdAt = new Date().toISOString(), data }: { type: string; message?: string; createdAt?: string; data?: Record<string, unknown> },
): Promise<void> {
  await db.insert(orderEvents).values({ orderId, type, message, createdAt, data: data ?? null });
}

export async function insertEmail(
  db: DbOrTx,
  {
    orderId = null,
    status,
    subject = "Your order",
    lastError = null,
    attempts = 1,
    updatedAt = new Date().toISOString(),
  }: { orderId?: number | null; status: "pending" | "sent" | "failed"; subject?: string; lastError?: string | null; attempts?: number; updatedAt?: string },
): Promise<number> {
  const [row] = await db
    .insert(emailOutbox)
    .values({
      orderId,
      kind: `kind-${next()}`,
      toAddress: "knitter@example.com",
      subject,
      html: "<p>Hello</p>",
      text: "Hello",
      status,
      attempts,
      lastError,
      idempotencyKey: randomUUID(),
      updatedAt,
    })
    .returning({ id: emailOutbox.id });
  return row!.id;
}

/** A shopper's open checkout holding `quantity` of a variant until `expiresAt`. */
export async function insertReservation(db: DbOrTx, variantId: number, quantity: number, expiresAt: string): Promise<void> {
  const checkoutId = randomUUID();
  await db.insert(checkouts).values({
    id: checkoutId,
    cartId: randomUUID(),
    country: "GB",
    lines: [],
    quote: {},
    currency: "GBP",
    subtotal: 0,
    paymentProvider: "local",
    expiresAt,
  });
  await db.insert(stockReservations).values({ checkoutId, variantId, quantity, expiresAt });
}

/** Empties what the dashboard reads, so each test starts from a shop of its own making. */
export async function clearDashboardTables(db: DbOrTx): Promise<void> {
  for (const table of [emailOutbox, orderEvents, orders, stockReservations, checkouts, productVariants, products]) {
    await db.delete(table);
  }
}
