// Queues an order's confirmation email in the transaction that settled its payment.
import { eq } from "drizzle-orm";
import React from "react";
import { isUsableEmail } from "@/lib/customers/is-usable-email";
import type { Tx } from "@/lib/db";
import { orderItems, orders } from "@/lib/db/schema";
import { orderPageUrl } from "@/lib/orders/order-url";
import { getSettings } from "@/lib/settings";
import { OrderConfirmationEmail, orderConfirmationSubject } from "./order-confirmation";
import { queueEmail } from "./queue-email";

/** Reads the settled order (status, totals, items) so the email says what the order now is; no row for an unusable address. */
export async function queueOrderConfirmation(tx: Tx, orderId: number, actor: string): Promise<void> {
  const [order] = await tx.select().from(orders).where(eq(orders.id, orderId));
  if (!order) return;
  const [settings, items] = await Promise.all([
    getSettings(tx),
    tx
      .select({ productName: orderItems.productName, variantName: orderItems.variantName, quantity: orderItems.quantity, lineTotal: orderItems.lineTotal })
      .from(orderItems)
      .where(eq(orderItems.orderId, orderId))
      .orderBy(orderItems.id),
  ]);
  if (!isUsableEmail(order.email)) return;
  const props = {
    storeName: settings.storeName,
    supportEmail: settings.supportEmail,
    orderNumber: order.orderNumber,
    orderUrl: orderPageUrl(order),
    customerName: order.shippingAddress?.name ?? null,
    currency: order.currency,
    items,
    subtotal: order.subtotal,
    discountTotal: order.discountTotal,
    discountCode: order.discountCode,
    shippingTotal: order.shippingTotal,
    shippingMethod: order.shippingMethod,
    total: order.total,
    shippingAddress: order.shippingAddress,
    needsAttention: order.status === "on_hold",
  };
  await queueEmail(tx, {
    orderId,
    kind: "order_confirmation",
    to: order.email,
    subject: orderConfirmationSubject(props),
    email: React.createElement(OrderConfirmationEmail, props),
    actor,
  });
}
