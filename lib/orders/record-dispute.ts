// A dispute reported by the payment provider: its row, the order's `disputed` flag and hold, the events, the owner's alert.
import { and, desc, eq } from "drizzle-orm";
import type { Tx } from "@/lib/db";
import { disputes, orderEvents, orders, sqlNow, type DisputeStatus } from "@/lib/db/schema";
import { queueOwnerAlert } from "@/lib/alerts/queue-owner-alert";
import type { RenderedEmail } from "@/lib/email/render-email";
import { formatMoney } from "@/lib/money";
import { nowIso } from "@/lib/time";
import { formatDisputeDate, isFinalDisputeStatus, isHoldingDisputeStatus, DISPUTE_STATUS_LABELS } from "./dispute-statuses";
import { recordOrderEvents, type OrderEventInput } from "./order-events";
import { findOrderForPaymentIntent, type OrderRow } from "./order-row";
import { canTransition, transitionOrderStatus } from "./status-machine";

export type DisputeRow = typeof disputes.$inferSelect;

export type DisputeFacts = {
  providerDisputeId: string;
  paymentIntentId: string;
  chargeId: string | null;
  amount: number;
  /** Upper case, as orders store it. */
  currency: string;
  reason: string;
  status: DisputeStatus;
  evidenceDueBy: string | null;
  isLivemode: boolean;
};

export type RecordedDispute = { order: OrderRow; dispute: DisputeRow; isNew: boolean };

const ACTOR = "webhook";

/**
 * Out-of-order delivery: a final status is never replaced by an open one (a late `updated` after
 * `closed`), so whichever event arrives last, the row ends on Stripe's last word.
 */
function nextStatus(stored: DisputeStatus | null, reported: DisputeStatus): DisputeStatus {
  if (stored && isFinalDisputeStatus(stored) && !isFinalDisputeStatus(reported)) return stored;
  return reported;
}

export function disputeOpenedMessage(facts: Pick<DisputeFacts, "amount" | "currency" | "reason" | "evidenceDueBy">): string {
  const due = facts.evidenceDueBy ? `; evidence due by ${formatDisputeDate(facts.evidenceDueBy)}` : "";
  return `The shopper's bank opened a dispute for ${formatMoney(facts.amount, facts.currency)} (${facts.reason.replaceAll("_", " ")})${due}.`;
}

function statusMessage(status: DisputeStatus, amount: number, currency: string): string {
  if (status === "won") return "The dispute was won: the money stays with the shop.";
  if (status === "lost") return `The dispute was lost: the bank took back ${formatMoney(amount, currency)}. Do not ship this order.`;
  if (status === "warning_closed") return "The bank closed its inquiry without a dispute.";
  if (status === "prevented") return "The dispute was prevented before it was filed.";
  return `The dispute is now: ${DISPUTE_STATUS_LABELS[status].toLowerCase()}.`;
}

async function upsertDispute(tx: Tx, orderId: number, facts: DisputeFacts): Promise<{ before: DisputeRow | null; after: DisputeRow }> {
  const [before] = await tx.select().from(disputes).where(eq(disputes.providerDisputeId, facts.providerDisputeId));
  const status = nextStatus(before?.status ?? null, facts.status);
  const closedAt = isFinalDisputeStatus(status) ? (before?.closedAt ?? nowIso()) : null;
  const values = { amount: facts.amount, currency: facts.currency, reason: facts.reason, status, evidenceDueBy: facts.evidenceDueBy, closedAt, chargeId: facts.chargeId };
  if (before) {
    const [after] = await tx.update(disputes).set({ ...values, updatedAt: sqlNow }).where(eq(disputes.id, before.id)).returning();
    return { before, after: after! };
  }
  const [after] = await tx
    .insert(disputes)
    .values({ orderId, providerDisputeId: facts.providerDisputeId, ...values })
    .returning();
  return { before: null, after: after! };
}

