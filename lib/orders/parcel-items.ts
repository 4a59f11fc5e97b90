// What goes in one parcel: an order's items and those of its linked orders travelling with it.
import { asc, inArray } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db";
import { orderItems } from "@/lib/db/schema";
import { canShipTogether } from "./fulfil-order";
import type { LinkedOrder } from "./linked-orders";
import type { OrderRow } from "./order-row";

export type ParcelItems = { orderId: number; orderNumber: string; items: (typeof orderItems.$inferSelect)[] }[];

/**
 * The linked orders in this order's parcel: before it ships, those that would ship with it now (the
 * fulfil dialog's default); once shipped, those that went under the same tracking number.
 */
export function parcelMates(order: Pick<OrderRow, "status" | "trackingNumber">, linked: readonly LinkedOrder[]): LinkedOrder[] {
  if (order.status === "processing" || order.status === "on_hold") return linked.filter(canShipTogether);
  if (!order.trackingNumber) return [];
  return linked.filter((other) => other.trackingNumber === order.trackingNumber);
}

/** Each order's items, this order first, for the packing slip. One statement. */
export async function findParcelItems(db: DbOrTx, order: Pick<OrderRow, "id" | "orderNumber">, mates: readonly LinkedOrder[]): Promise<ParcelItems> {
  const members = [{ id: order.id, orderNumber: order.orderNumber }, ...mates];
  const items = await db
    .select()
    .from(orderItems)
    .where(inArray(orderItems.orderId, members.map((member) => member.id)))
    .orderBy(asc(orderItems.id));
  return members.map((member) => ({ orderId: member.id, orderNumber: member.orderNumber, items: items.filter((item) => item.orderId === member.id) }));
}
