// The events of a payment settling an order: paid, the stock it took or could not, and the discount it used.
import { boundSql, fillSqlSlots, isBoundSql, joinSql, sqlSlot, type BoundSql } from "@/lib/db";
import type { CheckoutLineSnapshot } from "@/lib/db/schema";
import { formatMoney } from "@/lib/money";
import type { BatchOrderEventInput } from "./order-events";
import type { OrderRow } from "./order-row";
import type { PaymentFacts } from "./payment-facts";

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

export function stockTakenMessage(lineCount: number): string {
  return `Stock taken for ${lineCount} line${lineCount === 1 ? "" : "s"}.`;
}

/** A line the stock could not cover in full: what was asked for and what was taken. */
export type StockTake = { variantId: number; requested: number; taken: number };

/**
 * `stock_updated` for what was taken (its moves as the ledger recorded them, `moves`) and
 * `stock_shortfall`, with each short line's names, for what was not.
 */
export function stockEvents(orderId: BoundSql, takes: readonly StockTake[], lines: readonly CheckoutLineSnapshot[], moves: BoundSql, actor: string): BatchOrderEventInput[] {
  const events: BatchOrderEventInput[] = [];
  const takenLines = takes.filter((take) => take.taken > 0).length;
  if (takenLines > 0) events.push({ orderId, type: "stock_updated", message: stockTakenMessage(takenLines), data: moves, actor });
  const short = takes
    .filter((take) => take.taken < take.requested)
    .map((take) => {
      const line = lines.find((candidate) => candidate.variantId === take.variantId);
      return {
        variantId: take.variantId,
        sku: line?.sku ?? "",
        productName: line?.productName ?? "",
        variantName: line?.variantName ?? "",
        requested: take.requested,
        allocated: take.taken,
        missing: take.requested - take.taken,
      };
    });
  if (short.length > 0) {
    events.push({
      orderId,
      type: "stock_shortfall",
      message: `Not enough stock for ${short.map((line) => `${line.sku} (${line.missing} missing)`).join(", ")}.`,
      data: { lines: short },
      actor,
    });
  }
  return events;
}

/** `uses` is text so that a write can pass a slot it fills with the count. */
export function discountRedeemedMessage(code: string, uses: string, usageLimit: number | null): string {
  return `Discount ${code} redeemed (${uses}${usageLimit === null ? "" : ` of ${usageLimit}`} uses).`;
}

/**
 * `discount_applied`, and `discount_limit_exceeded` when the redemption went over the code's limit.
 * `uses` is the count after this use as the write sees it (a subquery), in the messages and the data.
 */
export function discountEvents(
  orderId: BoundSql,
  discount: { code: string; usageLimit: number | null; amount: number; isLimitExceeded: boolean },
  uses: BoundSql,
  actor: string,
): BatchOrderEventInput[] {
  const { code, usageLimit, amount } = discount;
  const usesSlot = sqlSlot("uses");
  const events: BatchOrderEventInput[] = [
    {
      orderId,
      type: "discount_applied",
      message: fillSqlSlots(discountRedeemedMessage(code, usesSlot, usageLimit), { uses }),
      data: jsonObject({ code, amount, uses, usageLimit }),
      actor,
    },
  ];
  if (discount.isLimitExceeded) {
    events.push({
      orderId,
      type: "discount_limit_exceeded",
      message: fillSqlSlots(`Discount ${code} is now used ${usesSlot} times, over its limit of ${usageLimit}.`, { uses }),
      data: jsonObject({ code, uses, usageLimit }),
      actor,
    });
  }
  return events;
}

const JSON_OBJECT_OPEN = boundSql("json_object(");
const JSON_OBJECT_CLOSE = boundSql(")");
const KEY_AND_VALUE = "?, ?";
const KEY_BEFORE_SQL = "?, ";

/** An event's data object whose values may be SQL (a count the write makes), in the key order given. */
function jsonObject(values: Record<string, string | number | null | BoundSql>): BoundSql {
  const pairs = Object.entries(values).map(([key, value]) =>
    isBoundSql(value) ? joinSql([boundSql(KEY_BEFORE_SQL, [key]), value]) : boundSql(KEY_AND_VALUE, [key, value]),
  );
  return joinSql([JSON_OBJECT_OPEN, joinSql(pairs, ", "), JSON_OBJECT_CLOSE]);
}
