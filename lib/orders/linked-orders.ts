// One parcel per customer: the orders linked to an order through their checkouts' combined_with_order_id.
import { and, asc, eq, ne, or, sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db";
import { checkouts, orders } from "@/lib/db/schema";
import type { OrderRow } from "./order-row";

/**
 * `ships_with`: this order's goods joined that order's parcel (its checkout names it);
 * `joined_by`: that order's goods joined this one's; `alongside`: both joined the same earlier order.
 */
export type LinkKind = "ships_with" | "joined_by" | "alongside";

export type LinkedOrder = Pick<OrderRow, "id" | "orderNumber" | "email" | "status" | "paymentStatus" | "flags" | "shippingAddress" | "trackingNumber" | "createdAt"> & {
  link: LinkKind;
};

/**
 * Every order in the same parcel as `orderId`, in both directions, oldest first, the order itself
 * left out: the one its checkout combined with, those whose checkouts combined with it, and those
 * that combined with the same earlier order. One statement (the checkouts_combined_with index and
 * orders' unique checkout_id answer it).
 */
export async function findLinkedOrders(db: DbOrTx, orderId: number): Promise<LinkedOrder[]> {
  const parent = sql<number | null>`(SELECT ${checkouts.combinedWithOrderId} FROM ${checkouts} WHERE ${checkouts.id} = (SELECT ${orders.checkoutId} FROM ${orders} WHERE ${orders.id} = ${orderId}))`;
  const rows = await db
    .select({
      id: orders.id,
      orderNumber: orders.orderNumber,
      email: orders.email,
      status: orders.status,
      paymentStatus: orders.paymentStatus,
      flags: orders.flags,
      shippingAddress: orders.shippingAddress,
      trackingNumber: orders.trackingNumber,
      createdAt: orders.createdAt,
      combinedWith: checkouts.combinedWithOrderId,
      parent,
    })
    .from(orders)
    .leftJoin(checkouts, eq(checkouts.id, orders.checkoutId))
    .where(
      and(
        ne(orders.id, orderId),
        or(
          sql`${orders.id} = ${parent}`,
          sql`${checkouts.combinedWithOrderId} IN (${orderId}, coalesce(${parent}, ${orderId}))`,
        ),
      ),
    )
    .orderBy(asc(orders.id));
  return rows.map(({ combinedWith, parent: parentId, ...row }) => ({
    ...row,
    link: row.id === parentId ? "ships_with" : combinedWith === orderId ? "joined_by" : "alongside",
  }));
}
