// The owner's refund: money back through the payment provider, then recorded as a refund row on the order (with the lines it covers, restocked if asked).
import { and, count, eq, inArray } from "drizzle-orm";
import { db, writeTransaction, type DbOrTx, type Tx } from "@/lib/db";
import { AppError } from "@/lib/app-error";
import { orderItems, refunds, type RefundLine, type RefundReason } from "@/lib/db/schema";
import { incrementStock, type StockMove } from "@/lib/inventory/stock";
import { formatMoney } from "@/lib/money";
import { getPaymentProvider } from "@/lib/payments/get-payment-provider";
import type { PaymentProvider, RefundResult } from "@/lib/payments/payment-provider";
import { recordOrderEvent } from "./order-events";
import { getOrderOrThrow } from "./order-row";
import type { OrderRow } from "./order-row";
import { prepareRefundMessages } from "./prepare-refund-messages";
import { recordRefund, type RefundFacts } from "./record-refund";
import { ACTIVE_REFUND_STATUSES } from "./refunded-total";

export type RefundParams = {
  orderId: number;
  amount: number;
  reason?: RefundReason | null;
  /** Required with `other`: it is the only record of why. */
  note?: string | null;
  lines?: RefundLine[];
  actor: string;
};

/** What can still be refunded: what was paid, less what has gone back or is on its way. */
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

export type RefundableLine = { orderItemId: number; variantId: number | null; productName: string; variantName: string; unitPrice: number; ordered: number; refunded: number };

/** Each item of the order with the units already covered by refunds that still stand (failed ones gave nothing back). */
export async function refundableLines(db: DbOrTx, orderId: number): Promise<RefundableLine[]> {
  const [items, active] = await Promise.all([
    db.select().from(orderItems).where(eq(orderItems.orderId, orderId)).orderBy(orderItems.id),
    db.select({ lines: refunds.lines }).from(refunds).where(and(eq(refunds.orderId, orderId), inArray(refunds.status, ACTIVE_REFUND_STATUSES))),
  ]);
  const refunded = new Map<number, number>();
  for (const row of active) {
    for (const line of row.lines) refunded.set(line.orderItemId, (refunded.get(line.orderItemId) ?? 0) + line.quantity);
  }
  return items.map((item) => ({
    orderItemId: item.id,
    variantId: item.variantId,
    productName: item.productName,
    variantName: item.variantName,
    unitPrice: item.unitPrice,
    ordered: item.quantity,
    refunded: refunded.get(item.id) ?? 0,
  }));
}

/** Lines belong to the order, are not refunded twice, and are what the amount pays for. */
function assertLines(order: OrderRow, amount: number, lines: RefundLine[], refundable: RefundableLine[]): void {
  const byId = new Map(refundable.map((line) => [line.orderItemId, line]));
  const seen = new Set<number>();
  let value = 0;
  for (const line of lines) {
    const item = byId.get(line.orderItemId);
    if (!item) throw new AppError("bad_request", `Item ${line.orderItemId} is not part of order ${order.orderNumber}.`, { orderItemId: line.orderItemId });
    if (seen.has(line.orderItemId)) throw new AppError("bad_request", `Item ${line.orderItemId} is listed twice.`, { orderItemId: line.orderItemId });
    seen.add(line.orderItemId);
    const left = item.ordered - item.refunded;
    if (line.quantity > left) {
      throw new AppError("bad_request", `At most ${left} of ${item.productName} – ${item.variantName} can be refunded (${item.ordered} ordered, ${item.refunded} refunded).`, {
        orderItemId: line.orderItemId,
        refundable: left,
      });
    }
    value += item.unitPrice * line.quantity;
  }
  if (value !== amount) {
    throw new AppError("bad_request", `The chosen items come to ${formatMoney(value, order.currency)}: refund exactly that, or refund an amount without items.`, {
      expectedAmount: value,
      amount,
    });
  }
}

