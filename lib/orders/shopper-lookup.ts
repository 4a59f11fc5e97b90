// What a shopper may see of an order: only with its secret token or its email, and nothing otherwise.
import { asc, eq } from "drizzle-orm";
import { isReservedEmail } from "@/lib/email-address";
import type { DbOrTx } from "@/lib/db";
import { orderItems, orders, type OrderStatus, type PaymentStatus, type PostalAddress } from "@/lib/db/schema";
import { newLookupToken, normaliseEmail, secretsMatch } from "./lookup-token";
import { orderPagePath } from "@/lib/order-url";

export type ShopperOrderView = {
  orderNumber: string;
  status: OrderStatus;
  paymentStatus: PaymentStatus;
  placedAt: string;
  paidAt: string | null;
  shippedAt: string | null;
  deliveredAt: string | null;
  cancelledAt: string | null;
  currency: string;
  subtotal: number;
  discountTotal: number;
  discountCode: string | null;
  shippingTotal: number;
  shippingMethod: string | null;
  total: number;
  amountRefunded: number;
  shippingAddress: PostalAddress | null;
  tracking: { number: string; carrier: string | null; url: string | null } | null;
  items: { id: number; productName: string; variantName: string; sku: string; unitPrice: number; quantity: number; lineTotal: number }[];
};

export type OrderAccess = { token?: string | null; email?: string | null };

/** Shoppers type order numbers as they read them ("hd-1001 "); stored numbers are upper case. */
export function normaliseOrderNumber(orderNumber: string): string {
  return orderNumber.trim().toUpperCase();
}

/** Compared against when the order does not exist, so an unknown number costs the same work as a wrong secret. */
const DECOY_TOKEN = newLookupToken();

/**
 * True when the visitor holds the order's token or its email. Both comparisons always run, in
 * constant time, against a decoy when there is no order: the answer and its timing are the same
 * for an unknown order number and a wrong secret. A reserved `.invalid` address is never an email
 * that proves anything: an erased order's email is such a placeholder.
 */
function isGranted(order: { lookupToken: string; email: string } | undefined, access: OrderAccess): boolean {
  const email = normaliseEmail(access.email ?? "");
  const tokenMatches = secretsMatch(access.token ?? "", order?.lookupToken ?? DECOY_TOKEN);
  const emailMatches = secretsMatch(email, order?.email ?? DECOY_TOKEN);
  return Boolean(order) && ((Boolean(access.token) && tokenMatches) || (email !== "" && !isReservedEmail(email) && emailMatches));
}

export async function getOrderForShopper(db: DbOrTx, orderNumber: string, access: OrderAccess): Promise<ShopperOrderView | null> {
  const [order] = await db.select().from(orders).where(eq(orders.orderNumber, normaliseOrderNumber(orderNumber)));
  if (!isGranted(order, access) || !order) return null;
  const items = await db
    .select({
      id: orderItems.id,
      productName: orderItems.productName,
      variantName: orderItems.variantName,
      sku: orderItems.sku,
      unitPrice: orderItems.unitPrice,
      quantity: orderItems.quantity,
      lineTotal: orderItems.lineTotal,
    })
    .from(orderItems)
    .where(eq(orderItems.orderId, order.id))
    .orderBy(asc(orderItems.id));
  return {
    orderNumber: order.orderNumber,
    status: order.status,
    paymentStatus: order.paymentStatus,
    placedAt: order.createdAt,
    paidAt: order.paidAt,
    shippedAt: order.shippedAt,
    deliveredAt: order.deliveredAt,
    cancelledAt: order.cancelledAt,
    currency: order.currency,
    subtotal: order.subtotal,
    discountTotal: order.discountTotal,
    discountCode: order.discountCode,
    shippingTotal: order.shippingTotal,
    shippingMethod: order.shippingMethod,
    total: order.total,
    amountRefunded: order.amountRefunded,
    shippingAddress: order.shippingAddress,
    tracking: order.trackingNumber ? { number: order.trackingNumber, carrier: order.trackingCarrier, url: order.trackingUrl } : null,
    items,
  };
}

/** One answer for an unknown number and a wrong email, so the form cannot be used to probe for orders. */
export const ORDER_NOT_FOUND_MESSAGE = "We could not find an order with that number and email address. Check both and try again.";

/**
 * The order's link for a visitor who proved they bought it by typing its email (null for a wrong
 * email and an unknown number alike), and the stored number when the order exists: the throttle
 * budgets real orders apart from unknown numbers (order-lookup-throttle.ts). The visitor is shown
 * neither directly.
 */
export async function findOrderLinkByEmail(
  db: DbOrTx,
  orderNumber: string,
  email: string,
): Promise<{ link: string | null; knownOrderNumber: string | null }> {
  const [order] = await db
    .select({ orderNumber: orders.orderNumber, email: orders.email, lookupToken: orders.lookupToken })
    .from(orders)
    .where(eq(orders.orderNumber, normaliseOrderNumber(orderNumber)));
  const knownOrderNumber = order?.orderNumber ?? null;
  if (!isGranted(order, { email }) || !order) return { link: null, knownOrderNumber };
  return { link: orderPagePath(order), knownOrderNumber };
}

export type CheckoutSuccessOrder = { orderNumber: string; status: OrderStatus; paymentStatus: PaymentStatus; email: string; orderPath: string };

/**
 * For `/checkout/success?session_id=…`: the payment provider sends the buyer back with the session id,
 * which only they (and the provider) know, so it grants the same access as the order's link.
 */
export async function findOrderByPaymentSession(db: DbOrTx, paymentSessionId: string): Promise<CheckoutSuccessOrder | null> {
  if (!paymentSessionId) return null;
  const [order] = await db
    .select({ orderNumber: orders.orderNumber, status: orders.status, paymentStatus: orders.paymentStatus, email: orders.email, lookupToken: orders.lookupToken })
    .from(orders)
    .where(eq(orders.paymentSessionId, paymentSessionId));
  if (!order) return null;
  return { orderNumber: order.orderNumber, status: order.status, paymentStatus: order.paymentStatus, email: order.email, orderPath: orderPagePath(order) };
}
