// The one writer of `orders.amount_refunded` and the refund side of `payment_status`, from the refunds table and the charge's own total.
import { eq, sql, type SQL } from "drizzle-orm";
import type { Tx } from "@/lib/db";
import { orders, sqlNow, type PaymentStatus, type RefundStatus } from "@/lib/db/schema";
import { formatMoney } from "@/lib/money";
import { recordOrderEvents, type OrderEventInput } from "./order-events";
import { getOrderOrThrow, type OrderRow } from "./order-row";
import { canTransition, transitionOrderStatus } from "./status-machine";

/** Money on its way back or already back: a pending refund counts, since the provider has accepted it. */
export const ACTIVE_REFUND_STATUSES = ["pending", "requires_action", "succeeded"] as const satisfies readonly RefundStatus[];
/** Money that never left: the bank or the provider gave up on the refund. */
export const INACTIVE_REFUND_STATUSES = ["failed", "canceled"] as const satisfies readonly RefundStatus[];

export function isActiveRefund(status: RefundStatus): boolean {
  return (ACTIVE_REFUND_STATUSES as readonly RefundStatus[]).includes(status);
}

const sumOf = (order: string, statuses: readonly RefundStatus[]) =>
  `coalesce((SELECT sum(r.amount) FROM refunds r WHERE r.order_id = ${order}.id AND r.status IN (${statuses.map((status) => `'${status}'`).join(", ")})), 0)`;

/**
 * The refunded amount an order should show, as SQL text over an orders row named `order`: this writer
 * and lib/integrity's check both use it. Refund rows are the record; the charge's cumulative total
 * (`charge.refunded`) covers refunds made where no refund event reached the shop, less the refunds
 * known to have failed (Stripe's total may still include them when it was reported).
 */
export function expectedAmountRefundedSql(order: string): string {
  return `min(${order}.total, max(${sumOf(order, ACTIVE_REFUND_STATUSES)}, ${order}.charge_refunded_amount - ${sumOf(order, INACTIVE_REFUND_STATUSES)}))`;
}

const expectedAmountRefunded: SQL<number> = sql<number>`${sql.raw(expectedAmountRefundedSql('"orders"'))}`;

/** Only a captured payment has a refund state; pending and failed payments keep theirs. */
const REFUNDABLE_PAYMENT_STATUSES: readonly PaymentStatus[] = ["paid", "partially_refunded", "refunded"];

export function refundedPaymentStatus(amountRefunded: number, total: number): PaymentStatus {
  if (amountRefunded <= 0) return "paid";
  return amountRefunded >= total ? "refunded" : "partially_refunded";
}

/** A refund that failed or was canceled, for the order's history in words. */
export type FailedRefund = { providerRefundId: string; amount: number; status: "failed" | "canceled"; failureReason: string | null };

/**
 * Recomputes the order's refunded amount and writes it with its payment status, raising or lowering
 * it. Rising writes `refunded`; a refund that failed (`failed`, passed by the refund's writer) writes
 * `refund_failed`, whether or not the total moved. A full refund moves the order to `refunded` where
 * the status machine allows it. When a full refund later fails the order stays `refunded`: nothing
 * leaves that status (the shopper may already have been told and the parcel stopped), so the owner
 * learns from the payment status going back to paid, the `refund_failed` event and the owner alert,
 * and refunds again or contacts the shopper.
 */
export async function applyRefundedTotal(tx: Tx, orderId: number, options: { actor: string; failed?: FailedRefund; data?: Record<string, unknown> }): Promise<OrderRow> {
  const order = await getOrderOrThrow(tx, orderId);
  const [row] = await tx.select({ expected: expectedAmountRefunded }).from(orders).where(eq(orders.id, orderId));
  const amountRefunded = Math.max(0, Number(row!.expected));
  const money = (minor: number) => formatMoney(minor, order.currency);
  const events: OrderEventInput[] = [];

  if (amountRefunded !== order.amountRefunded) {
    const paymentStatus = REFUNDABLE_PAYMENT_STATUSES.includes(order.paymentStatus) ? refundedPaymentStatus(amountRefunded, order.total) : order.paymentStatus;
    await tx.update(orders).set({ amountRefunded, paymentStatus, updatedAt: sqlNow }).where(eq(orders.id, order.id));
    if (amountRefunded > order.amountRefunded) {
      events.push({
        orderId: order.id,
        type: "refunded",
        message: `${money(amountRefunded - order.amountRefunded)} refunded (${money(amountRefunded)} of ${money(order.total)} in total).`,
        data: { amount: amountRefunded - order.amountRefunded, amountRefunded, total: order.total, isFull: amountRefunded >= order.total, ...options.data },
        actor: options.actor,
      });
    }
  }
  if (options.failed) {
    const { failed } = options;
    const why = failed.failureReason ? ` (${failed.failureReason.replaceAll("_", " ")})` : "";
    events.push({
      orderId: order.id,
      type: "refund_failed",
      message: `A refund of ${money(failed.amount)} ${failed.status === "canceled" ? "was canceled" : "failed"}${why}: the money did not leave. ${money(amountRefunded)} of ${money(order.total)} is refunded now.`,
      data: { ...failed, amountRefunded, before: order.amountRefunded },
      actor: options.actor,
    });
  }
  await recordOrderEvents(tx, events);
  if (amountRefunded >= order.total && amountRefunded > order.amountRefunded && canTransition(order.status, "refunded")) {
    await transitionOrderStatus(tx, { orderId: order.id, to: "refunded", actor: options.actor, reason: "the payment was refunded in full" });
  }
  return getOrderOrThrow(tx, order.id);
}
