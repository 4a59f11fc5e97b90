// The order row as the orders table stores it, and the lookups of one order: by id, by checkout, by payment.
import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db";
import { orders } from "@/lib/db/schema";
import { notFound } from "@/lib/app-error";

export type OrderRow = typeof orders.$inferSelect;

/** One order per checkout (a unique constraint), so this is the checkout's order or none. */
export async function findOrderForCheckout(db: DbOrTx, checkoutId: string): Promise<OrderRow | null> {
  const [order] = await db.select().from(orders).where(eq(orders.checkoutId, checkoutId));
  return order ?? null;
}

/**
 * The order a refund or dispute is about: the one paid by that payment intent, or null when the
 * payment is not this shop's (another integration on the same Stripe account).
 */
export async function findOrderForPaymentIntent(db: DbOrTx, paymentIntentId: string): Promise<OrderRow | null> {
  const [order] = await db.select().from(orders).where(eq(orders.paymentIntentId, paymentIntentId));
  return order ?? null;
}

export async function getOrderOrThrow(db: DbOrTx, orderId: number): Promise<OrderRow> {
  const [order] = await db.select().from(orders).where(eq(orders.id, orderId));
  if (!order) throw notFound("Order");
  return order;
}
