// One order as the admin's order page shows it: the row, its items, and its history newest first.
import { asc, desc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db";
import { orderEvents, orderItems, orders } from "@/lib/db/schema";

export type OrderDetail = {
  order: typeof orders.$inferSelect;
  items: (typeof orderItems.$inferSelect)[];
  events: (typeof orderEvents.$inferSelect)[];
};

/** Three statements side by side; null for an unknown id. */
export async function getOrderDetail(db: DbOrTx, orderId: number): Promise<OrderDetail | null> {
  const [orderRows, items, events] = await Promise.all([
    db.select().from(orders).where(eq(orders.id, orderId)).limit(1),
    db.select().from(orderItems).where(eq(orderItems.orderId, orderId)).orderBy(asc(orderItems.id)),
    // Insertion order breaks ties within one millisecond.
    db.select().from(orderEvents).where(eq(orderEvents.orderId, orderId)).orderBy(desc(orderEvents.createdAt), desc(orderEvents.id)),
  ]);
  const order = orderRows[0];
  return order ? { order, items, events } : null;
}
