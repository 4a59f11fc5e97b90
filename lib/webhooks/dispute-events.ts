// Stripe's dispute events: one upsert follows the dispute's status whichever event arrives first.
import type { Tx } from "@/lib/db";
import { db } from "@/lib/db";
import type { RenderedEmail } from "@/lib/email/render-email";
import { renderDisputeAlert } from "@/lib/orders/dispute-alert";
import { recordDispute } from "@/lib/orders/record-dispute";
import { eventHandler, ignored, type Applied } from "./event-handler";
import { disputeFactsFromStripe, stripeDispute, type StripeDispute } from "./stripe-dispute";

const UNKNOWN_PAYMENT = "No order of this store matches the disputed payment.";

async function prepareDispute(dispute: StripeDispute): Promise<RenderedEmail | null> {
  const facts = disputeFactsFromStripe(dispute);
  return facts ? renderDisputeAlert(await db(), facts) : null;
}

async function onDispute(tx: Tx, dispute: StripeDispute, alert: RenderedEmail | null): Promise<Applied> {
  const facts = disputeFactsFromStripe(dispute);
  const recorded = facts ? await recordDispute(tx, facts, alert) : null;
  if (!recorded) {
    // Acknowledged so Stripe stops retrying: a dispute on another integration's payment on the same account.
    console.info(`[webhook] dispute ${dispute.id} ignored: ${UNKNOWN_PAYMENT}`);
    return ignored(UNKNOWN_PAYMENT);
  }
  const { order, dispute: row } = recorded;
  return { status: "processed", checkoutId: order.checkoutId, orderId: order.id, orderNumber: order.orderNumber, note: `Dispute ${row.status}; order ${order.status}.` };
}

const disputeHandler = () => eventHandler({ schema: stripeDispute, prepare: prepareDispute, apply: onDispute });

/**
 * Every dispute event carries the whole dispute, so each applies the same upsert: `created` opens it,
 * `updated` and `closed` move its status, and `funds_withdrawn` / `funds_reinstated` (sent with the
 * money movements at opening and on a win) repeat what the status already says.
 */
export const disputeEventHandlers = {
  "charge.dispute.created": disputeHandler(),
  "charge.dispute.updated": disputeHandler(),
  "charge.dispute.closed": disputeHandler(),
  "charge.dispute.funds_withdrawn": disputeHandler(),
  "charge.dispute.funds_reinstated": disputeHandler(),
};