/** Whether the order's current hold is one a dispute put it in (and not the owner's or the payment webhook's). */
async function isHeldByDispute(tx: Tx, orderId: number): Promise<boolean> {
  const [lastHold] = await tx
    .select({ data: orderEvents.data })
    .from(orderEvents)
    .where(and(eq(orderEvents.orderId, orderId), eq(orderEvents.type, "status_changed")))
    .orderBy(desc(orderEvents.id))
    .limit(1);
  const data = lastHold?.data;
  return typeof data === "object" && data !== null && "to" in data && data.to === "on_hold" && "cause" in data && data.cause === "disputed";
}

/**
 * Applies what Stripe says about one dispute, whichever of its events comes first: the row is created
 * by the first and follows the status after; the order is flagged `disputed` and held (where the
 * status machine allows: processing or pending) while any of its disputes is open or lost. A win
 * clears the flag and, when the hold was the dispute's own, returns the order to processing, as the
 * owner's "release hold" would. The owner's alert is queued when the shop first hears of the dispute.
 * Returns null when no order of this shop was paid by the dispute's payment.
 */
export async function recordDispute(tx: Tx, facts: DisputeFacts, alert: RenderedEmail | null): Promise<RecordedDispute | null> {
  const order = await findOrderForPaymentIntent(tx, facts.paymentIntentId);
  if (!order) return null;
  const { before, after } = await upsertDispute(tx, order.id, facts);

  const data = { disputeId: after.providerDisputeId, status: after.status, amount: after.amount };
  // A dispute first heard of already closed (its `created` still on the way) says both things at once.
  const update: OrderEventInput | null =
    (before ? before.status !== after.status : isFinalDisputeStatus(after.status))
      ? { orderId: order.id, type: "dispute_updated", message: statusMessage(after.status, after.amount, after.currency), data: { ...data, previousStatus: before?.status ?? null }, actor: ACTOR }
      : null;

  const orderDisputes = await tx.select({ status: disputes.status }).from(disputes).where(eq(disputes.orderId, order.id));
  const isHolding = orderDisputes.some((row) => isHoldingDisputeStatus(row.status));
  const wasFlagged = order.flags.includes("disputed");
  if (isHolding && !wasFlagged) {
    await tx.update(orders).set({ flags: [...order.flags, "disputed"], updatedAt: sqlNow }).where(eq(orders.id, order.id));
    if (canTransition(order.status, "on_hold")) {
      await transitionOrderStatus(tx, { orderId: order.id, to: "on_hold", actor: ACTOR, reason: "the payment is disputed", data: { cause: "disputed", disputeId: after.providerDisputeId } });
    }
  } else if (!isHolding && wasFlagged) {
    const isReleasable = order.status === "on_hold" && (order.paymentStatus === "paid" || order.paymentStatus === "partially_refunded") && (await isHeldByDispute(tx, order.id));
    await tx.update(orders).set({ flags: order.flags.filter((flag) => flag !== "disputed"), updatedAt: sqlNow }).where(eq(orders.id, order.id));
    if (isReleasable) {
      await transitionOrderStatus(tx, { orderId: order.id, to: "processing", actor: ACTOR, reason: "hold released: the dispute ended in the shop's favour", data: { disputeId: after.providerDisputeId } });
    }
  }

  // Written after the hold's `status_changed`: the newest hold-cause event is what the admin names as the reason.
  const opened: OrderEventInput | null = before
    ? null
    : { orderId: order.id, type: "disputed", message: disputeOpenedMessage(facts), data: { ...data, reason: after.reason, evidenceDueBy: after.evidenceDueBy }, actor: ACTOR };
  await recordOrderEvents(tx, [opened, update].filter((event): event is OrderEventInput => event !== null));

  if (!before && alert) await queueOwnerAlert(tx, { kind: "dispute_opened", subject: after.providerDisputeId, orderId: order.id, email: alert });
  const [updated] = await tx.select().from(orders).where(eq(orders.id, order.id));
  return { order: updated!, dispute: after, isNew: !before };
}
