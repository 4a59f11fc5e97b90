// A checkout that ends without payment: expired or failed. Its stock goes back; a pending order is cancelled.
import { eq } from "drizzle-orm";
import type { CheckoutRow } from "@/lib/checkout/checkout-row";
import { transitionCheckoutStatus } from "@/lib/checkout/checkout-status";
import type { Tx } from "@/lib/db";
import { orders, sqlNow } from "@/lib/db/schema";
import { releaseReservations } from "@/lib/inventory/reservations";
import { recordOrderEvents } from "./order-events";
import { findOrderForCheckout, type OrderRow } from "./order-row";
import { transitionOrderStatus } from "./status-machine";

export type CheckoutClosure = { releasedReservations: number; checkoutStatus: CheckoutRow["status"]; order: OrderRow | null };

/**
 * `checkout.session.expired`. Stripe only expires sessions that never completed, so when an order
 * exists the completion won (it arrived first, or this event is stale) and nothing changes.
 */
export async function expireCheckout(tx: Tx, checkout: CheckoutRow): Promise<CheckoutClosure> {
  const order = await findOrderForCheckout(tx, checkout.id);
  if (order) return { releasedReservations: 0, checkoutStatus: checkout.status, order };
  const releasedReservations = await releaseReservations(tx, checkout.id);
  if (checkout.status !== "open") return { releasedReservations, checkoutStatus: checkout.status, order: null };
  const moved = await transitionCheckoutStatus(tx, {
    checkoutId: checkout.id,
    to: "expired",
    failureReason: "The payment session expired.",
    onlyFrom: ["open"],
  });
  return { releasedReservations, checkoutStatus: moved?.to ?? checkout.status, order: null };
}

/**
 * `checkout.session.async_payment_failed` (or a decline on the local provider). A pending order
 * records the failure and is cancelled; a paid order is never undone by a failure event, which
 * can only be stale.
 */
export async function failCheckoutPayment(tx: Tx, checkout: CheckoutRow, actor = "webhook"): Promise<CheckoutClosure> {
  const order = await findOrderForCheckout(tx, checkout.id);
  if (order && order.paymentStatus !== "pending") return { releasedReservations: 0, checkoutStatus: checkout.status, order };

  const releasedReservations = await releaseReservations(tx, checkout.id);
  const reason = "The payment failed.";
  const moved = await transitionCheckoutStatus(tx, { checkoutId: checkout.id, to: "failed", failureReason: reason, onlyFrom: ["open", "completed"] });

  if (order) {
    await tx.update(orders).set({ paymentStatus: "failed", updatedAt: sqlNow }).where(eq(orders.id, order.id));
    await recordOrderEvents(tx, [
      {
        orderId: order.id,
        type: "payment_failed",
        message: "The delayed payment failed; the held stock was released.",
        data: { releasedReservations },
        actor,
      },
    ]);
    await transitionOrderStatus(tx, { orderId: order.id, to: "cancelled", actor, reason: "the payment failed" });
  }
  return { releasedReservations, checkoutStatus: moved?.to ?? checkout.status, order };
}
