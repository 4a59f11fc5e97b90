// How the admin shows times and order states.
import type { OrderStatus, PaymentStatus } from "@/lib/db/schema";

export function formatDateTime(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone }).format(new Date(iso));
}

export const ORDER_STATUS_LABELS: Record<OrderStatus, string> = {
  pending: "Pending",
  processing: "To fulfil",
  shipped: "Shipped",
  delivered: "Delivered",
  on_hold: "On hold",
  cancelled: "Cancelled",
  refunded: "Refunded",
};

export const PAYMENT_STATUS_LABELS: Record<PaymentStatus, string> = {
  pending: "Awaiting payment",
  paid: "Paid",
  failed: "Payment failed",
  refunded: "Refunded",
  partially_refunded: "Partly refunded",
};

const EVENT_LABELS: Record<string, string> = {
  stock_shortfall: "Not enough stock",
  discount_limit_exceeded: "Discount over its limit",
  status_changed: "Put on hold",
};

export function holdReasonLabel(type: string): string {
  return EVENT_LABELS[type] ?? type.replaceAll("_", " ");
}
