// The owner's refund: money back through the payment provider, then recorded on the order.
import { db, writeTransaction } from "@/lib/db";
import { AppError } from "@/lib/app-error";
import { formatMoney } from "@/lib/money";
import { getPaymentProvider } from "@/lib/payments/get-payment-provider";
import type { PaymentProvider, RefundResult } from "@/lib/payments/payment-provider";
import { getOrderOrThrow } from "./order-row";
import type { OrderRow } from "./order-row";
import { applyRefundedTotal } from "./record-refund";

export type RefundParams = { orderId: number; amount: number; actor: string };

/** What can still be refunded: what was paid, less what has gone back already. */
export function refundableAmount(order: Pick<OrderRow, "total" | "amountRefunded" | "paymentStatus">): number {
  if (order.paymentStatus !== "paid" && order.paymentStatus !== "partially_refunded") return 0;
  return order.total - order.amountRefunded;
}

function assertRefundable(order: OrderRow, amount: number): void {
  if (order.paymentStatus !== "paid" && order.paymentStatus !== "partially_refunded") {
    const why = order.paymentStatus === "refunded" ? "has been refunded in full already" : "has not been paid";
    throw new AppError("conflict", `This order ${why}, so there is nothing to refund.`, { paymentStatus: order.paymentStatus });
  }
  if (!order.paymentIntentId) throw new AppError("conflict", "This order has no payment reference to refund against.");
  const refundable = refundableAmount(order);
  if (amount > refundable) {
    throw new AppError(
      "unprocessable",
      `At most ${formatMoney(refundable, order.currency)} can be refunded: ${formatMoney(order.total, order.currency)} was paid and ${formatMoney(order.amountRefunded, order.currency)} has been refunded.`,
      { refundable, requested: amount },
    );
  }
}

/**
 * The provider is called outside any transaction (network I/O never runs inside one), with an
 * idempotency key naming the order, the amount refunded before and this amount: a double click or a
 * retry refunds once, while a genuine second partial refund gets a key of its own. The result is
 * then recorded as a cumulative total through the same writer the `charge.refunded` webhook uses, so
 * whichever arrives second changes nothing.
 */
export async function refundOrder(params: RefundParams, provider: PaymentProvider = getPaymentProvider()): Promise<{ order: OrderRow; refund: RefundResult }> {
  const before = await getOrderOrThrow(await db(), params.orderId);
  assertRefundable(before, params.amount);

  let refund: RefundResult;
  try {
    refund = await provider.refund({
      paymentIntentId: before.paymentIntentId!,
      amount: params.amount,
      currency: before.currency,
      idempotencyKey: `refund/${before.id}/${before.amountRefunded}/${params.amount}`,
      orderId: before.id,
    });
  } catch (error) {
    console.error(`refund of order ${before.id} failed at the payment provider`, error);
    throw new AppError("payment_provider_error", "The payment provider did not accept the refund. Nothing was refunded; try again later.");
  }

  const order = await writeTransaction(async (tx) => {
    const current = await getOrderOrThrow(tx, before.id);
    return applyRefundedTotal(
      tx,
      current,
      { amountRefunded: before.amountRefunded + refund.amount, data: { refundId: refund.refundId, refundStatus: refund.status, provider: provider.name } },
      params.actor,
    );
  });
  return { order, refund };
}
