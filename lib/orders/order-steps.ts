// The steps that turn a checkout into an order and settle its payment, each a function of the write transaction.
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Tx } from "@/lib/db";
import {
  carts,
  checkouts,
  customers,
  discountCodes,
  discountRedemptions,
  orderItems,
  orders,
  productVariants,
  products,
  shippingRates,
  sqlNow,
  stockReservations,
  type CheckoutLineSnapshot,
} from "@/lib/db/schema";
import { queueOrderConfirmation, type PreparedOrderConfirmation } from "@/lib/email/order-confirmation-email";
import { getAvailability } from "@/lib/inventory/availability";
import { releaseReservations, reserveStock } from "@/lib/inventory/reservations";
import { decrementStock, type StockMove } from "@/lib/inventory/stock";
import { formatMoney } from "@/lib/money";
import { isoAfter, nowIso } from "@/lib/time";
import { chooseShippingOption, readCheckoutQuote } from "./checkout-quote";
import { newLookupToken, normaliseEmail } from "./lookup-token";
import { allocateOrderNumber } from "./order-number";
import { recordOrderEvents, type OrderEventInput } from "./order-events";
import type { PaymentFacts } from "./payment-facts";
import { transitionOrderStatus } from "./status-machine";

export type CheckoutRow = typeof checkouts.$inferSelect;
export type OrderRow = typeof orders.$inferSelect;

/** Flags that put a paid order on hold until the owner looks; other flags only mark it. */
export const HOLDING_FLAGS = ["stock_shortfall", "payment_mismatch", "shipping_country_mismatch"] as const;
export type OrderFlag = (typeof HOLDING_FLAGS)[number] | "discount_limit_exceeded";

/**
 * A delayed payment method (Bacs, SEPA debit) reports its result days later; the stock stays held
 * for the shopper who has already committed to pay. Longer than Bacs' three working days, and if
 * the result comes later still, the order re-validates stock then.
 */
export const ASYNC_PAYMENT_HOLD_MS = 7 * 24 * 60 * 60 * 1000;

export type Shortfall = {
  variantId: number;
  sku: string;
  productName: string;
  variantName: string;
  requested: number;
  allocated: number;
  missing: number;
};

export type PaymentProblem =
  | { kind: "amount"; expected: number; paid: number | null }
  | { kind: "currency"; expected: string; paid: string }
  | { kind: "shipping"; quoted: number[]; paid: number | null; rateRef: string | null };

function aggregateLines(lines: readonly CheckoutLineSnapshot[]): CheckoutLineSnapshot[] {
  const byVariant = new Map<number, CheckoutLineSnapshot>();
  for (const line of lines) {
    const seen = byVariant.get(line.variantId);
    byVariant.set(line.variantId, seen ? { ...seen, quantity: seen.quantity + line.quantity } : { ...line });
  }
  return [...byVariant.values()];
}

/** The address the parcel goes to: collected shipping details, else the billing address. */
function deliveryAddress(facts: PaymentFacts) {
  return facts.shippingAddress ?? facts.billingAddress;
}

/** `ann@x.com` style check matching the customers table's CHECK, so an odd email cannot fail the order. */
export function isUsableEmail(email: string): boolean {
  return /^[^@\s]+@[^@\s]+$/.test(email);
}

export function orderEmailFor(checkout: CheckoutRow, facts: PaymentFacts): string {
  return normaliseEmail(checkout.email ?? facts.email ?? "");
}

// ---------------------------------------------------------------- creation

/**
 * Upserts the buyer by email. Consent comes from the checkout form; an unticked box at a later
 * checkout does not withdraw consent given before (withdrawal is an explicit act, not an omission).
 */
async function upsertCustomer(tx: Tx, checkout: CheckoutRow, facts: PaymentFacts): Promise<number | null> {
  const email = orderEmailFor(checkout, facts);
  if (!isUsableEmail(email)) return null;
  const name = (facts.shippingAddress?.name ?? facts.customerName ?? "").trim();
  const now = nowIso();
  const [customer] = await tx
    .insert(customers)
    .values({
      email,
      name,
      acceptsMarketing: checkout.acceptsMarketing,
      marketingConsentAt: checkout.acceptsMarketing ? now : null,
    })
    .onConflictDoUpdate({
      target: customers.email,
      set: {
        name: sql`CASE WHEN ${customers.name} = '' THEN excluded.name ELSE ${customers.name} END`,
        ...(checkout.acceptsMarketing
          ? {
              acceptsMarketing: true,
              marketingConsentAt: sql`coalesce(${customers.marketingConsentAt}, excluded.marketing_consent_at)`,
            }
          : {}),
        updatedAt: sqlNow,
      },
    })
    .returning({ id: customers.id });
  return customer?.id ?? null;
}

