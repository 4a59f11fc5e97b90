// A checkout the provider reports as completed becomes an order row with its items (pending until paid).
import type { Tx } from "@/lib/db";
import { findExistingCatalogIds } from "@/lib/catalog/find-existing-catalog-ids";
import type { CheckoutRow } from "@/lib/checkout/checkout-row";
import { readCheckoutQuote } from "@/lib/checkout/read-checkout-quote";
import { orderItems, orders, type CheckoutLineSnapshot, type PostalAddress } from "@/lib/db/schema";
import { findDiscountCodeText } from "@/lib/discounts/find-discount-code-text";
import { findShippingRateId } from "@/lib/shipping/find-shipping-rate-id";
import { chooseShippingOption } from "./choose-shipping-option";
import { normaliseEmail, newLookupToken } from "./lookup-token";
import { allocateOrderNumber } from "./order-number";
import { recordOrderEvents } from "./order-events";
import type { OrderRow } from "./order-row";
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

/** `created`; the order number is text so that a write batch can pass a slot it fills. */
export function orderCreatedEvent<Id>(orderId: Id, orderNumber: string, order: Pick<OrderRow, "total" | "currency">, checkout: CheckoutRow, facts: PaymentFacts, actor: string) {
  return {
    orderId,
    type: "created" as const,
    message: `Order ${orderNumber} created from checkout ${checkout.id}.`,
    data: { checkoutId: checkout.id, paymentSessionId: facts.sessionId, total: order.total, currency: order.currency },
    actor,
  };
}

export async function insertOrder(
  tx: Tx,
  params: { checkout: CheckoutRow; facts: PaymentFacts; customerId: number | null; actor: string },
): Promise<OrderRow> {
  const { checkout, facts } = params;
  const { orderSeq, orderNumber } = await allocateOrderNumber(tx);
  const { option, quotedCode, values } = orderValuesFor(checkout, facts);

  // Referenced rows may have been deleted since the quote; a dangling foreign key must not fail a paid order.
  const rateId = await findShippingRateId(tx, option?.rateId);
  const codeText = await findDiscountCodeText(tx, checkout.discountCodeId);

  const [order] = await tx
    .insert(orders)
    .values({
      ...values,
      orderSeq,
      orderNumber,
      customerId: params.customerId,
      status: "pending",
      paymentStatus: "pending",
      discountCode: quotedCode ?? codeText,
      shippingRateId: rateId,
      lookupToken: newLookupToken(),
    })
    .returning();
  await recordOrderEvents(tx, [orderCreatedEvent(order!.id, orderNumber, order!, checkout, facts, params.actor)]);
  return order!;
}

/** The snapshot is the record of the sale; the variant and product links are kept only while they exist. */
export async function insertOrderItems(tx: Tx, order: OrderRow, lines: readonly CheckoutLineSnapshot[]): Promise<void> {
  if (lines.length === 0) return;
  const live = await findExistingCatalogIds(tx, {
    variantIds: lines.map((line) => line.variantId),
    productIds: lines.map((line) => line.productId),
  });
  await tx.insert(orderItems).values(
    lines.map((line) =>
      orderItemRow(line, {
        orderId: order.id,
        variantId: live.variantIds.has(line.variantId) ? line.variantId : null,
        productId: live.productIds.has(line.productId) ? line.productId : null,
      }),
    ),
  );
}

/** An order line from its snapshot line; the links are the caller's (ids, or a write batch's subqueries). */
export function orderItemRow<Links extends { orderId: unknown; variantId: unknown; productId: unknown }>(line: CheckoutLineSnapshot, links: Links) {
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
