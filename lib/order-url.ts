// The shopper's link to their order page: the order number plus its secret token.
import { env } from "@/lib/env";

export function orderPagePath(order: { orderNumber: string; lookupToken: string }): string {
  return `/order/${encodeURIComponent(order.orderNumber)}?token=${encodeURIComponent(order.lookupToken)}`;
}

/** Absolute, for email: APP_URL is the shop's public origin. */
export function orderPageUrl(order: { orderNumber: string; lookupToken: string }): string {
  return new URL(orderPagePath(order), env().APP_URL).toString();
}
