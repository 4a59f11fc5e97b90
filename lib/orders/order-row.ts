// The order row as the orders table stores it, and the one lookup of a checkout's order.
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

export async function getOrderOrThrow(db: DbOrTx, orderId: number): Promise<OrderRow> {
  const [order] = await db.select().from(orders).where(eq(orders.id, orderId));
  if (!order) throw notFound("Order");
  return order;
}
