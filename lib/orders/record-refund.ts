// A refund reported by the payment provider: payment status, refunded amount, `refunded` event.
import { eq } from "drizzle-orm";
import type { Tx } from "@/lib/db";
import { orders, sqlNow } from "@/lib/db/schema";
import { formatMoney } from "@/lib/money";
import { recordOrderEvents } from "./order-events";
import type { OrderRow } from "./order-row";
import { canTransition, transitionOrderStatus } from "./status-machine";

export type RefundFacts = {
  paymentIntentId: string;
  chargeId: string;
  /** Cumulative amount refunded on the charge so far (Stripe's `amount_refunded`), minor units. */
  amountRefunded: number;
};

/**
 * Stripe reports the charge's cumulative refunded amount, so applying the larger of what we have and
 * what the event says is idempotent and immune to refund events arriving out of order. A full refund
 * also moves the order to `refunded` where the status machine allows it (a cancelled order stays cancelled).
 */
export async function recordRefund(tx: Tx, facts: RefundFacts, actor = "webhook"): Promise<OrderRow | null> {
  const [order] = await tx.select().from(orders).where(eq(orders.paymentIntentId, facts.paymentIntentId));
  if (!order) return null;
  return applyRefundedTotal(tx, order, { amountRefunded: facts.amountRefunded, data: { chargeId: facts.chargeId } }, actor);
}

/**
 * The one writer of `amount_refunded`: raises it to `amountRefunded` (cumulative, never above the
 * total paid, never lowered), with its `refunded` event. The webhook and the owner's refund button
 * both land here, so whichever reports a refund second changes nothing.
 */
export async function applyRefundedTotal(
  tx: Tx,
  order: OrderRow,
  refund: { amountRefunded: number; data?: Record<string, unknown> },
  actor: string,
): Promise<OrderRow> {
  const amountRefunded = Math.min(order.total, Math.max(order.amountRefunded, refund.amountRefunded));
  if (amountRefunded === order.amountRefunded) return order;

  const isFull = amountRefunded >= order.total;
  await tx
    .update(orders)
    .set({ amountRefunded, paymentStatus: isFull ? "refunded" : "partially_refunded", updatedAt: sqlNow })
    .where(eq(orders.id, order.id));
  await recordOrderEvents(tx, [
    {
      orderId: order.id,
      type: "refunded",
      message: `${formatMoney(amountRefunded - order.amountRefunded, order.currency)} refunded (${formatMoney(amountRefunded, order.currency)} of ${formatMoney(order.total, order.currency)} in total).`,
      data: { amount: amountRefunded - order.amountRefunded, amountRefunded, total: order.total, isFull, ...refund.data },
      actor,
    },
  ]);
  if (isFull && canTransition(order.status, "refunded")) {
    await transitionOrderStatus(tx, { orderId: order.id, to: "refunded", actor, reason: "the payment was refunded in full" });
  }
  const [updated] = await tx.select().from(orders).where(eq(orders.id, order.id));
  return updated!;
}