/** The units of the refunded lines the owner asked to put back, with the ledger's `return` reason and the order as reference. */
async function restockLines(tx: Tx, order: OrderRow, lines: RefundLine[], actor: string): Promise<StockMove[]> {
  const restocking = lines.filter((line) => line.restock);
  if (restocking.length === 0) return [];
  const items = await tx.select({ id: orderItems.id, variantId: orderItems.variantId }).from(orderItems).where(eq(orderItems.orderId, order.id));
  const variantOf = new Map(items.map((item) => [item.id, item.variantId]));
  const moves: StockMove[] = [];
  for (const line of restocking) {
    const variantId = variantOf.get(line.orderItemId);
    // A variant deleted since the sale has no shelf to go back to.
    if (variantId == null) continue;
    moves.push(await incrementStock(tx, { variantId, quantity: line.quantity, reason: "return", reference: order.orderNumber, actor }));
  }
  await recordOrderEvent(tx, {
    orderId: order.id,
    type: "stock_updated",
    message: moves.length > 0 ? `Put ${moves.reduce((sum, move) => sum + move.delta, 0)} refunded unit(s) back in stock.` : "Nothing to put back: the refunded items' variants no longer exist.",
    data: { restocked: moves.map(({ variantId, delta }) => ({ variantId, quantity: delta })) },
    actor,
  });
  return moves;
}

/**
 * The provider is called outside any transaction (network I/O never runs inside one), with an
 * idempotency key naming the order, its refunds so far, the amount refunded before and this amount:
 * a double click or a retry refunds once, while a genuine second partial refund gets a key of its own. The refund is then
 * recorded by its provider id with the status the provider answered, through the same writer the
 * refund webhooks use, so whichever arrives second changes nothing, and the lines are restocked only
 * by the call that first attached them. The shopper's email is rendered first, queued only if the
 * refund has succeeded (a pending one is emailed when the webhook says it succeeded).
 */
export async function refundOrder(params: RefundParams, provider: PaymentProvider = getPaymentProvider()): Promise<{ order: OrderRow; refund: RefundResult }> {
  const reader = await db();
  const before = await getOrderOrThrow(reader, params.orderId);
  const lines = params.lines ?? [];
  // The lines first: "2 of this item were already refunded" says more than "at most £x is left".
  if (lines.length > 0) assertLines(before, params.amount, lines, await refundableLines(reader, before.id));
  assertRefundable(before, params.amount);
  const reason = params.reason ?? null;
  const note = params.note?.trim() || null;
  if (reason === "other" && !note) throw new AppError("bad_request", "Say why in a note when the reason is Other.", { field: "note" });

  // In the key: after a refund fails, the same amount again is a new refund, not the failed one replayed.
  const [{ refundsSoFar }] = (await reader.select({ refundsSoFar: count() }).from(refunds).where(eq(refunds.orderId, before.id))) as [{ refundsSoFar: number }];
  let refund: RefundResult;
  try {
    refund = await provider.refund({
      paymentIntentId: before.paymentIntentId!,
      amount: params.amount,
      currency: before.currency,
      idempotencyKey: `refund/${before.id}/${refundsSoFar}/${before.amountRefunded}/${params.amount}`,
      orderId: before.id,
      reason: reason === "other" ? null : reason,
      note,
    });
  } catch (error) {
    console.error(`refund of order ${before.id} failed at the payment provider`, error);
    throw new AppError("payment_provider_error", "The payment provider did not accept the refund. Nothing was refunded; try again later.");
  }

  const facts: RefundFacts = {
    providerRefundId: refund.refundId,
    amount: refund.amount,
    currency: before.currency,
    status: refund.status,
    reason,
    failureReason: null,
    note,
    lines,
    actor: params.actor,
  };
  const messages = await prepareRefundMessages(reader, before, facts);
  const order = await writeTransaction(async (tx) => {
    const current = await getOrderOrThrow(tx, before.id);
    const recorded = await recordRefund(tx, current, facts, messages);
    if (recorded.linesAdded.length > 0) await restockLines(tx, current, recorded.linesAdded, params.actor);
    return recorded.order;
  });
  return { order, refund };
}
