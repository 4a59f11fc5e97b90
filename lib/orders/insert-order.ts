// A checkout the provider reports as completed becomes an order row with its items: the values, and the statements that insert them.
import { eq, sql, type SQL } from "drizzle-orm";
import type { StatementBuilder } from "@/lib/db";
import { fillSqlSlots } from "@/lib/db";
import type { CheckoutRow } from "@/lib/checkout/checkout-row";
import { readCheckoutQuote } from "@/lib/checkout/read-checkout-quote";
import { upsertCustomerStatements } from "@/lib/customers/upsert-customer";
import { orderItems, orders, productVariants, products, shippingRates, type CheckoutLineSnapshot, type OrderStatus, type PostalAddress } from "@/lib/db/schema";
import { chooseShippingOption } from "./choose-shipping-option";
import type { OrderFlag } from "./hold-reasons";
import { normaliseEmail } from "./lookup-token";
import { nextOrderSeqSql, orderNumberSql, orderNumberWithSlot, type OrderNumbering } from "./order-number";
import type { BatchOrderEventInput } from "./order-events";
import type { PaymentFacts } from "./payment-facts";

/** The address the parcel goes to: collected shipping details, else the billing address. */
export function deliveryAddress(facts: PaymentFacts): PostalAddress | null {
  return facts.shippingAddress ?? facts.billingAddress;
}

/** The checkout form's email wins over what the payment page collected. */
export function orderEmailFor(checkout: CheckoutRow, facts: PaymentFacts): string {
  return normaliseEmail(checkout.email ?? facts.email ?? "");
}

/** Who the customer record is: the order's email, and the name the payment page collected. */
export function buyerOf(checkout: CheckoutRow, facts: PaymentFacts) {
  return {
    email: orderEmailFor(checkout, facts),
    name: (facts.shippingAddress?.name ?? facts.customerName ?? "").trim(),
    acceptsMarketing: checkout.acceptsMarketing,
  };
}

/**
 * The order's columns that follow from the checkout snapshot and the payment facts alone, and the
 * shipping option it was matched to (whose rate, like the discount code, may be gone by now).
 */
export function orderValuesFor(checkout: CheckoutRow, facts: PaymentFacts) {
  const quote = readCheckoutQuote(checkout.quote, checkout.id);
  const { option } = chooseShippingOption(quote.shippingOptions, facts, checkout.subtotal - checkout.discountTotal);
  const shippingTotal = facts.shippingAmount ?? option?.amount ?? 0;
  const expectedTotal = Math.max(0, checkout.subtotal - checkout.discountTotal + shippingTotal);
  const address = deliveryAddress(facts);
  return {
    option,
    quotedCode: quote.discount?.code ?? null,
    values: {
      checkoutId: checkout.id,
      email: orderEmailFor(checkout, facts),
      currency: checkout.currency,
      subtotal: checkout.subtotal,
      shippingTotal,
      discountTotal: checkout.discountTotal,
      total: facts.amountTotal ?? expectedTotal,
      shippingAddress: address,
      billingAddress: facts.billingAddress,
      shippingCountry: address?.country ?? checkout.country,
      shippingMethod: option?.name ?? null,
      paymentProvider: checkout.paymentProvider,
      paymentSessionId: facts.sessionId,
      paymentIntentId: facts.paymentIntentId,
    },
  };
}

/** The order's discount code text: as quoted, else the code row's as read (a code may be gone). */
export function orderDiscountCode(quotedCode: string | null, codeRowText: string | null): string | null {
  return quotedCode ?? codeRowText;
}

/** A row's id as a subquery, NULL once the row is gone: the snapshot stays the record of the sale. */
function idIfExists(db: StatementBuilder, table: typeof productVariants | typeof products | typeof shippingRates, id: number | null | undefined) {
  return id == null ? null : sql<number | null>`(${db.select({ id: table.id }).from(table).where(eq(table.id, id))})`;
}

/** A checkout's order, found by its checkout (unique): how the statements after the insert refer to it. */
export function orderOfCheckout(db: StatementBuilder, checkoutId: string, column: typeof orders.id | typeof orders.orderSeq = orders.id): SQL<number> {
  return sql<number>`(${db.select({ value: column }).from(orders).where(eq(orders.checkoutId, checkoutId))})`;
}

/** A text built before the write with the order number's slot (orderNumberWithSlot), completed by the database. */
export function withOrderNumber(db: StatementBuilder, checkoutId: string, text: string): SQL<string> {
  return fillSqlSlots(text, { orderSeq: orderOfCheckout(db, checkoutId, orders.orderSeq) });
}

export type NewOrder = {
  checkout: CheckoutRow;
  facts: PaymentFacts;
  actor: string;
  numbering: OrderNumbering;
  lookupToken: string;
  discountCode: string | null;
  status: OrderStatus;
  paymentStatus: "pending" | "paid";
  paidAt: string | null;
  flags: OrderFlag[];
};

/**
 * The buyer's upsert, the order's insert (its number taken by the database: nextOrderSeqSql) and its
 * lines, with the `created` event for the caller's event statement. The catalog links and the
 * shipping rate are kept only while their rows exist, evaluated as the insert runs. `orderIndex` is
 * the insert, whose result carries the new id and number.
 */
export function insertOrderStatements(db: StatementBuilder, order: NewOrder) {
  const { checkout, facts } = order;
  const { option, values } = orderValuesFor(checkout, facts);
  const buyer = upsertCustomerStatements(db, buyerOf(checkout, facts));
  const seq = nextOrderSeqSql(db, order.numbering);
  const orderId = orderOfCheckout(db, checkout.id);
  const insert = db
    .insert(orders)
    .values({
      ...values,
      orderSeq: seq,
      orderNumber: orderNumberSql(order.numbering, seq),
      customerId: buyer.customerId,
      status: order.status,
      paymentStatus: order.paymentStatus,
      paidAt: order.paidAt,
      flags: order.flags,
      discountCode: order.discountCode,
      shippingRateId: idIfExists(db, shippingRates, option?.rateId),
      lookupToken: order.lookupToken,
    })
    .returning({ id: orders.id, orderNumber: orders.orderNumber });
  const items = checkout.lines.length
    ? [
        db.insert(orderItems).values(
          checkout.lines.map((line) =>
            orderItemRow(line, { orderId, variantId: idIfExists(db, productVariants, line.variantId), productId: idIfExists(db, products, line.productId) }),
          ),
        ),
      ]
    : [];
  const created: BatchOrderEventInput = {
    orderId,
    type: "created",
    message: withOrderNumber(db, checkout.id, `Order ${orderNumberWithSlot(order.numbering)} created from checkout ${checkout.id}.`),
    data: { checkoutId: checkout.id, paymentSessionId: facts.sessionId, total: values.total, currency: values.currency },
    actor: order.actor,
  };
  return { statements: [...buyer.statements, insert, ...items], orderIndex: buyer.statements.length, orderId, created, values };
}

/** An order line from its snapshot line; the links are the caller's. */
function orderItemRow<Links extends { orderId: unknown; variantId: unknown; productId: unknown }>(line: CheckoutLineSnapshot, links: Links) {
  return {
    ...links,
    productName: line.productName,
    variantName: line.variantName,
    sku: line.sku,
    unitPrice: line.unitPrice,
    quantity: line.quantity,
    lineTotal: line.unitPrice * line.quantity,
  };
}
