// A checkout the provider reports as completed becomes an order row with its items: the values, and the statements that insert them.
import { NOW_SQL_TEXT, boundSql, fillSqlSlots, joinSql, type BoundSql } from "@/lib/db";
import type { CheckoutRow } from "@/lib/checkout/checkout-row";
import { readCheckoutQuote } from "@/lib/checkout/read-checkout-quote";
import { upsertCustomerStatements } from "@/lib/customers/upsert-customer";
import type { CheckoutLineSnapshot, OrderStatus, PostalAddress } from "@/lib/db/schema";
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

const ID_IF_EXISTS = {
  variant: '(SELECT "id" FROM "product_variants" WHERE "id" = ?)',
  product: '(SELECT "id" FROM "products" WHERE "id" = ?)',
  shippingRate: '(SELECT "id" FROM "shipping_rates" WHERE "id" = ?)',
} as const;
const NULL_ARGUMENT = "?";

/** A row's id as a subquery, NULL once the row is gone: the snapshot stays the record of the sale. */
function idIfExists(table: keyof typeof ID_IF_EXISTS, id: number | null | undefined): BoundSql {
  return id == null ? boundSql(NULL_ARGUMENT, [null]) : boundSql(ID_IF_EXISTS[table], [id]);
}

const OF_CHECKOUT = {
  id: '(SELECT "id" FROM "orders" WHERE "checkout_id" = ?)',
  orderSeq: '(SELECT "order_seq" FROM "orders" WHERE "checkout_id" = ?)',
  orderNumber: '(SELECT "order_number" FROM "orders" WHERE "checkout_id" = ?)',
} as const;

/** A checkout's order (unique per checkout), or one of its columns, as a subquery: how the statements after the insert refer to it. */
export function orderOfCheckout(checkoutId: string, column: keyof typeof OF_CHECKOUT = "id"): BoundSql {
  return boundSql(OF_CHECKOUT[column], [checkoutId]);
}

/** A text built before the write with the order number's slot (orderNumberWithSlot), completed by the database. */
export function withOrderNumber(checkoutId: string, text: string): BoundSql {
  return fillSqlSlots(text, { orderSeq: orderOfCheckout(checkoutId, "orderSeq") });
}

const ORDER_INSERT = [
  'INSERT INTO "orders" ("order_seq", "order_number", "checkout_id", "email", "customer_id", "status", "payment_status", "currency", "subtotal", "shipping_total", ' +
    '"discount_total", "total", "amount_refunded", "charge_refunded_amount", "discount_code", "shipping_address", "billing_address", "shipping_country", "shipping_method", ' +
    '"shipping_rate_id", "tracking_number", "tracking_carrier", "tracking_url", "payment_provider", "payment_session_id", "payment_intent_id", "notes", "flags", ' +
    '"lookup_token", "paid_at", "shipped_at", "delivered_at", "cancelled_at", "created_at", "updated_at") VALUES (',
  ", ",
  ", ?, ?, ",
  ", ?, ?, ?, ?, ?, ?, ?, 0, 0, ?, ?, ?, ?, ?, ",
  `, NULL, NULL, NULL, ?, ?, ?, NULL, ?, ?, ?, NULL, NULL, NULL, ${NOW_SQL_TEXT}, ${NOW_SQL_TEXT}) RETURNING "id", "order_number"`,
] as const;
const ITEMS_INSERT = 'INSERT INTO "order_items" ("order_id", "variant_id", "product_id", "product_name", "variant_name", "sku", "unit_price", "quantity", "line_total", "created_at") VALUES ';
const ITEM_ROW = ["(", ", ", ", ", `, ?, ?, ?, ?, ?, ?, ${NOW_SQL_TEXT})`] as const;

const jsonArgument = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));

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
export function insertOrderStatements(order: NewOrder) {
  const { checkout, facts } = order;
  const { option, values } = orderValuesFor(checkout, facts);
  const buyer = upsertCustomerStatements(buyerOf(checkout, facts));
  const seq = nextOrderSeqSql(order.numbering);
  const orderId = orderOfCheckout(checkout.id);
  const [open, afterSeq, afterNumber, afterCustomer, afterRate] = ORDER_INSERT;
  const insert = joinSql([
    boundSql(open),
    seq,
    boundSql(afterSeq),
    orderNumberSql(order.numbering, seq),
    boundSql(afterNumber, [values.checkoutId, values.email]),
    buyer.customerId,
    boundSql(afterCustomer, [
      order.status,
      order.paymentStatus,
      values.currency,
      values.subtotal,
      values.shippingTotal,
      values.discountTotal,
      values.total,
      order.discountCode,
      jsonArgument(values.shippingAddress),
      jsonArgument(values.billingAddress),
      values.shippingCountry,
      values.shippingMethod,
    ]),
    idIfExists("shippingRate", option?.rateId),
    boundSql(afterRate, [values.paymentProvider, values.paymentSessionId ?? null, values.paymentIntentId ?? null, JSON.stringify(order.flags), order.lookupToken, order.paidAt]),
  ]);
  const [itemOpen, afterOrder, afterVariant, itemClose] = ITEM_ROW;
  const items = checkout.lines.length
    ? [
        joinSql([
          boundSql(ITEMS_INSERT),
          joinSql(
            checkout.lines.map((line) =>
              joinSql([
                boundSql(itemOpen),
                orderId,
                boundSql(afterOrder),
                idIfExists("variant", line.variantId),
                boundSql(afterVariant),
                idIfExists("product", line.productId),
                boundSql(itemClose, orderItemValues(line)),
              ]),
            ),
            ", ",
          ),
        ]),
      ]
    : [];
  const created: BatchOrderEventInput = {
    orderId,
    type: "created",
    message: withOrderNumber(checkout.id, `Order ${orderNumberWithSlot(order.numbering)} created from checkout ${checkout.id}.`),
    data: { checkoutId: checkout.id, paymentSessionId: facts.sessionId, total: values.total, currency: values.currency },
    actor: order.actor,
  };
  return { statements: [...buyer.statements, insert, ...items], orderIndex: buyer.statements.length, orderId, created, values };
}

/** An order line's own columns from its snapshot line, in ITEM_ROW's order. */
function orderItemValues(line: CheckoutLineSnapshot): unknown[] {
  return [line.productName, line.variantName, line.sku, line.unitPrice, line.quantity, line.unitPrice * line.quantity];
}
