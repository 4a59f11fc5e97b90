// The order confirmation: rendered before the webhook's write transaction, queued inside it with what only the transaction knows.
import { isDeepStrictEqual } from "node:util";
import { eq } from "drizzle-orm";
import React from "react";
import type { DbOrTx, Tx } from "@/lib/db";
import { discountCodes, orderItems, orders } from "@/lib/db/schema";
import { readCheckoutQuote } from "@/lib/checkout/read-checkout-quote";
import { chooseShippingOption } from "@/lib/orders/choose-shipping-option";
import type { CheckoutRow } from "@/lib/checkout/checkout-row";
import { isUsableEmail } from "@/lib/customers/is-usable-email";
import type { OrderRow } from "@/lib/orders/order-row";
import { orderPageUrl } from "@/lib/orders/order-url";
import type { PaymentFacts } from "@/lib/orders/payment-facts";
import { getSettings, type Settings } from "@/lib/settings";
import { fillSlots, removeParagraph, slotToken } from "./email-slots";
import { ATTENTION_NOTICE, OrderConfirmationEmail, orderConfirmationSubject, type OrderConfirmationProps } from "./order-confirmation";
import { queueEmail } from "./queue-email";
import { renderEmail, type RenderedEmail } from "./render-email";

type OrderLike = Pick<
  OrderRow,
  "orderNumber" | "lookupToken" | "status" | "currency" | "subtotal" | "discountTotal" | "discountCode" | "shippingTotal" | "shippingMethod" | "total" | "shippingAddress"
>;

/** Everything the email shows, as the order (or the prediction of it) and the settings say. */
export type ConfirmationSource = { order: OrderLike; items: OrderConfirmationProps["items"]; settings: Settings };

export type PreparedOrderConfirmation = {
  /** The props it was rendered with: the order number, its link and the on-hold notice are slots. */
  props: OrderConfirmationProps;
  email: RenderedEmail;
};

export function orderConfirmationProps({ order, items, settings }: ConfirmationSource): OrderConfirmationProps {
  return {
    storeName: settings.storeName,
    supportEmail: settings.supportEmail,
    orderNumber: order.orderNumber,
    orderUrl: orderPageUrl(order),
    customerName: order.shippingAddress?.name ?? null,
    currency: order.currency,
    items,
    subtotal: order.subtotal,
    discountTotal: order.discountTotal,
    discountCode: order.discountCode,
    shippingTotal: order.shippingTotal,
    shippingMethod: order.shippingMethod,
    total: order.total,
    shippingAddress: order.shippingAddress,
    needsAttention: order.status === "on_hold",
  };
}

/** What is decided only inside the transaction: the number, the secret link, whether it went on hold. */
function withSlots(props: OrderConfirmationProps): OrderConfirmationProps {
  return { ...props, orderNumber: slotToken("orderNumber"), orderUrl: slotToken("orderUrl"), needsAttention: true };
}

export function renderOrderConfirmation(props: OrderConfirmationProps): Promise<RenderedEmail> {
  return renderEmail(orderConfirmationSubject(props), React.createElement(OrderConfirmationEmail, props));
}

/** Renders the confirmation of `source` with its slots (the number, the link, the on-hold notice) open. */
export async function renderPrepared(source: ConfirmationSource): Promise<PreparedOrderConfirmation> {
  const props = withSlots(orderConfirmationProps(source));
  return { props, email: await renderOrderConfirmation(props) };
}

async function readItems(db: DbOrTx, orderId: number): Promise<OrderConfirmationProps["items"]> {
  return db
    .select({ productName: orderItems.productName, variantName: orderItems.variantName, quantity: orderItems.quantity, lineTotal: orderItems.lineTotal })
    .from(orderItems)
    .where(eq(orderItems.orderId, orderId))
    .orderBy(orderItems.id);
}

/**
 * The order as the webhook's transaction will write it, predicted from the checkout snapshot and the
 * payment facts the same way order creation computes it (items from the snapshot's lines, shipping
 * from the quoted option that was paid for); an order that already exists (a delayed payment
 * settling) is read as it is.
 */
