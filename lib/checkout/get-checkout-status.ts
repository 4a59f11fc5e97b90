// What the success page tells a shopper who came back from paying: their order, or "still confirming".
import { asc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db";
import { checkouts, orderItems, orders } from "@/lib/db/schema";
import { notFound } from "@/lib/app-error";
import { nowIso } from "@/lib/time";
import { orderPagePath } from "@/lib/order-url";
import { addressLines } from "@/lib/shipping/address-lines";
import { maskEmail } from "./mask-email";

/** The order as the success page shows it, read from our records only. */
export type CheckoutOrderSummary = {
  orderNumber: string;
  /** The order page with its secret token: the session id already grants what the token does. */
  orderPath: string;
  /** Where the confirmation went, masked: the page may be on a shared screen. */
  maskedEmail: string;
  currency: string;
  subtotal: number;
  discountTotal: number;
  shippingTotal: number;
  shippingMethod: string | null;
  total: number;
  /** The delivery address as printed lines (country by name), or null when none was recorded. */
  deliveryAddress: string[] | null;
  items: { id: number; productName: string; variantName: string; quantity: number; lineTotal: number }[];
};

export type CheckoutPaymentStatus =
  /** The payment webhook (or the provider, asked by the success page) created the paid order. */
  | { state: "paid"; orderNumber: string; order: CheckoutOrderSummary }
  /** The shopper finished paying with a delayed method (a bank debit) that has not cleared yet. */
  | { state: "processing"; order: CheckoutOrderSummary | null }
  /** Back from the payment page before anyone told us the result. */
  | { state: "confirming" }
  | { state: "failed" | "expired" | "replaced" };

/**
 * The checkout behind a payment session and the order made from it, if any. Session ids are
 * unguessable and only the buyer (and the provider) hold theirs: it grants what the order's link
 * grants (see findOrderByPaymentSession).
 */
export async function getCheckoutStatus(db: DbOrTx, sessionId: string, now: string = nowIso()): Promise<CheckoutPaymentStatus> {
  const [row] = await db
    .select({ status: checkouts.status, expiresAt: checkouts.expiresAt, order: orders })
    .from(checkouts)
    .leftJoin(orders, eq(orders.checkoutId, checkouts.id))
    .where(eq(checkouts.paymentSessionId, sessionId))
    .limit(1);
  if (!row) throw notFound("That payment session");
  const { order } = row;
  if (!order) {
    // An open checkout past its hold takes no more payment, whether or not the (daily) cleanup has
    // marked it expired yet: the shopper is told now, not at the next cron run.
    if (row.status === "open" && row.expiresAt <= now) return { state: "expired" };
    if (row.status === "open" || row.status === "completed") return { state: "confirming" };
    return { state: row.status };
  }
  if (order.paymentStatus === "failed") return { state: "failed" };
  const items = await db
    .select({ id: orderItems.id, productName: orderItems.productName, variantName: orderItems.variantName, quantity: orderItems.quantity, lineTotal: orderItems.lineTotal })
    .from(orderItems)
    .where(eq(orderItems.orderId, order.id))
    .orderBy(asc(orderItems.id));
  const summary: CheckoutOrderSummary = {
    orderNumber: order.orderNumber,
    orderPath: orderPagePath(order),
    maskedEmail: maskEmail(order.email),
    currency: order.currency,
    subtotal: order.subtotal,
    discountTotal: order.discountTotal,
    shippingTotal: order.shippingTotal,
    shippingMethod: order.shippingMethod,
    total: order.total,
    deliveryAddress: order.shippingAddress ? addressLines(order.shippingAddress) : null,
    items,
  };
  if (order.paymentStatus === "pending") return { state: "processing", order: summary };
  return { state: "paid", orderNumber: order.orderNumber, order: summary };
}
