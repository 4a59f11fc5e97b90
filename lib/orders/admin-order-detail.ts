// Everything the admin's order page shows, read in a fixed number of statements.
import { asc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db";
import { customers, orderEvents, orderItems } from "@/lib/db/schema";
import { MANUAL_STATUSES, type ManualStatus } from "./change-order-status";
import { fulfilmentRefusal } from "./fulfil-order";
import { getOrderOrThrow } from "./order-row";
import type { OrderRow } from "./order-row";
import { refundableAmount } from "./refund-order";
import { canTransition } from "./status-machine";

export type AdminOrderDetail = {
  order: OrderRow;
  items: (typeof orderItems.$inferSelect)[];
  /** Oldest first: the order's story in the order it happened. */
  events: (typeof orderEvents.$inferSelect)[];
  customer: { id: number; name: string; email: string } | null;
  /** What the owner may do next, so the page offers only actions the server would accept. */
  actions: {
    fulfilRefusal: string | null;
    isShipped: boolean;
    canCancel: boolean;
    refundable: number;
    manualStatuses: ManualStatus[];
  };
};

export async function getAdminOrderDetail(db: DbOrTx, orderId: number): Promise<AdminOrderDetail> {
  const order = await getOrderOrThrow(db, orderId);
  const [items, events, customerRows] = await Promise.all([
    db.select().from(orderItems).where(eq(orderItems.orderId, orderId)).orderBy(asc(orderItems.id)),
    db.select().from(orderEvents).where(eq(orderEvents.orderId, orderId)).orderBy(asc(orderEvents.createdAt), asc(orderEvents.id)),
    order.customerId
      ? db.select({ id: customers.id, name: customers.name, email: customers.email }).from(customers).where(eq(customers.id, order.customerId))
      : Promise.resolve([]),
  ]);
  return {
    order,
    items,
    events,
    customer: customerRows[0] ?? null,
    actions: {
      fulfilRefusal: fulfilmentRefusal(order),
      isShipped: order.status === "shipped" || order.status === "delivered",
      canCancel: canTransition(order.status, "cancelled"),
      refundable: order.paymentIntentId ? refundableAmount(order) : 0,
      manualStatuses: MANUAL_STATUSES.filter((status) => canTransition(order.status, status)),
    },
  };
}