async function predictSource(db: DbOrTx, params: { checkout: CheckoutRow; facts: PaymentFacts }): Promise<ConfirmationSource | null> {
  const { checkout, facts } = params;
  const [settings, [existing]] = await Promise.all([getSettings(db), db.select().from(orders).where(eq(orders.checkoutId, checkout.id))]);
  // Already paid (a repeated or late event): the transaction will queue nothing.
  if (existing && existing.paymentStatus !== "pending") return null;
  if (existing) return { order: existing, items: await readItems(db, existing.id), settings };

  const quote = readCheckoutQuote(checkout.quote);
  const { option } = chooseShippingOption(quote.shippingOptions, facts, checkout.subtotal - checkout.discountTotal);
  const shippingTotal = facts.shippingAmount ?? option?.amount ?? 0;
  const [code] =
    !quote.discount && checkout.discountCodeId
      ? await db.select({ code: discountCodes.code }).from(discountCodes).where(eq(discountCodes.id, checkout.discountCodeId))
      : [];
  return {
    order: {
      orderNumber: "",
      lookupToken: "",
      status: "on_hold",
      currency: checkout.currency,
      subtotal: checkout.subtotal,
      discountTotal: checkout.discountTotal,
      discountCode: quote.discount?.code ?? code?.code ?? null,
      shippingTotal,
      shippingMethod: option?.name ?? null,
      total: facts.amountTotal ?? Math.max(0, checkout.subtotal - checkout.discountTotal + shippingTotal),
      shippingAddress: facts.shippingAddress ?? facts.billingAddress,
    },
    items: checkout.lines.map((line) => ({
      productName: line.productName,
      variantName: line.variantName,
      quantity: line.quantity,
      lineTotal: line.unitPrice * line.quantity,
    })),
    settings,
  };
}

/**
 * Renders the confirmation for a paid checkout outside any transaction (reads through `db`); null
 * when the checkout's order already has its payment result, so there is nothing to confirm.
 */
export async function prepareOrderConfirmation(db: DbOrTx, params: { checkout: CheckoutRow; facts: PaymentFacts }): Promise<PreparedOrderConfirmation | null> {
  const source = await predictSource(db, params);
  return source ? renderPrepared(source) : null;
}

/** Compared as stored: a JSON column read back has no `undefined` members where the payment facts may. */
function sameProps(a: OrderConfirmationProps, b: OrderConfirmationProps): boolean {
  return isDeepStrictEqual(JSON.parse(JSON.stringify(a)), JSON.parse(JSON.stringify(b)));
}

/**
 * Thrown inside the transaction when the order turned out different from what was rendered (the
 * settings changed in between, or order creation computes something the prediction does not): the
 * transaction rolls back and `withPreparedOrderConfirmation` renders again from `source`.
 */
export class StaleOrderConfirmation extends Error {
  constructor(readonly source: ConfirmationSource) {
    super("The prepared order confirmation does not match the order; render it again.");
    this.name = "StaleOrderConfirmation";
  }
}

/**
 * Queues the confirmation inside the order's transaction: reads the order as committed so far and,
 * when the prepared rendering matches it, fills in the number, the link and the on-hold notice by
 * substitution (no React under the writer lock). Once per order (unique (order_id, kind)).
 */
export async function queueOrderConfirmation(
  tx: Tx,
  orderId: number,
  actor: string,
  prepared: PreparedOrderConfirmation | null = null,
): Promise<{ queued: boolean }> {
  const [order] = await tx.select().from(orders).where(eq(orders.id, orderId));
  if (!order || !isUsableEmail(order.email)) return { queued: false };
  const source: ConfirmationSource = { order, items: await readItems(tx, orderId), settings: await getSettings(tx) };
  const props = orderConfirmationProps(source);
  if (!prepared || !sameProps(prepared.props, withSlots(props))) throw new StaleOrderConfirmation(source);
  const email = fillPrepared(prepared, props);
  const { queued } = await queueEmail(tx, { orderId, kind: "order_confirmation", to: order.email, email, actor });
  return { queued };
}

/** The prepared rendering completed: the order's number and link filled in, the on-hold notice kept only when on hold. */
export function fillPrepared(prepared: PreparedOrderConfirmation, order: Pick<OrderConfirmationProps, "orderNumber" | "orderUrl" | "needsAttention">): RenderedEmail {
  const filled = fillSlots(prepared.email, { orderNumber: order.orderNumber, orderUrl: order.orderUrl });
  return order.needsAttention ? filled : removeParagraph(filled, ATTENTION_NOTICE);
}

const MAX_RENDERS = 3;

/**
 * Runs `work` (a write transaction that may queue the confirmation) with a confirmation rendered
 * beforehand. If the transaction found the rendering stale, it rolled back; this renders again from
 * what the transaction saw and runs it once more.
 */
export async function withPreparedOrderConfirmation<T>(
  prepare: () => Promise<PreparedOrderConfirmation | null>,
  work: (prepared: PreparedOrderConfirmation | null) => Promise<T>,
): Promise<T> {
  let prepared = await prepare();
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await work(prepared);
    } catch (error) {
      if (!(error instanceof StaleOrderConfirmation) || attempt >= MAX_RENDERS) throw error;
      if (prepared) console.warn("[email] the prepared order confirmation was stale; rendering it again from the order");
      prepared = await renderPrepared(error.source);
    }
  }
}
