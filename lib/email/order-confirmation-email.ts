// The order confirmation: its props from the order (or the order as planned), rendered before the write lock is taken.
import { isDeepStrictEqual } from "node:util";
import React from "react";
import type { OrderRow } from "@/lib/orders/order-row";
import { orderPageUrl } from "@/lib/order-url";
import { emailBrandingOf, type BrandingSettings } from "./email-branding";
import { OrderConfirmationEmail, orderConfirmationSubject, type OrderConfirmationProps } from "./order-confirmation";
import { renderEmail, type RenderedEmail } from "./render-email";

export type { OrderConfirmationProps };

type OrderLike = Pick<
  OrderRow,
  "orderNumber" | "lookupToken" | "status" | "currency" | "subtotal" | "discountTotal" | "discountCode" | "shippingTotal" | "shippingMethod" | "total" | "shippingAddress"
>;

/** Everything the email shows, as the order (or the plan of it) and the settings say. */
export type ConfirmationSource = { order: OrderLike; items: OrderConfirmationProps["items"]; settings: BrandingSettings;
};

/** A rendering and the props it was rendered from, so a writer can tell whether it still fits. */
export type PreparedOrderConfirmation = { props: OrderConfirmationProps; email: RenderedEmail };

export function orderConfirmationProps({ order, items, settings }: ConfirmationSource): OrderConfirmationProps {
  return {
    ...emailBrandingOf(settings),
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

export function renderOrderConfirmation(props: OrderConfirmationProps): Promise<RenderedEmail> {
  return renderEmail(orderConfirmationSubject(props), React.createElement(OrderConfirmationEmail, props));
}

/** Renders `props` (React runs here, never under the write lock); null for an order with no confirmation. */
export async function prepareOrderConfirmation(props: OrderConfirmationProps | null): Promise<PreparedOrderConfirmation | null> {
  return props ? { props, email: await renderOrderConfirmation(props) } : null;
}

/** Compared as stored: a JSON column read back has no `undefined` members where the payment facts may. */
export function isSameConfirmation(a: OrderConfirmationProps | null, b: OrderConfirmationProps | null): boolean {
  return isDeepStrictEqual(a && JSON.parse(JSON.stringify(a)), b && JSON.parse(JSON.stringify(b)));
}
