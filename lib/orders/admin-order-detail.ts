// Everything the admin's order page shows, read in a fixed number of statements.
import { asc, desc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db";
import { customers, orderEvents, orderItems, refunds } from "@/lib/db/schema";
import { MANUAL_STATUSES, type ManualStatus } from "./change-order-status";
import { fulfilmentRefusal } from "./fulfil-order";
import { findLinkedOrders, type LinkedOrder } from "./linked-orders";
import { getOrderOrThrow } from "./order-row";
import type { OrderRow } from "./order-row";
import { refundableAmount, refundableLines, type RefundableLine } from "./refund-order";
import { isActiveRefund } from "./refunded-total";
import { canTransition } from "./status-machine";

export type AdminOrderDetail = {
  order: OrderRow;
  items: (typeof orderItems.$inferSelect)[];
  /** Oldest first: the order's story in the order it happened. */
  events: (typeof orderEvents.$inferSelect)[];
  customer: { id: number; name: string; email: string } | null;
  /** Newest first: every refund at the provider, whoever started it, with its status. */
  refunds: (typeof refunds.$inferSelect)[];
  /** One parcel per customer: the orders in the same parcel, both ways (lib/orders/linked-orders.ts). */
  linkedOrders: LinkedOrder[];
  /** What the owner may do next, so the page offers only actions the server would accept. */
  actions: {
    fulfilRefusal: string | null;
    isShipped: boolean;
    canCancel: boolean;
    refundable: number;
    /** Each item with what is left to refund of it, for the refund dialog's per-line quantities. */
    refundLines: RefundableLine[];
    /** The shipping charge, when the refund dialog may offer it alone (not refunded by itself already, and it fits). */
    shippingRefund: number;
    manualStatuses: ManualStatus[];
  };
};

export async function getAdminOrderDetail(db: DbOrTx, orderId: number): Promise<AdminOrderDetail> {
  const order = await getOrderOrThrow(db, orderId);
  const [items, events, customerRows, refundRows, lines, linkedOrders] = await Promise.all([
    db.select().from(orderItems).where(eq(orderItems.orderId, orderId)).orderBy(asc(orderItems.id)),
    db.select().from(orderEvents).where(eq(orderEvents.orderId, orderId)).orderBy(asc(orderEvents.createdAt), asc(orderEvents.id)),
    order.customerId
      ? db.select({ id: customers.id, name: customers.name, email: customers.email }).from(customers).where(eq(customers.id, order.customerId))
      : Promise.resolve([]),
    db.select().from(refunds).where(eq(refunds.orderId, orderId)).orderBy(desc(refunds.createdAt), desc(refunds.id)),
    refundableLines(db, orderId),
    findLinkedOrders(db, orderId),
  ]);
  const refundable = order.paymentIntentId ? refundableAmount(order) : 0;
  // A refund of exactly the shipping charge with no lines is how the dialog's "Shipping only" is recorded.
  const isShippingRefunded = refundRows.some((row) => isActiveRefund(row.status) && row.lines.length === 0 && row.amount === order.shippingTotal);
  return {
    order,
    items,
    events,
    customer: customerRows[0] ?? null,
    refunds: refundRows,
    linkedOrders,
    actions: {
      fulfilRefusal: fulfilmentRefusal(order),
      isShipped: order.status === "shipped" || order.status === "delivered",
      canCancel: canTransition(order.status, "cancelled"),
      refundable,
      refundLines: lines,
      shippingRefund: !isShippingRefunded && order.shippingTotal > 0 && order.shippingTotal <= refundable ? order.shippingTotal : 0,
      manualStatuses: MANUAL_STATUSES.filter((status) => canTransition(order.status, status)),
    },
  };
}
