// One order row by id, or the 404 every admin action answers for an unknown order.
import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db";
import { orders } from "@/lib/db/schema";
import { notFound } from "@/lib/http/errors";
import type { OrderRow } from "./order-steps";

export async function getOrderOrThrow(db: DbOrTx, orderId: number): Promise<OrderRow> {
  const [order] = await db.select().from(orders).where(eq(orders.id, orderId));
  if (!order) throw notFound("Order");
  return order;
}
