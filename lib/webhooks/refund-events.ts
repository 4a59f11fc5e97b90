// Stripe's refund events: each refund's row, the order's refunded amount, and who is told.
import { db, type Tx } from "@/lib/db";
import { prepareRefundMessages } from "@/lib/orders/prepare-refund-messages";
import { findOrderForPaymentIntent } from "@/lib/orders/order-row";
import { recordChargeRefunded, recordRefund, type RefundMessages } from "@/lib/orders/record-refund";
import { eventHandler, ignored, type Applied } from "./event-handler";
import { refundFactsFromCharge, refundFactsFromRefund, stripeCharge, stripeRefund, type StripeCharge, type StripeRefund } from "./stripe-objects";

/** Refunds of another integration on the same Stripe account are acknowledged, not retried forever. */
const UNKNOWN_PAYMENT = "No order of this store matches the refund's payment.";

async function onChargeRefunded(tx: Tx, charge: StripeCharge): Promise<Applied> {
  const facts = refundFactsFromCharge(charge);
  if (!facts) return ignored("The charge has no payment intent.");
  const order = await recordChargeRefunded(tx, facts);
  if (!order) {
    console.info(`charge.refunded for ${charge.id}: ${UNKNOWN_PAYMENT}`);
    return ignored(UNKNOWN_PAYMENT);
  }
  return { status: "processed", checkoutId: order.checkoutId, orderId: order.id, orderNumber: order.orderNumber, note: `Payment status ${order.paymentStatus}.` };
}

/** The refund's emails, rendered before the lock from the order and refund row as read now. */
async function prepareRefund(refund: StripeRefund): Promise<RefundMessages | null> {
  const found = refundFactsFromRefund(refund);
  if (!found) return null;
  const reader = await db();
  const order = await findOrderForPaymentIntent(reader, found.paymentIntentId);
  return order ? prepareRefundMessages(reader, order, found.facts) : null;
}

async function onRefund(tx: Tx, refund: StripeRefund, prepared: RefundMessages | null): Promise<Applied> {
  const found = refundFactsFromRefund(refund);
  const order = found ? await findOrderForPaymentIntent(tx, found.paymentIntentId) : null;
  if (!found || !order) {
    console.info(`refund event for ${refund.id}: ${UNKNOWN_PAYMENT}`);
    return ignored(UNKNOWN_PAYMENT);
  }
  const recorded = await recordRefund(tx, order, found.facts, prepared ?? { issuedEmail: null, failedAlert: null });
  return {
    status: "processed",
    checkoutId: recorded.order.checkoutId,
    orderId: recorded.order.id,
    orderNumber: recorded.order.orderNumber,
    note: `Refund ${recorded.refund.providerRefundId} ${recorded.refund.status}; payment status ${recorded.order.paymentStatus}.`,
  };
}

const refundHandler = () => eventHandler({ schema: stripeRefund, prepare: prepareRefund, apply: onRefund });

/**
 * `charge.refunded` carries the charge's cumulative total; the other four carry one Refund object
 * (the pinned API version sends `refund.*` for every refund and `charge.refund.updated` for the
 * same changes under its older name), so all four share one handler and one upsert by refund id.
 */
export const refundEventHandlers = {
  "charge.refunded": eventHandler({ schema: stripeCharge, apply: onChargeRefunded }),
  "refund.created": refundHandler(),
  "refund.updated": refundHandler(),
  "refund.failed": refundHandler(),
  "charge.refund.updated": refundHandler(),
};