async function insertOrder(
  tx: Tx,
  params: { checkout: CheckoutRow; facts: PaymentFacts; customerId: number | null; actor: string },
): Promise<OrderRow> {
  const { checkout, facts } = params;
  const { orderSeq, orderNumber } = await allocateOrderNumber(tx);
  const quote = readCheckoutQuote(checkout.quote);
  const { option } = chooseShippingOption(quote.shippingOptions, facts, checkout.subtotal - checkout.discountTotal);
  const shippingTotal = facts.shippingAmount ?? option?.amount ?? 0;
  const expectedTotal = Math.max(0, checkout.subtotal - checkout.discountTotal + shippingTotal);

  // Referenced rows may have been deleted since the quote; a dangling foreign key must not fail a paid order.
  const [rate] = option?.rateId
    ? await tx.select({ id: shippingRates.id }).from(shippingRates).where(eq(shippingRates.id, option.rateId))
    : [];
  const [code] = checkout.discountCodeId
    ? await tx.select({ code: discountCodes.code }).from(discountCodes).where(eq(discountCodes.id, checkout.discountCodeId))
    : [];

  const address = deliveryAddress(facts);
  const [order] = await tx
    .insert(orders)
    .values({
      orderSeq,
      orderNumber,
      checkoutId: checkout.id,
      email: orderEmailFor(checkout, facts),
      customerId: params.customerId,
      status: "pending",
      paymentStatus: "pending",
      currency: checkout.currency,
      subtotal: checkout.subtotal,
      shippingTotal,
      discountTotal: checkout.discountTotal,
      total: facts.amountTotal ?? expectedTotal,
      discountCode: quote.discount?.code ?? code?.code ?? null,
      shippingAddress: address,
      billingAddress: facts.billingAddress,
      shippingCountry: address?.country ?? checkout.country,
      shippingMethod: option?.name ?? null,
      shippingRateId: rate?.id ?? null,
      paymentProvider: checkout.paymentProvider,
      paymentSessionId: facts.sessionId,
      paymentIntentId: facts.paymentIntentId,
      lookupToken: newLookupToken(),
    })
    .returning();
  await recordOrderEvents(tx, [
    {
      orderId: order!.id,
      type: "created",
      message: `Order ${orderNumber} created from checkout ${checkout.id}.`,
      data: { checkoutId: checkout.id, paymentSessionId: facts.sessionId, total: order!.total, currency: order!.currency },
      actor: params.actor,
    },
  ]);
  return order!;
}

/** The snapshot is the record of the sale; the variant and product links are kept only while they exist. */
async function insertOrderItems(tx: Tx, order: OrderRow, checkout: CheckoutRow): Promise<void> {
  const lines = checkout.lines;
  if (lines.length === 0) return;
  const variantIds = [...new Set(lines.map((line) => line.variantId))];
  const productIds = [...new Set(lines.map((line) => line.productId))];
  const [liveVariants, liveProducts] = await Promise.all([
    tx.select({ id: productVariants.id }).from(productVariants).where(inArray(productVariants.id, variantIds)),
    tx.select({ id: products.id }).from(products).where(inArray(products.id, productIds)),
  ]);
  const variantExists = new Set(liveVariants.map((row) => row.id));
  const productExists = new Set(liveProducts.map((row) => row.id));
  await tx.insert(orderItems).values(
    lines.map((line) => ({
      orderId: order.id,
      variantId: variantExists.has(line.variantId) ? line.variantId : null,
      productId: productExists.has(line.productId) ? line.productId : null,
      productName: line.productName,
      variantName: line.variantName,
      sku: line.sku,
      unitPrice: line.unitPrice,
      quantity: line.quantity,
      lineTotal: line.unitPrice * line.quantity,
    })),
  );
}

/**
 * Completed but not yet paid (a delayed method): keep the stock held until the result arrives. If
 * the reservation already lapsed, hold again what is still available; the settlement re-validates
 * stock whatever happens here.
 */
