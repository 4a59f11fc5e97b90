// Order creation from a checkout the provider reports as completed: one write transaction, idempotent per checkout.
import type { Tx } from "@/lib/db";
import { deleteCart } from "@/lib/cart/delete-cart";
import type { CheckoutRow } from "@/lib/checkout/checkout-row";
import { transitionCheckoutStatus } from "@/lib/checkout/checkout-status";
import { upsertCustomer } from "@/lib/customers/upsert-customer";
import { redeemDiscountCode } from "@/lib/discounts/redeem-discount-code";
import { queueOrderConfirmation, type PreparedOrderConfirmation } from "@/lib/email/order-confirmation-email";
import { extendReservations, isStockRefusal, reserveStock } from "@/lib/inventory/reservations";
import { takeReservedStock } from "@/lib/inventory/take-reserved-stock";
import { isoAfter } from "@/lib/time";
import type { OrderFlag } from "./hold-reasons";
import { buyerOf, insertOrder, insertOrderItems } from "./insert-order";
import { recordOrderEvents } from "./order-events";
import { findOrderForCheckout, getOrderOrThrow, type OrderRow } from "./order-row";
import type { PaymentFacts } from "./payment-facts";
import { markOrderPaid, recordDiscountRedeemed, recordStockTaken, settleOrderStatus } from "./settle-order";
import { verifyPayment } from "./verify-payment";

export type OrderCreationParams = {
  checkout: CheckoutRow;
  facts: PaymentFacts;
  actor?: string;
  /** The confirmation email rendered before the transaction (prepareOrderConfirmation). */
  confirmation?: PreparedOrderConfirmation | null;
};

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

async function createPendingOrder(tx: Tx, { checkout, facts, actor = "webhook" }: OrderCreationParams): Promise<OrderRow> {
  const customerId = await upsertCustomer(tx, buyerOf(checkout, facts));
  const order = await insertOrder(tx, { checkout, facts, customerId, actor });
  await insertOrderItems(tx, order, checkout.lines);
  return order;
}

/**
 * The payment succeeded: stock, discount, checks, status, cart, email and checkout, in that order,
 * all inside the caller's transaction, so a failure in any step leaves none of them behind.
 */
async function settlePayment(tx: Tx, order: OrderRow, { checkout, facts, actor = "webhook", confirmation = null }: OrderCreationParams): Promise<void> {
  await markOrderPaid(tx, order, facts, actor);

  const taken = await takeReservedStock(tx, { checkoutId: checkout.id, lines: checkout.lines, reference: order.orderNumber, actor });
  await recordStockTaken(tx, order, { ...taken, lines: checkout.lines }, actor);

  const redemption = checkout.discountCodeId
    ? await redeemDiscountCode(tx, { discountCodeId: checkout.discountCodeId, orderId: order.id, email: order.email, amount: order.discountTotal })
    : null;
  if (redemption) await recordDiscountRedeemed(tx, order, redemption, actor);

  const { hasMismatch, isWrongCountry } = await verifyPayment(tx, order, checkout, facts, actor);
  const flags: OrderFlag[] = [
    ...(taken.shortfalls.length > 0 ? (["stock_shortfall"] as const) : []),
    ...(hasMismatch ? (["payment_mismatch"] as const) : []),
    ...(isWrongCountry ? (["shipping_country_mismatch"] as const) : []),
    ...(redemption?.isLimitExceeded ? (["discount_limit_exceeded"] as const) : []),
  ];
  await settleOrderStatus(tx, order, flags, actor);

  await deleteCart(tx, checkout.cartId);
  await queueOrderConfirmation(tx, order.id, actor, confirmation);
  await transitionCheckoutStatus(tx, { checkoutId: checkout.id, to: "completed", failureReason: null });
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
 * `checkout.session.completed` (paid) or `async_payment_succeeded`. The existing-order check comes
 * first: one order per checkout (also a unique constraint), and a payment is settled once. A
 * pending order from an earlier "completed, unpaid" event is settled here rather than duplicated.
 * An expired or failed checkout still becomes an order: the shopper has paid, and the stock is
 * re-validated (a shortfall holds the order instead of refusing it).
 */
export async function createPaidOrder(tx: Tx, params: OrderCreationParams): Promise<OrderOutcome> {
  const existing = await findOrderForCheckout(tx, params.checkout.id);
  const order = existing ?? (await createPendingOrder(tx, params));
  if (order.paymentStatus !== "pending") return { order, isNew: false, isSettled: false };
  await settlePayment(tx, order, params);
  return { order: await getOrderOrThrow(tx, order.id), isNew: existing === null, isSettled: true };
}

/**
 * `checkout.session.completed` with `payment_status: "unpaid"`: a delayed method will report later.
 * The order exists as pending so the shopper has a number; stock stays held until the result. Returns
 * null when the failure was reported first (events can arrive out of order): there is nothing to wait for.
 */
export async function createAwaitingPaymentOrder(tx: Tx, params: OrderCreationParams): Promise<OrderOutcome | null> {
  const existing = await findOrderForCheckout(tx, params.checkout.id);
  if (existing) return { order: existing, isNew: false, isSettled: false };
  if (params.checkout.status === "failed") return null;
  const order = await createPendingOrder(tx, params);
  await holdStockForAsyncPayment(tx, order, params.checkout, params.actor ?? "webhook");
  return { order, isNew: true, isSettled: false };
}
