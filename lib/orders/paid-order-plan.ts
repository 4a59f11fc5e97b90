// A payment's order decided once, from reads before the write lock (the batch) or under it (the locked path): a plain plan.
import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db";
import { paidOrderAlert, type PaidOrderAlert } from "./paid-order-alert";
import type { CheckoutRow } from "@/lib/checkout/checkout-row";
import { isUsableEmail } from "@/lib/email-address";
import { discountCodes } from "@/lib/db/schema";
import { decideRedemption, type RedemptionDecision } from "@/lib/discounts/redeem-discount-code";
import { orderConfirmationProps, type OrderConfirmationProps } from "@/lib/email/order-confirmation-email";
import { getAvailability } from "@/lib/inventory/availability";
import { quantitiesByVariant } from "@/lib/inventory/shortfall";
import type { StockTakeDecision } from "@/lib/inventory/take-reserved-stock";
import { getSettings, type Settings } from "@/lib/settings";
import { nowIso } from "@/lib/time";
import type { OrderFlag } from "./hold-reasons";
import { orderDiscountCode, orderValuesFor } from "./insert-order";
import { newLookupToken } from "./lookup-token";
import { orderNumberWithSlot } from "./order-number";
import { findOrderForCheckout, type OrderRow } from "./order-row";
import type { PaymentFacts } from "./payment-facts";
import { settledStatus } from "./status-machine";
import { findPaymentProblems } from "./verify-payment";

export type PaidOrderParams = {
  checkout: CheckoutRow;
  facts: PaymentFacts;
  actor: string;
  /** A new order's secret link token when it was planned before (and its email rendered with it). */
  lookupToken?: string;
};

/**
 * Everything a payment's order write needs, decided: the statement builders
 * (paid-order-statements.ts) turn it into the same statements on both paths, and its `guards` say
 * what it rests on that can move before a batch runs.
 */
export type PaidOrderPlan = PaidOrderParams & {
  now: string;
  settings: Settings;
  /** A new order (its number is the database's, a slot until then), or the pending order this payment settles. */
  order: { kind: "new"; lookupToken: string; discountCode: string | null } | { kind: "pending"; row: OrderRow };
  /** Per variant of the checkout: asked for, and what the stock (net of other checkouts' live holds) covers. */
  takes: StockTakeDecision[];
  /** The code as read and whether this use goes over its limit; null without a code, or when it is gone. */
  redemption: RedemptionDecision | null;
  flags: OrderFlag[];
  status: "processing" | "on_hold";
  /** The confirmation as it will read (its number a slot for a new order); null when the email cannot be a customer's. */
  confirmation: OrderConfirmationProps | null;
  /** The owner's alert (on hold, or a new order) as it will read; null when the switches want none. */
  alert: PaidOrderAlert | null;
};

/** What the decision reads; through `reader` before the lock, or `tx` under it. */
async function readForPlan(reader: DbOrTx, checkout: CheckoutRow, now: string) {
  const requested = quantitiesByVariant(checkout.lines);
  const [existing, settings, availability, [code]] = await Promise.all([
    findOrderForCheckout(reader, checkout.id),
    getSettings(reader),
    getAvailability(reader, [...requested.keys()], { now, excludeCheckoutId: checkout.id }),
    checkout.discountCodeId === null
      ? Promise.resolve([])
      : reader
          .select({ id: discountCodes.id, code: discountCodes.code, uses: discountCodes.uses, usageLimit: discountCodes.usageLimit })
          .from(discountCodes)
          .where(eq(discountCodes.id, checkout.discountCodeId)),
  ]);
  return { existing, settings, requested, availability, code };
}

/**
 * Reads and decides. `settled` instead of a plan when the checkout's order already has its payment
 * result (a repeated or late event): there is nothing to write. An expired or failed checkout still
 * becomes an order — the shopper has paid — and its stock is taken as far as it goes: a line short
 * (the hold lapsed and the stock was sold) puts the order on hold with a `stock_shortfall`, never
 * negative stock; a code over its limit is recorded, not refused.
 */
export async function planPaidOrder(reader: DbOrTx, params: PaidOrderParams): Promise<{ plan: PaidOrderPlan } | { settled: OrderRow }> {
  const { checkout, facts } = params;
  const now = nowIso();
  const { existing, settings, requested, availability, code } = await readForPlan(reader, checkout, now);
  if (existing && existing.paymentStatus !== "pending") return { settled: existing };

  const takes = [...requested].map(([variantId, quantity]) => ({ variantId, requested: quantity, taken: Math.min(quantity, availability.get(variantId)?.available ?? 0) }));
  const redemption = decideRedemption(code);
  const { problems, isWrongCountry } = findPaymentProblems(checkout, facts);
  const flags: OrderFlag[] = [
    ...(takes.some((take) => take.taken < take.requested) ? (["stock_shortfall"] as const) : []),
    ...(problems.length > 0 ? (["payment_mismatch"] as const) : []),
    ...(isWrongCountry ? (["shipping_country_mismatch"] as const) : []),
    ...(redemption?.isLimitExceeded ? (["discount_limit_exceeded"] as const) : []),
  ];
  const status = settledStatus(flags).to;
  const { quotedCode, values } = orderValuesFor(checkout, facts);
  const order: PaidOrderPlan["order"] = existing
    ? { kind: "pending", row: existing }
    : { kind: "new", lookupToken: params.lookupToken ?? newLookupToken(), discountCode: orderDiscountCode(quotedCode, code?.code ?? null) };

  const shown =
    order.kind === "pending"
      ? { ...order.row, status }
      : { ...values, orderNumber: orderNumberWithSlot(settings), lookupToken: order.lookupToken, status, discountCode: order.discountCode };
  const items = checkout.lines.map((line) => ({ productName: line.productName, variantName: line.variantName, quantity: line.quantity, lineTotal: line.unitPrice * line.quantity }));
  const confirmation = isUsableEmail(shown.email) ? orderConfirmationProps({ order: shown, items, settings }) : null;
  const alert = paidOrderAlert({ settings, flags, orderNumber: shown.orderNumber, total: shown.total, currency: shown.currency });
  return { plan: { ...params, now, settings, order, takes, redemption, flags, status, confirmation, alert } };
}
