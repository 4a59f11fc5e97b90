// Order creation from a checkout the provider reports as completed: one write transaction, idempotent per checkout.
import { eq } from "drizzle-orm";
import type { DbOrTx, Tx } from "@/lib/db";
import { orders } from "@/lib/db/schema";
import type { PreparedOrderConfirmation } from "@/lib/email/order-confirmation-email";
import { orderSteps, type CheckoutRow, type OrderFlag, type OrderRow } from "./order-steps";
import type { PaymentFacts } from "./payment-facts";

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

export async function findOrderForCheckout(db: DbOrTx, checkoutId: string): Promise<OrderRow | null> {
  const [order] = await db.select().from(orders).where(eq(orders.checkoutId, checkoutId));
  return order ?? null;
}

async function reloadOrder(tx: Tx, orderId: number): Promise<OrderRow> {
  const [order] = await tx.select().from(orders).where(eq(orders.id, orderId));
  return order!;
}

async function createPendingOrder(tx: Tx, { checkout, facts, actor = "webhook" }: OrderCreationParams): Promise<OrderRow> {
  const customerId = await orderSteps.upsertCustomer(tx, checkout, facts);
  const order = await orderSteps.insertOrder(tx, { checkout, facts, customerId, actor });
  await orderSteps.insertOrderItems(tx, order, checkout);
  return order;
}

/**
 * The payment succeeded: stock, discount, checks, status, cart, email and checkout, in that order,
 * all inside the caller's transaction, so a failure in any step leaves none of them behind.
 */
async function settlePayment(tx: Tx, order: OrderRow, { checkout, facts, actor = "webhook", confirmation = null }: OrderCreationParams): Promise<void> {
  await orderSteps.markPaid(tx, order, facts, actor);
  const { shortfalls } = await orderSteps.convertReservation(tx, order, checkout, actor);
  const { isLimitExceeded } = await orderSteps.redeemDiscount(tx, order, checkout, actor);
  const { hasMismatch, isWrongCountry } = await orderSteps.verifyPayment(tx, order, checkout, facts, actor);
  const flags: OrderFlag[] = [
    ...(shortfalls.length > 0 ? (["stock_shortfall"] as const) : []),
    ...(hasMismatch ? (["payment_mismatch"] as const) : []),
    ...(isWrongCountry ? (["shipping_country_mismatch"] as const) : []),
    ...(isLimitExceeded ? (["discount_limit_exceeded"] as const) : []),
  ];
  await orderSteps.settleStatus(tx, order, flags, actor);
  await orderSteps.deleteCart(tx, checkout);
  await orderSteps.queueConfirmation(tx, order.id, actor, confirmation);
  await orderSteps.completeCheckout(tx, checkout);
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
  return { order: await reloadOrder(tx, order.id), isNew: existing === null, isSettled: true };
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
  await orderSteps.holdStockForAsyncPayment(tx, order, params.checkout, params.actor ?? "webhook");
  return { order, isNew: true, isSettled: false };
}
