// Order creation from a checkout the provider reports as completed, inside a write transaction: idempotent per checkout.
import { runStatements, textStatement, type Tx } from "@/lib/db";
import type { CheckoutRow } from "@/lib/checkout/checkout-row";
import { transitionCheckoutStatus } from "@/lib/checkout/checkout-status";
import { findDiscountCodeText } from "@/lib/discounts/find-discount-code-text";
import { isSameConfirmation } from "@/lib/email/order-confirmation-email";
import { extendReservations, isStockRefusal, reserveStock } from "@/lib/inventory/reservations";
import { getSettings } from "@/lib/settings";
import { isoAfter } from "@/lib/time";
import { insertOrderStatements, orderDiscountCode, orderValuesFor } from "./insert-order";
import { newLookupToken } from "./lookup-token";
import { recordOrderEvents, recordOrderEventsStatement } from "./order-events";
import { findOrderForCheckout, getOrderOrThrow, type OrderRow } from "./order-row";
import { planPaidOrder, type PaidOrderParams } from "./paid-order-plan";
import { paidOrderStatements } from "./paid-order-statements";
import type { PaymentFacts } from "./payment-facts";
import { INITIAL_ORDER_STATUS } from "./status-machine";
import { isSameAlert, renderedEmails, StaleOrderConfirmation, type PreparedPaidOrder } from "./write-paid-order";

export type OrderOutcome = {
  order: OrderRow;
  /** False when the checkout already had its order (a duplicate or a later event for it). */
  isNew: boolean;
  /** True when this call recorded the payment (stock taken, email queued). */
  isSettled: boolean;
};

/**
 * A delayed payment method (Bacs, SEPA debit) reports its result days later; the stock stays held
 * for the shopper who has already committed to pay. Longer than Bacs' three working days, and if
 * the result comes later still, the order re-validates stock then.
 */
export const ASYNC_PAYMENT_HOLD_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * `checkout.session.completed` (paid) or `async_payment_succeeded`, under the write lock: the locked
 * path of writePaidOrder. Reads and decides again here (planPaidOrder, with the reads under the
 * lock), then writes the plan with the very statements the batch would have sent. A plan whose
 * confirmation or owner's alert reads differently from `prepared` (rendered before the lock) throws
 * StaleOrderConfirmation, for withPreparedPaidOrder to render it again outside the lock.
 */
export async function createPaidOrder(tx: Tx, params: Omit<PaidOrderParams, "lookupToken"> & { prepared: PreparedPaidOrder | null }): Promise<OrderOutcome> {
  const { prepared, ...rest } = params;
  const planned = await planPaidOrder(tx, { ...rest, lookupToken: prepared?.lookupToken });
  if ("settled" in planned) return { order: planned.settled, isNew: false, isSettled: false };
  const { plan } = planned;
  if (!isSameConfirmation(plan.confirmation, prepared?.confirmation?.props ?? null) || !isSameAlert(prepared?.alert ?? null, plan)) {
    throw new StaleOrderConfirmation(plan.order.kind === "new" ? plan.order.lookupToken : undefined, plan.confirmation, { alert: plan.alert, settings: plan.settings });
  }
  const { statements, orderIndex } = paidOrderStatements(plan, renderedEmails(prepared));
  const results = await runStatements(tx, statements);
  const orderId = Number(results[orderIndex]!.rows[0]!.id);
  return { order: await getOrderOrThrow(tx, orderId), isNew: plan.order.kind === "new", isSettled: true };
}

/** The pending order of a delayed payment, with the statements a paid order's insert uses. */
async function createPendingOrder(tx: Tx, { checkout, facts, actor }: { checkout: CheckoutRow; facts: PaymentFacts; actor: string }): Promise<OrderRow> {
  const codeText = await findDiscountCodeText(tx, checkout.discountCodeId);
  const inserted = insertOrderStatements({
    checkout,
    facts,
    actor,
    numbering: await getSettings(tx),
    lookupToken: newLookupToken(),
    discountCode: orderDiscountCode(orderValuesFor(checkout, facts).quotedCode, codeText),
    status: INITIAL_ORDER_STATUS,
    paymentStatus: "pending",
    paidAt: null,
    flags: [],
  });
  const statements = [...inserted.statements, recordOrderEventsStatement([inserted.created])].map(textStatement);
  const results = await runStatements(tx, statements);
  return getOrderOrThrow(tx, Number(results[inserted.orderIndex]!.rows[0]!.id));
}

/**
 * Completed but not yet paid (a delayed method): keep the stock held until the result arrives. If
 * the reservation already lapsed, hold again what is still available; the settlement re-validates
 * stock whatever happens here. Only reserveStock's refusal is accepted: any other error (the
 * database's) rolls the whole event back.
 */
async function holdStockForAsyncPayment(tx: Tx, order: OrderRow, checkout: CheckoutRow, actor: string): Promise<void> {
  const expiresAt = isoAfter(ASYNC_PAYMENT_HOLD_MS);
  let isHeld = (await extendReservations(tx, checkout.id, expiresAt)) > 0;
  if (!isHeld) {
    try {
      await reserveStock(tx, { checkoutId: checkout.id, lines: checkout.lines, expiresAt });
      isHeld = true;
    } catch (error) {
      // The refusal writes nothing: the order simply waits without a hold.
      if (!isStockRefusal(error)) throw error;
    }
  }
  await transitionCheckoutStatus(tx, { checkoutId: checkout.id, to: "completed" });
  await recordOrderEvents(tx, [
    {
      orderId: order.id,
      type: "payment_pending",
      message: isHeld
        ? "Awaiting the payment result; stock is held for this order."
        : "Awaiting the payment result; the stock hold had lapsed and could not be renewed.",
      data: { stockHeldUntil: isHeld ? expiresAt : null },
      actor,
    },
  ]);
}

/**
 * `checkout.session.completed` with `payment_status: "unpaid"`: a delayed method will report later.
 * The order exists as pending so the shopper has a number; stock stays held until the result. Returns
 * null when the failure was reported first (events can arrive out of order): there is nothing to wait for.
 */
export async function createAwaitingPaymentOrder(tx: Tx, params: { checkout: CheckoutRow; facts: PaymentFacts; actor?: string }): Promise<OrderOutcome | null> {
  const existing = await findOrderForCheckout(tx, params.checkout.id);
  if (existing) return { order: existing, isNew: false, isSettled: false };
  if (params.checkout.status === "failed") return null;
  const actor = params.actor ?? "webhook";
  const order = await createPendingOrder(tx, { ...params, actor });
  await holdStockForAsyncPayment(tx, order, params.checkout, actor);
  return { order, isNew: true, isSettled: false };
}
