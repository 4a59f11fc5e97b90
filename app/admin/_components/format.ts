// How the admin shows times and order states.
import type { OrderStatus, PaymentStatus, RefundReason, RefundStatus } from "@/lib/db/schema";

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

export const REFUND_STATUS_LABELS: Record<RefundStatus, string> = {
  pending: "Pending at the bank",
  requires_action: "Needs action in Stripe",
  succeeded: "Refunded",
  failed: "Failed",
  canceled: "Canceled",
};

export const REFUND_REASON_LABELS: Record<RefundReason, string> = {
  requested_by_customer: "requested by customer",
  duplicate: "duplicate payment",
  fraudulent: "fraudulent",
  other: "other",
};

/** Why an order is held, named once with the flags themselves (lib/orders/hold-reasons.ts). */
export { holdReasonLabel } from "@/lib/orders/hold-reasons";
