// The owner's alert about a paid order (put on hold, or simply new): decided with the order's plan, its ids filled in by the write.
import { fillSqlSlots, sqlSlot, type BoundSql } from "@/lib/db";
import { env } from "@/lib/env";
import { formatMoney } from "@/lib/money";
import { ORDER_FLAGS, isHoldingFlag, type OrderFlag } from "./hold-reasons";
import type { OwnerAlertContent } from "@/lib/email/owner-alert";
import type { Settings } from "@/lib/settings";
import { ownerAlertAddress, ownerAlertKey } from "@/lib/alerts/queue-owner-alert";

/**
 * Everything the alert says, decided from what the plan read. The order's id and number are only
 * known once the write has run (a new order takes both from the database's own sequence), so the
 * text carries slots for them, filled by the same statement that inserts the row — the mechanism
 * the order confirmation's number uses (lib/db/statements.ts fillSqlSlots).
 */
export type PaidOrderAlert = {
  kind: "order_on_hold" | "new_paid_order";
  /** The alert's once-only subject with its order id slot: `<orderId>` or `<orderId>/<holding flags>`. */
  subject: string;
  to: string;
  content: OwnerAlertContent;
};

const ORDER_ID = "orderId";
const ORDER_SEQ = "orderSeq";

/**
 * One alert at most per paid order: on hold (switch alertOnHold) says why; otherwise, with
 * alertNewOrder on, that it was paid. A held order whose hold alert is switched off still counts as
 * a new paid order. Null when the switches want neither.
 */
export function paidOrderAlert(params: {
  settings: Settings;
  flags: readonly OrderFlag[];
  /** The order's number as the plan shows it: a new order's has its sequence's slot. */
  orderNumber: string;
  total: number;
  currency: string;
}): PaidOrderAlert | null {
  const { settings, orderNumber } = params;
  const holding = params.flags.filter(isHoldingFlag);
  const orderId = sqlSlot(ORDER_ID);
  const action = { label: "Open the order", url: new URL(`/admin/orders/${orderId}`, env().APP_URL).toString() };
  const paid = `${formatMoney(params.total, params.currency)} was paid for ${orderNumber}.`;
  const to = ownerAlertAddress(settings);
  if (holding.length > 0 && settings.alertOnHold) {
    return {
      kind: "order_on_hold",
      subject: `${orderId}/${holding.join("+")}`,
      to,
      content: {
        subject: `${orderNumber} is on hold`,
        heading: `${orderNumber} is paid and waiting for you`,
        paragraphs: [
          paid,
          `It is on hold until you look at it: ${holding.map((flag) => ORDER_FLAGS[flag].label.toLowerCase()).join("; ")}.`,
          "Release it to fulfil it, or cancel and refund it from the order page.",
        ],
        action,
      },
    };
  }
  if (!settings.alertNewOrder) return null;
  return {
    kind: "new_paid_order",
    subject: orderId,
    to,
    content: { subject: `new order ${orderNumber}`, heading: `New order ${orderNumber}`, paragraphs: [paid], action },
  };
}

/** The alert's key and texts with the order's id and number filled in by the write, for `checkoutId`'s order. */
export function paidOrderAlertSlots(params: { orderId: BoundSql; orderSeq: BoundSql }) {
  const values = { [ORDER_ID]: params.orderId, [ORDER_SEQ]: params.orderSeq };
  return {
    key: (alert: PaidOrderAlert) => fillSqlSlots(ownerAlertKey(alert.kind, alert.subject), values),
    fill: (text: string) => fillSqlSlots(text, values),
  };
}
