// Test factories for analytics: sales with their items, checkouts in a given state, storefront sessions.
import { quoteSnapshot } from "./quote";
import { randomBytes, randomUUID } from "node:crypto";
import type { DbOrTx } from "@/lib/db";
import { checkouts, orderItems, orders, products, storefrontSessions, type CheckoutStatus, type PaymentStatus } from "@/lib/db/schema";

let sequence = 0;
const next = () => (sequence += 1);

export async function insertProduct(db: DbOrTx, name: string): Promise<number> {
  const [row] = await db.insert(products).values({ slug: `${name.toLowerCase().replace(/\W+/g, "-")}-${next()}`, name, status: "active" }).returning({ id: products.id });
  return row!.id;
}

export type SaleLine = { productId: number | null; name: string; sku: string; unitPrice: number; quantity: number };

/** An order at `createdAt` with its items; the order total is given, as a real order's includes shipping. */
export async function insertSale(
  db: DbOrTx,
  {
    createdAt,
    total,
    paymentStatus = "paid",
    amountRefunded = 0,
    currency = "GBP",
    discountCode = null,
    discountTotal = 0,
    lines = [],
  }: {
    createdAt: string;
    total: number;
    paymentStatus?: PaymentStatus;
    amountRefunded?: number;
    currency?: string;
    discountCode?: string | null;
    discountTotal?: number;
    lines?: SaleLine[];
  },
): Promise<number> {
  const seq = 9000 + next();
  const [order] = await db
    .insert(orders)
    .values({
      orderSeq: seq,
      orderNumber: `HD-${seq}`,
      email: "knitter@example.com",
      status: paymentStatus === "refunded" ? "refunded" : "processing",
      paymentStatus,
      currency,
      subtotal: total,
      discountTotal,
      discountCode,
      total,
      amountRefunded,
      chargeRefundedAmount: amountRefunded,
      lookupToken: randomUUID(),
      createdAt,
      updatedAt: createdAt,
    })
    .returning({ id: orders.id });
  if (lines.length > 0) {
    await db.insert(orderItems).values(
      lines.map((line) => ({
        orderId: order!.id,
        productId: line.productId,
        productName: line.name,
        variantName: "Default",
        sku: line.sku,
        unitPrice: line.unitPrice,
        quantity: line.quantity,
        lineTotal: line.unitPrice * line.quantity,
        createdAt,
      })),
    );
  }
  return order!.id;
}

/** A checkout row of `cartId` in a given state (no reservation: analytics reads only the checkout). */
export async function insertCheckoutRow(
  db: DbOrTx,
  { cartId, status, createdAt, expiresAt }: { cartId: string; status: CheckoutStatus; createdAt: string; expiresAt: string },
): Promise<void> {
  await db.insert(checkouts).values({
    id: `chk_${randomBytes(12).toString("hex")}`,
    cartId,
    status,
    country: "GB",
    lines: [],
    quote: quoteSnapshot(),
    currency: "GBP",
    subtotal: 0,
    paymentProvider: "local",
    expiresAt,
    createdAt,
    updatedAt: createdAt,
  });
}

export async function insertSessions(db: DbOrTx, day: string, count: number): Promise<void> {
  await db.insert(storefrontSessions).values(Array.from({ length: count }, () => ({ sessionId: randomBytes(16).toString("hex"), day })));
}
