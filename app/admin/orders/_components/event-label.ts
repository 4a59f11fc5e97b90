// An order event's type in the owner's words, for the order's timeline.

const LABELS: Record<string, string> = {
  created: "Order placed",
  payment_pending: "Waiting for payment",
  paid: "Payment received",
  payment_failed: "Payment failed",
  payment_mismatch: "Paid amount differs",
  stock_updated: "Stock updated",
  stock_shortfall: "Not enough stock",
  discount_applied: "Discount applied",
  discount_limit_exceeded: "Discount over its limit",
  shipping_country_mismatch: "Shipping country differs",
  email_queued: "Email queued",
  email_sent: "Email sent",
  email_failed: "Email failed",
  status_changed: "Status changed",
  tracking_added: "Shipped",
  tracking_updated: "Tracking corrected",
  cancelled: "Cancelled",
  refunded: "Refunded",
  refund_failed: "Refund failed",
  disputed: "Dispute opened",
  dispute_updated: "Dispute updated",
  note_added: "Note",
  erased: "Personal data erased",
};

export function eventLabel(type: string): string {
  const label = LABELS[type] ?? type.replaceAll("_", " ");
  return label.charAt(0).toUpperCase() + label.slice(1);
}

/** Who did it, readably: `admin:<id> (ann@shop)` → "ann@shop", `webhook` → "payment provider". */
export function actorLabel(actor: string): string {
  if (actor === "admin:owner") return "store owner";
  const account = /^admin:\S+ \((.+)\)$/.exec(actor);
  if (account) return account[1]!;
  if (actor.startsWith("admin:")) return `admin ${actor.slice("admin:".length)}`;
  if (actor === "webhook") return "payment provider";
  return actor;
}
