// Refunds reported by the payment provider or made by the owner: the refund's row, the order's refunded total, the shopper's email and the owner's alert.
import { eq } from "drizzle-orm";
import type { Tx } from "@/lib/db";
import { orders, refunds, sqlNow, type RefundLine, type RefundReason, type RefundStatus } from "@/lib/db/schema";
import { queueOwnerAlert } from "@/lib/alerts/queue-owner-alert";
import type { RenderedEmail } from "@/lib/email/render-email";
import { findOrderForPaymentIntent, type OrderRow } from "./order-row";
import { queueOrderEmail } from "./queue-order-email";
import { applyRefundedTotal } from "./refunded-total";

export type RefundRow = typeof refunds.$inferSelect;

/** A charge's cumulative refunded amount, as `charge.refunded` reports it. */
export type ChargeRefundFacts = {
  paymentIntentId: string;
  chargeId: string;
  /** Cumulative amount refunded on the charge so far (Stripe's `amount_refunded`), minor units. */
  amountRefunded: number;
};

/**
 * Stripe reports the charge's cumulative refunded amount, so keeping the largest ever reported is
 * idempotent and immune to events arriving out of order; the refunded total is then recomputed,
 * which nets out refunds known to have failed. This covers refunds made in Stripe's dashboard when
 * no refund event reaches the shop.
 */
export async function recordChargeRefunded(tx: Tx, facts: ChargeRefundFacts, actor = "webhook"): Promise<OrderRow | null> {
  const order = await findOrderForPaymentIntent(tx, facts.paymentIntentId);
  if (!order) return null;
  if (facts.amountRefunded > order.chargeRefundedAmount) {
    await tx.update(orders).set({ chargeRefundedAmount: facts.amountRefunded, updatedAt: sqlNow }).where(eq(orders.id, order.id));
  }
  return applyRefundedTotal(tx, order.id, { actor, data: { chargeId: facts.chargeId } });
}

/** One refund at the provider (re_…), as an event or the provider's answer reports it. */
export type RefundFacts = {
  providerRefundId: string;
  amount: number;
  currency: string;
  status: RefundStatus;
  reason: RefundReason | null;
  failureReason: string | null;
  /** The owner's own fields: only the admin path knows them, and a webhook never blanks them. */
  note?: string | null;
  lines?: RefundLine[];
  actor: string;
};

/** Rendered before the writer lock; queued only when the refund's row says they are due. */
export type RefundMessages = { issuedEmail: RenderedEmail | null; failedAlert: RenderedEmail | null };

export type RecordedRefund = {
  order: OrderRow;
  refund: RefundRow;
  /** The lines this call attached to the refund (the owner's), so the caller restocks each line once. */
  linesAdded: RefundLine[];
  isNewlySucceeded: boolean;
  isNewlyFailed: boolean;
};

const isFinal = (status: RefundStatus) => status === "failed" || status === "canceled";
const PROGRESS: Record<RefundStatus, number> = { pending: 0, requires_action: 1, succeeded: 2, failed: 3, canceled: 3 };

/**
 * Which status a refund keeps when deliveries arrive in any order: failed and canceled are final,
 * succeeded beats pending and requires_action, and nothing moves back to pending.
 */
export function nextRefundStatus(current: RefundStatus, incoming: RefundStatus): RefundStatus {
  if (isFinal(current)) return current;
  return PROGRESS[incoming] > PROGRESS[current] ? incoming : current;
}

/**
 * Upserts the refund's row by provider id and recomputes the order's refunded total. A refund that
 * first reaches `succeeded` queues the shopper's email (keyed by the refund id: two partial refunds
 * are two emails, a repeated event none); one that first fails or is canceled writes `refund_failed`
 * and alerts the owner. Call under the writer lock with the order of the refund's payment.
 */
export async function recordRefund(tx: Tx, order: OrderRow, facts: RefundFacts, messages: RefundMessages): Promise<RecordedRefund> {
  const [existing] = await tx.select().from(refunds).where(eq(refunds.providerRefundId, facts.providerRefundId));
  const incomingLines = facts.lines ?? [];
  let refund: RefundRow;
  let linesAdded: RefundLine[] = [];
  if (!existing) {
    [refund] = (await tx
      .insert(refunds)
      .values({
        orderId: order.id,
        providerRefundId: facts.providerRefundId,
        amount: facts.amount,
        currency: facts.currency.toUpperCase(),
        status: facts.status,
        reason: facts.reason,
        note: facts.note ?? null,
        lines: incomingLines,
        failureReason: facts.failureReason,
        actor: facts.actor,
      })
      .returning()) as [RefundRow];
    linesAdded = incomingLines;
  } else {
    const status = nextRefundStatus(existing.status, facts.status);
    // The owner's fields fill in when a webhook recorded the refund before the owner's request did.
    const isOwnersFirst = existing.lines.length === 0 && incomingLines.length > 0;
    linesAdded = isOwnersFirst ? incomingLines : [];
    [refund] = (await tx
      .update(refunds)
      .set({
        status,
        failureReason: status === facts.status ? (facts.failureReason ?? existing.failureReason) : existing.failureReason,
        reason: existing.reason ?? facts.reason,
        note: existing.note ?? facts.note ?? null,
        lines: isOwnersFirst ? incomingLines : existing.lines,
        actor: facts.actor.startsWith("admin:") ? facts.actor : existing.actor,
        updatedAt: sqlNow,
      })
      .where(eq(refunds.id, existing.id))
      .returning()) as [RefundRow];
  }

  const before = existing?.status ?? null;
  const isNewlySucceeded = refund.status === "succeeded" && before !== "succeeded";
  const isNewlyFailed = isFinal(refund.status) && (before === null || !isFinal(before));
  const failed = isNewlyFailed
    ? { providerRefundId: refund.providerRefundId, amount: refund.amount, status: refund.status as "failed" | "canceled", failureReason: refund.failureReason }
    : undefined;
  const updated = await applyRefundedTotal(tx, order.id, { actor: facts.actor, failed, data: { refundId: refund.providerRefundId, refundStatus: refund.status } });

  if (isNewlySucceeded && messages.issuedEmail) {
    await queueOrderEmail(tx, {
      orderId: order.id,
      kind: "refund_issued",
      to: order.email,
      email: messages.issuedEmail,
      actor: facts.actor,
      idempotencyKey: refundIssuedKey(refund.providerRefundId),
    });
  }
  if (isNewlyFailed && messages.failedAlert) {
    await queueOwnerAlert(tx, { kind: "refund_failed", subject: refund.providerRefundId, orderId: order.id, email: messages.failedAlert });
  }
  return { order: updated, refund, linesAdded, isNewlySucceeded, isNewlyFailed };
}

export function refundIssuedKey(providerRefundId: string): string {
  return `refund_issued/${providerRefundId}`;
}
