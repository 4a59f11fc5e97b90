// The emails a refund's news may queue, rendered before the writer lock: the shopper's refund_issued and the owner's refund_failed alert.
import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db";
import { refunds } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { renderOwnerAlert } from "@/lib/email/owner-alert";
import { renderRefundIssued } from "@/lib/email/refund-issued";
import { formatMoney } from "@/lib/money";
import type { OrderRow } from "./order-row";
import type { RefundFacts, RefundMessages } from "./record-refund";

/**
 * Renders only what the news could make due, judged from the refund's row as read now: recordRefund
 * decides again under the lock and queues nothing it does not need. The email describes the refund
 * with the owner's lines and reason when their request recorded it first.
 */
export async function prepareRefundMessages(db: DbOrTx, order: OrderRow, facts: RefundFacts): Promise<RefundMessages> {
  const [existing] = await db.select().from(refunds).where(eq(refunds.providerRefundId, facts.providerRefundId));
  const isFinal = (status: string) => status === "failed" || status === "canceled";
  const mayFail = isFinal(facts.status) && !(existing && isFinal(existing.status));
  const maySucceed = facts.status === "succeeded" && !(existing && (existing.status === "succeeded" || isFinal(existing.status)));

  const [issuedEmail, failedAlert] = await Promise.all([
    maySucceed
      ? renderRefundIssued(db, order, {
          amount: facts.amount,
          reason: existing?.reason ?? facts.reason,
          lines: existing && existing.lines.length > 0 ? existing.lines : (facts.lines ?? []),
        })
      : null,
    mayFail ? renderRefundFailedAlert(db, order, facts) : null,
  ]);
  return { issuedEmail, failedAlert };
}

function renderRefundFailedAlert(db: DbOrTx, order: OrderRow, facts: RefundFacts) {
  const amount = formatMoney(facts.amount, facts.currency.toUpperCase());
  const why = facts.failureReason ? ` The provider's reason: ${facts.failureReason.replaceAll("_", " ")}.` : "";
  return renderOwnerAlert(db, {
    subject: `a refund of ${amount} on order ${order.orderNumber} ${facts.status === "canceled" ? "was canceled" : "failed"}`,
    heading: `A refund of ${amount} did not reach the shopper`,
    paragraphs: [
      `Refund ${facts.providerRefundId} on order ${order.orderNumber} ${facts.status === "canceled" ? "was canceled" : "failed"}, so the money stayed with the shop.${why}`,
      "The order's refunded amount and payment status have been put back. Refund again, or get in touch with the shopper to arrange it another way.",
    ],
    action: { label: `Open order ${order.orderNumber}`, url: new URL(`/admin/orders/${order.id}`, env().APP_URL).toString() },
  });
}
