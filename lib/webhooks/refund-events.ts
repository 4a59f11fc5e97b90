// Stripe's refund events: what they do to the order's refunded amount.
import { recordRefund } from "@/lib/orders/record-refund";
import { eventHandler, ignored, type Applied, type EventHandler } from "./event-handler";
import { refundFactsFromCharge, stripeCharge, type StripeCharge } from "./stripe-objects";

async function onChargeRefunded(tx: Parameters<EventHandler<StripeCharge>["apply"]>[0], charge: StripeCharge): Promise<Applied> {
  const facts = refundFactsFromCharge(charge);
  if (!facts) return ignored("The charge has no payment intent.");
  const order = await recordRefund(tx, facts);
  if (!order) return ignored("No order of this store matches the charge.");
  return { status: "processed", checkoutId: order.checkoutId, orderId: order.id, orderNumber: order.orderNumber, note: `Payment status ${order.paymentStatus}.` };
}

export const refundEventHandlers = {
  "charge.refunded": eventHandler({ schema: stripeCharge, apply: onChargeRefunded }),
};