async function holdStockForAsyncPayment(tx: Tx, order: OrderRow, checkout: CheckoutRow, actor: string): Promise<void> {
  const expiresAt = isoAfter(ASYNC_PAYMENT_HOLD_MS);
  const extended = await tx
    .update(stockReservations)
    .set({ expiresAt })
    .where(eq(stockReservations.checkoutId, checkout.id))
    .returning({ id: stockReservations.id });
  let isHeld = extended.length > 0;
  if (!isHeld) {
    try {
      await reserveStock(tx, { checkoutId: checkout.id, lines: aggregateLines(checkout.lines), expiresAt });
      isHeld = true;
    } catch {
      // reserveStock refuses before writing anything; the order simply waits without a hold.
      isHeld = false;
    }
  }
  await tx.update(checkouts).set({ status: "completed", updatedAt: sqlNow }).where(eq(checkouts.id, checkout.id));
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

// ---------------------------------------------------------------- settlement

async function markPaid(tx: Tx, order: OrderRow, facts: PaymentFacts, actor: string): Promise<void> {
  const paidAt = nowIso();
  await tx
    .update(orders)
    .set({ paymentStatus: "paid", paidAt, paymentIntentId: facts.paymentIntentId ?? order.paymentIntentId, updatedAt: sqlNow })
    .where(eq(orders.id, order.id));
  await recordOrderEvents(tx, [
    {
      orderId: order.id,
      type: "paid",
      message: `Payment of ${formatMoney(facts.amountTotal ?? order.total, order.currency)} received.`,
      data: { amount: facts.amountTotal ?? order.total, currency: facts.currency ?? order.currency, paymentIntentId: facts.paymentIntentId },
      actor,
    },
  ]);
}

/**
 * The reservation becomes a stock decrement. Availability is re-read here: if the hold lapsed and
 * the stock was sold (or is held by another shopper's live checkout), the line takes what is left,
 * stock never goes below zero, and the missing units are reported as a shortfall.
 */
async function convertReservation(tx: Tx, order: OrderRow, checkout: CheckoutRow, actor: string): Promise<{ shortfalls: Shortfall[] }> {
  const lines = aggregateLines(checkout.lines);
  const availability = await getAvailability(
    tx,
    lines.map((line) => line.variantId),
    { excludeCheckoutId: checkout.id },
  );
  const moves: StockMove[] = [];
  const shortfalls: Shortfall[] = [];
  for (const line of lines) {
    const available = availability.get(line.variantId)?.available ?? 0;
    const allocated = Math.min(line.quantity, available);
    if (allocated > 0) {
      moves.push(await decrementStock(tx, { variantId: line.variantId, quantity: allocated, reason: "order", reference: order.orderNumber, actor }));
    }
    if (allocated < line.quantity) {
      shortfalls.push({
        variantId: line.variantId,
        sku: line.sku,
        productName: line.productName,
        variantName: line.variantName,
        requested: line.quantity,
        allocated,
        missing: line.quantity - allocated,
      });
    }
  }
  await releaseReservations(tx, checkout.id);

  const events: OrderEventInput[] = [];
  if (moves.length > 0) {
    events.push({
      orderId: order.id,
      type: "stock_updated",
      message: `Stock taken for ${moves.length} line${moves.length === 1 ? "" : "s"}.`,
      data: { moves },
      actor,
    });
  }
  if (shortfalls.length > 0) {
    events.push({
      orderId: order.id,
      type: "stock_shortfall",
      message: `Not enough stock for ${shortfalls.map((line) => `${line.sku} (${line.missing} missing)`).join(", ")}.`,
      data: { lines: shortfalls },
      actor,
    });
  }
  await recordOrderEvents(tx, events);
  return { shortfalls };
}

/**
 * Counts the redemption. The checkout checked the limit when it started, but concurrent checkouts
 * can all pass that check: the count is re-read here, and going over keeps the order (the shopper
 * has paid that price) while flagging it for the owner.
 */
async function redeemDiscount(tx: Tx, order: OrderRow, checkout: CheckoutRow, actor: string): Promise<{ isLimitExceeded: boolean }> {
  if (!checkout.discountCodeId) return { isLimitExceeded: false };
  const [code] = await tx
    .update(discountCodes)
    .set({ uses: sql`${discountCodes.uses} + 1`, updatedAt: sqlNow })
    .where(eq(discountCodes.id, checkout.discountCodeId))
    .returning({ id: discountCodes.id, code: discountCodes.code, uses: discountCodes.uses, usageLimit: discountCodes.usageLimit });
  if (!code) return { isLimitExceeded: false };
  await tx
    .insert(discountRedemptions)
    .values({ discountCodeId: code.id, orderId: order.id, email: order.email, amount: order.discountTotal })
    .onConflictDoNothing();
  const isLimitExceeded = code.usageLimit !== null && code.uses > code.usageLimit;
  const events: OrderEventInput[] = [
    {
      orderId: order.id,
      type: "discount_applied",
      message: `Discount ${code.code} redeemed (${code.uses}${code.usageLimit === null ? "" : ` of ${code.usageLimit}`} uses).`,
      data: { code: code.code, amount: order.discountTotal, uses: code.uses, usageLimit: code.usageLimit },
      actor,
    },
  ];
  if (isLimitExceeded) {
    events.push({
      orderId: order.id,
      type: "discount_limit_exceeded",
      message: `Discount ${code.code} is now used ${code.uses} times, over its limit of ${code.usageLimit}.`,
      data: { code: code.code, uses: code.uses, usageLimit: code.usageLimit },
      actor,
    });
  }
  await recordOrderEvents(tx, events);
  return { isLimitExceeded };
}

/** Compares what was paid with what we quoted, and where it goes with where we quoted for. */
export function findPaymentProblems(checkout: CheckoutRow, facts: PaymentFacts): { problems: PaymentProblem[]; isWrongCountry: boolean } {
  const quote = readCheckoutQuote(checkout.quote);
  const { option, matchedBy } = chooseShippingOption(quote.shippingOptions, facts, checkout.subtotal - checkout.discountTotal);
  const problems: PaymentProblem[] = [];
  const quotedShipping = quote.shippingOptions.map((candidate) => candidate.amount);
  const shippingMismatch =
    quote.shippingOptions.length > 0 &&
    (option === null || (matchedBy === "rate" && facts.shippingAmount !== null && facts.shippingAmount !== option.amount));
  if (shippingMismatch) problems.push({ kind: "shipping", quoted: quotedShipping, paid: facts.shippingAmount, rateRef: facts.shippingRateRef });

  const shipping = option?.amount ?? facts.shippingAmount ?? 0;
  const expected = checkout.subtotal - checkout.discountTotal + shipping;
  if (facts.amountTotal === null || facts.amountTotal !== expected) problems.push({ kind: "amount", expected, paid: facts.amountTotal });
  if (facts.currency !== null && facts.currency.toUpperCase() !== checkout.currency.toUpperCase()) {
    problems.push({ kind: "currency", expected: checkout.currency, paid: facts.currency });
  }
  const country = deliveryAddress(facts)?.country;
  const isWrongCountry = Boolean(country && country.toUpperCase() !== checkout.country.toUpperCase());
  return { problems, isWrongCountry };
}

async function verifyPayment(tx: Tx, order: OrderRow, checkout: CheckoutRow, facts: PaymentFacts, actor: string) {
  const { problems, isWrongCountry } = findPaymentProblems(checkout, facts);
  const events: OrderEventInput[] = [];
  if (problems.length > 0) {
    events.push({
      orderId: order.id,
      type: "payment_mismatch",
      message: "The payment does not match the quote: check it before fulfilling.",
      data: { problems },
      actor,
    });
  }
  if (isWrongCountry) {
    events.push({
      orderId: order.id,
      type: "shipping_country_mismatch",
      message: `Shipping was quoted for ${checkout.country} but the address is in ${deliveryAddress(facts)?.country}.`,
      data: { quotedCountry: checkout.country, addressCountry: deliveryAddress(facts)?.country },
      actor,
    });
  }
  await recordOrderEvents(tx, events);
  return { hasMismatch: problems.length > 0, isWrongCountry };
}

/** Saves the flags and moves the order out of pending: on hold if anything needs the owner, else processing. */
async function settleStatus(tx: Tx, order: OrderRow, flags: readonly OrderFlag[], actor: string): Promise<OrderRow["status"]> {
  if (flags.length > 0) {
    await tx.update(orders).set({ flags: [...new Set([...order.flags, ...flags])], updatedAt: sqlNow }).where(eq(orders.id, order.id));
  }
  const holding = flags.filter((flag) => (HOLDING_FLAGS as readonly string[]).includes(flag));
  const to = holding.length > 0 ? "on_hold" : "processing";
  await transitionOrderStatus(tx, {
    orderId: order.id,
    to,
    actor,
    reason: holding.length > 0 ? `needs attention (${holding.join(", ").replaceAll("_", " ")})` : "payment received",
    data: { flags },
  });
  return to;
}

/** The cart became this order; the checkout row (and its snapshot) stays as the record. */
async function deleteCart(tx: Tx, checkout: CheckoutRow): Promise<void> {
  await tx.delete(carts).where(eq(carts.id, checkout.cartId));
}

/** Rendered before the transaction (webhook), filled in here: see lib/email/order-confirmation-email.ts. */
async function queueConfirmation(tx: Tx, orderId: number, actor: string, prepared: PreparedOrderConfirmation | null = null): Promise<void> {
  await queueOrderConfirmation(tx, orderId, actor, prepared);
}

async function completeCheckout(tx: Tx, checkout: CheckoutRow): Promise<void> {
  await tx
    .update(checkouts)
    .set({ status: "completed", failureReason: null, updatedAt: sqlNow })
    .where(eq(checkouts.id, checkout.id));
}

/**
 * Every step of order creation and settlement, called through this object so a test can make any
 * one of them fail (`vi.spyOn(orderSteps, "redeemDiscount")`) and prove the transaction leaves
 * nothing behind. Production code never replaces them.
 */
export const orderSteps = {
  upsertCustomer,
  insertOrder,
  insertOrderItems,
  holdStockForAsyncPayment,
  markPaid,
  convertReservation,
  redeemDiscount,
  verifyPayment,
  settleStatus,
  deleteCart,
  queueConfirmation,
  completeCheckout,
};
