// The order's own writes as its payment settles: paid, what stock and discount it took, and its new status.
import { eq } from "drizzle-orm";
import type { Tx } from "@/lib/db";
import { orders, sqlNow, type CheckoutLineSnapshot } from "@/lib/db/schema";
import type { Redemption } from "@/lib/discounts/redeem-discount-code";
import type { Shortfall } from "@/lib/inventory/shortfall";
import type { StockMove } from "@/lib/inventory/stock";
import { formatMoney } from "@/lib/money";
import { nowIso } from "@/lib/time";
import { isHoldingFlag, type OrderFlag } from "./hold-reasons";
import { recordOrderEvents, type OrderEventInput } from "./order-events";
import type { OrderRow } from "./order-row";
import type { PaymentFacts } from "./payment-facts";
import { transitionOrderStatus } from "./status-machine";

export async function markOrderPaid(tx: Tx, order: OrderRow, facts: PaymentFacts, actor: string): Promise<void> {
  const paidAt = nowIso();
  await tx
    .update(orders)
    .set({ paymentStatus: "paid", paidAt, paymentIntentId: facts.paymentIntentId ?? order.paymentIntentId, updatedAt: sqlNow })
    .where(eq(orders.id, order.id));
  await recordOrderEvents(tx, [paidEvent(order.id, order, facts, actor)]);
}

/** `paid`: what the provider says was paid, falling back to the order's own figures. */
export function paidEvent<Id>(orderId: Id, order: Pick<OrderRow, "total" | "currency">, facts: PaymentFacts, actor: string) {
  return {
    orderId,
    type: "paid" as const,
    message: `Payment of ${formatMoney(facts.amountTotal ?? order.total, order.currency)} received.`,
    data: { amount: facts.amountTotal ?? order.total, currency: facts.currency ?? order.currency, paymentIntentId: facts.paymentIntentId },
    actor,
  };
}

/** `stock_updated` for what was taken and `stock_shortfall` (with each short line's names) for what was not. */
export async function recordStockTaken(
  tx: Tx,
  order: OrderRow,
  taken: { moves: readonly StockMove[]; shortfalls: readonly Shortfall[]; lines: readonly CheckoutLineSnapshot[] },
  actor: string,
): Promise<void> {
  const { moves, shortfalls } = taken;
  const events: OrderEventInput[] = [];
  if (moves.length > 0) {
    events.push({
      orderId: order.id,
      type: "stock_updated",
      message: stockTakenMessage(moves.length),
      data: { moves },
      actor,
    });
  }
  if (shortfalls.length > 0) {
    const lines = shortfalls.map((shortfall) => {
      const line = taken.lines.find((candidate) => candidate.variantId === shortfall.variantId);
      return {
        variantId: shortfall.variantId,
        sku: line?.sku ?? "",
        productName: line?.productName ?? "",
        variantName: line?.variantName ?? "",
        requested: shortfall.requested,
        allocated: shortfall.available,
        missing: shortfall.requested - shortfall.available,
      };
    });
    events.push({
      orderId: order.id,
      type: "stock_shortfall",
      message: `Not enough stock for ${lines.map((line) => `${line.sku} (${line.missing} missing)`).join(", ")}.`,
      data: { lines },
      actor,
    });
  }
  await recordOrderEvents(tx, events);
}

export function stockTakenMessage(lineCount: number): string {
  return `Stock taken for ${lineCount} line${lineCount === 1 ? "" : "s"}.`;
}

/** `uses` is text so that a write batch can pass a slot it fills with the count. */
export function discountRedeemedMessage(code: string, uses: string, usageLimit: number | null): string {
  return `Discount ${code} redeemed (${uses}${usageLimit === null ? "" : ` of ${usageLimit}`} uses).`;
}

/** `discount_applied`, and `discount_limit_exceeded` when the redemption went over the code's limit. */
export async function recordDiscountRedeemed(tx: Tx, order: OrderRow, redemption: Redemption, actor: string): Promise<void> {
  const { code, uses, usageLimit } = redemption;
  const events: OrderEventInput[] = [
    {
      orderId: order.id,
      type: "discount_applied",
      message: discountRedeemedMessage(code, String(uses), usageLimit),
      data: { code, amount: order.discountTotal, uses, usageLimit },
      actor,
    },
  ];
  if (redemption.isLimitExceeded) {
    events.push({
      orderId: order.id,
      type: "discount_limit_exceeded",
      message: `Discount ${code} is now used ${uses} times, over its limit of ${usageLimit}.`,
      data: { code, uses, usageLimit },
      actor,
    });
  }
  await recordOrderEvents(tx, events);
}

/** Where a paid order goes from pending: on hold if a flag holds it, else processing; and why. */
export function settledStatus(flags: readonly OrderFlag[]): { to: "on_hold" | "processing"; reason: string } {
  const holding = flags.filter(isHoldingFlag);
  return holding.length > 0 ? { to: "on_hold", reason: `needs attention (${holding.join(", ").replaceAll("_", " ")})` } : { to: "processing", reason: "payment received" };
}

/** Saves the flags and moves the order out of pending (settledStatus). */
export async function settleOrderStatus(tx: Tx, order: OrderRow, flags: readonly OrderFlag[], actor: string): Promise<OrderRow["status"]> {
  if (flags.length > 0) {
    await tx.update(orders).set({ flags: [...new Set([...order.flags, ...flags])], updatedAt: sqlNow }).where(eq(orders.id, order.id));
  }
  const { to, reason } = settledStatus(flags);
  await transitionOrderStatus(tx, { orderId: order.id, to, actor, reason, data: { flags } });
  return to;
}
