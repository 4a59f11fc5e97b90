// The owner's "dispute opened" email: rendered before the writer lock, queued by recordDispute.
import type { DbOrTx } from "@/lib/db";
import { renderOwnerAlert } from "@/lib/email/owner-alert";
import type { RenderedEmail } from "@/lib/email/render-email";
import { env } from "@/lib/env";
import { formatMoney } from "@/lib/money";
import { formatDisputeDate, stripeDisputeUrl } from "./dispute-statuses";
import { findOrderForPaymentIntent } from "./order-row";
import type { DisputeFacts } from "./record-dispute";

/** Null when no order of this shop was paid by the disputed payment (nothing will be queued). */
export async function renderDisputeAlert(db: DbOrTx, facts: DisputeFacts): Promise<RenderedEmail | null> {
  const order = await findOrderForPaymentIntent(db, facts.paymentIntentId);
  if (!order) return null;
  const amount = formatMoney(facts.amount, facts.currency);
  const adminUrl = new URL(`/admin/orders/${order.id}`, env().APP_URL).toString();
  const isShipped = order.status === "shipped" || order.status === "delivered";
  return renderOwnerAlert(db, {
    subject: `Dispute opened on order ${order.orderNumber}`,
    heading: `The shopper's bank disputes ${amount} on order ${order.orderNumber}`,
    paragraphs: [
      `Reason given: ${facts.reason.replaceAll("_", " ")}.`,
      facts.evidenceDueBy ? `Send your evidence through Stripe by ${formatDisputeDate(facts.evidenceDueBy)}, or the dispute is lost.` : "The bank allows no response to this dispute.",
      isShipped
        ? "The order has already shipped: keep its tracking and any messages with the shopper as evidence."
        : "The order is on hold and cannot be shipped until the dispute is resolved.",
      `The order in your admin: ${adminUrl}`,
    ],
    action: { label: "Respond in Stripe's dashboard", url: stripeDisputeUrl(facts.providerDisputeId, facts.isLivemode) },
  });
}
