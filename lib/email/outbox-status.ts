// The only writer of email_outbox.status after a row is queued: claims, send outcomes and the owner's "Retry now".
// Each returns the order-history lines its change calls for; lib/email-delivery writes them in the same transaction.
import { randomUUID } from "node:crypto";
import { and, asc, eq, gte, inArray, lt, lte, or, sql } from "drizzle-orm";
import type { DbOrTx, Tx } from "@/lib/db";
import { emailOutbox, sqlNow } from "@/lib/db/schema";
import { recordAudit } from "@/lib/audit/record-audit";
import { erasedPlaceholderEmail } from "@/lib/email-address";
import { AppError } from "@/lib/app-error";
import type { OrderEventInput } from "@/lib/orders/order-events";
import { isoAfter } from "@/lib/time";
import type { SendResult } from "./email-transport";
import { emailKindLabel } from "./queue-email";
import { MAX_EMAIL_ATTEMPTS, retryDelayMs } from "./retry-schedule";

/**
 * How long a claim keeps other drains away. A drain killed mid-send (a deploy, a crash, a function
 * timeout) never reports back; its rows become due again when this runs out. Much longer than a
 * batch of sends can take (each send times out after 15 s), so a live drain never loses its rows.
 */
export const CLAIM_LEASE_MS = 5 * 60 * 1000;

export type ClaimedEmail = {
  id: number;
  orderId: number | null;
  kind: string;
  toAddress: string;
  subject: string;
  html: string;
  text: string;
  idempotencyKey: string;
  /** Including the attempt this claim is for. */
  attempts: number;
  claimToken: string;
};

const due = (now: string) => and(eq(emailOutbox.status, "pending"), lte(emailOutbox.nextAttemptAt, now));

/** An email given up (`failed`): what the owner's alert about it says (lib/alerts/email-failed-alert.ts). */
export type FailedEmail = { id: number; kind: string; orderId: number | null; attempts: number };

/**
 * Due rows that already used every attempt: they can only be here because the claim for their last
 * attempt was never finished. Read before the write lock, so that what is said about them (the
 * owner's alert) can be rendered before it; failExhaustedEmails gives up exactly these.
 */
export async function findExhaustedEmails(reader: DbOrTx, now: string): Promise<FailedEmail[]> {
  return reader
    .select({ id: emailOutbox.id, kind: emailOutbox.kind, orderId: emailOutbox.orderId, attempts: emailOutbox.attempts })
    .from(emailOutbox)
    .where(and(due(now), gte(emailOutbox.attempts, MAX_EMAIL_ATTEMPTS)))
    .orderBy(asc(emailOutbox.id));
}

/**
 * Gives up the exhausted rows `ids` (found by findExhaustedEmails) that are still exhausted and due;
 * one another drain gave up meanwhile is not reported twice. An exhausted row this drain did not
 * read is never claimed (claimDueEmails skips it) and waits for the next drain.
 */
export async function failExhaustedEmails(tx: Tx, params: { ids: readonly number[]; now: string }): Promise<{ failed: FailedEmail[]; events: EmailOrderEvent[] }> {
  if (params.ids.length === 0) return { failed: [], events: [] };
  const { now } = params;
  const exhausted = await tx
    .update(emailOutbox)
    .set({
      status: "failed",
      lastError: sql`coalesce(${emailOutbox.lastError} || ' – ', '') || 'the last attempt never reported back'`,
      claimToken: null,
      claimedAt: null,
      updatedAt: now,
    })
    .where(and(inArray(emailOutbox.id, [...params.ids]), due(now), gte(emailOutbox.attempts, MAX_EMAIL_ATTEMPTS)))
    .returning({ id: emailOutbox.id, orderId: emailOutbox.orderId, kind: emailOutbox.kind, attempts: emailOutbox.attempts });
  const events = exhausted.map((row) => ({
    orderId: row.orderId,
    type: "email_failed" as const,
    message: `${emailKindLabel(row.kind)} email failed after ${row.attempts} attempts.`,
    data: { kind: row.kind, outboxId: row.id, attempts: row.attempts },
    actor: "system",
  }));
  return { failed: exhausted, events: forOrders(events) };
}

/**
 * Claims up to `limit` due rows (pending, `next_attempt_at` ≤ now, attempts left) for one drain. One
 * conditional UPDATE inside the caller's write transaction: writers are serialised, so two drains
 * can never claim the same row, and a claimed row is not due again until its lease (the new
 * `next_attempt_at`) runs out. The claim counts as an attempt, so a send that crashes the
 * process every time still reaches the attempt limit.
 */
export async function claimDueEmails(tx: Tx, params: { limit: number; now: string }): Promise<{ claimed: ClaimedEmail[] }> {
  const claimToken = randomUUID();
  const claimable = and(due(params.now), lt(emailOutbox.attempts, MAX_EMAIL_ATTEMPTS));
  const dueIds = tx
    .select({ id: emailOutbox.id })
    .from(emailOutbox)
    .where(claimable)
    .orderBy(asc(emailOutbox.nextAttemptAt), asc(emailOutbox.id))
    .limit(params.limit);
  const claimed = await tx
    .update(emailOutbox)
    .set({
      claimToken,
      claimedAt: params.now,
      nextAttemptAt: isoAfter(CLAIM_LEASE_MS, new Date(params.now)),
      attempts: sql`${emailOutbox.attempts} + 1`,
      updatedAt: params.now,
    })
    .where(and(inArray(emailOutbox.id, dueIds), claimable))
    .returning({
      id: emailOutbox.id,
      orderId: emailOutbox.orderId,
      kind: emailOutbox.kind,
      toAddress: emailOutbox.toAddress,
      subject: emailOutbox.subject,
      html: emailOutbox.html,
      text: emailOutbox.text,
      idempotencyKey: emailOutbox.idempotencyKey,
      attempts: emailOutbox.attempts,
    });
  return { claimed: claimed.map((row) => ({ ...row, claimToken })).sort((a, b) => a.id - b.id) };
}

/** Whether this outcome gives the email up: a success does not, nor a retryable failure with attempts left. */
export function isFinalFailure(outcome: SendOutcome): boolean {
  return !outcome.result.ok && !(outcome.result.retryable && outcome.email.attempts < MAX_EMAIL_ATTEMPTS);
}

export type SendOutcome = { email: ClaimedEmail; result: SendResult };

/** A history line for the order an email belongs to (emails without an order have none). */
export type EmailOrderEvent = OrderEventInput;

type OrderlessEvent = Omit<OrderEventInput, "orderId"> & { orderId: number | null };

function forOrders(events: readonly OrderlessEvent[]): EmailOrderEvent[] {
  return events.flatMap((event) => (event.orderId === null ? [] : [{ ...event, orderId: event.orderId }]));
}
export type OutcomeTotals = { sent: number; retried: number; failed: number };

/**
 * Records what the sends of one claim came to, each row only while the claim is still this drain's
 * (a drain that outlived its lease finds the row taken over and leaves it to the new owner):
 * sent → `sent`; a retryable failure → still `pending`, due again after the backoff, or `failed`
 * once the attempts are used up; any other failure → `failed` at once. The order's history gets
 * `email_sent` / `email_failed` in the same transaction.
 */
export async function recordSendOutcomes(
  tx: Tx,
  outcomes: readonly SendOutcome[],
  now: string,
): Promise<OutcomeTotals & { events: EmailOrderEvent[]; failedEmails: FailedEmail[] }> {
  const totals: OutcomeTotals = { sent: 0, retried: 0, failed: 0 };
  const events: OrderEventInput[] = [];
  const failedEmails: FailedEmail[] = [];
  for (const outcome of outcomes) {
    const { email, result } = outcome;
    const isRetry = !result.ok && !isFinalFailure(outcome);
    const changes = result.ok
      ? { status: "sent" as const, sentAt: now, providerMessageId: result.providerMessageId }
      : isRetry
        ? { lastError: result.error, nextAttemptAt: isoAfter(retryDelayMs(email.attempts), new Date(now)) }
        : { status: "failed" as const, lastError: result.error };
    const [row] = await tx
      .update(emailOutbox)
      .set({ ...changes, claimToken: null, claimedAt: null, updatedAt: now })
      .where(and(eq(emailOutbox.id, email.id), eq(emailOutbox.claimToken, email.claimToken), eq(emailOutbox.status, "pending")))
      .returning({ id: emailOutbox.id, nextAttemptAt: emailOutbox.nextAttemptAt });
    if (!row) continue;
    const label = emailKindLabel(email.kind);
    const data = { kind: email.kind, outboxId: email.id, attempts: email.attempts };
    if (result.ok) {
      totals.sent += 1;
      if (email.orderId !== null) {
        events.push({ orderId: email.orderId, type: "email_sent", message: `${label} email sent.`, data: { ...data, providerMessageId: result.providerMessageId }, actor: "system" });
      }
    } else if (isRetry) {
      totals.retried += 1;
    } else {
      totals.failed += 1;
      failedEmails.push({ id: email.id, kind: email.kind, orderId: email.orderId, attempts: email.attempts });
      if (email.orderId !== null) {
        const why = result.retryable ? `after ${email.attempts} attempts` : "and will not be retried";
        // The provider's words may quote the address: they stay in `data.error`, which erasure removes.
        events.push({ orderId: email.orderId, type: "email_failed", message: `${label} email failed ${why}.`, data: { ...data, error: result.error }, actor: "system" });
      }
    }
  }
  return { ...totals, events, failedEmails };
}

/**
 * "Retry now" on a failed email: due at once with a fresh set of attempts. Only a failed row can be
 * retried (a pending one is already on its way, a sent one must not go twice). An email without an
 * order leaves its trace in the audit log; one with an order, in the order's history (the line returned).
 */
export async function requeueFailedEmail(tx: Tx, params: { id: number; actor: string }): Promise<{ id: number; events: EmailOrderEvent[] }> {
  const [row] = await tx
    .update(emailOutbox)
    .set({ status: "pending", attempts: 0, nextAttemptAt: sqlNow, claimToken: null, claimedAt: null, updatedAt: sqlNow })
    .where(and(eq(emailOutbox.id, params.id), eq(emailOutbox.status, "failed")))
    .returning({ id: emailOutbox.id, orderId: emailOutbox.orderId, kind: emailOutbox.kind });
  if (!row) {
    const [existing] = await tx.select({ status: emailOutbox.status }).from(emailOutbox).where(eq(emailOutbox.id, params.id));
    if (!existing) throw new AppError("not_found", "That email does not exist.");
    throw new AppError("conflict", `Only a failed email can be retried; this one is ${existing.status}.`, { status: existing.status });
  }
  if (row.orderId === null) await recordAudit(tx, { actor: params.actor, action: "email.retried", entityType: "email", entityId: row.id });
  const events = forOrders([
    { orderId: row.orderId, type: "email_queued", message: `${emailKindLabel(row.kind)} email queued again.`, data: { kind: row.kind, outboxId: row.id, retry: true }, actor: params.actor },
  ]);
  return { id: row.id, events };
}

/** What an erased email's subject and bodies become. */
export const ERASED_EMAIL_TEXT = "[erased]";
/** Why an email still waiting when its recipient was erased was never sent. */
export const ERASED_BEFORE_SENDING = "Not sent: the recipient's personal data was erased.";

/**
 * Erasure's part in the outbox: every email of the erased person's orders, or addressed to them in
 * any letter case, loses its recipient (a random placeholder), subject, bodies and provider error.
 * One still waiting is given up (`failed`, claim dropped): its text is gone and its address leads
 * nowhere, and a drain sending it right now finds the claim gone and records nothing. Returns how
 * many emails it erased.
 */
export async function eraseOutboxRecipient(tx: Tx, params: { orderIds: readonly number[]; email: string }): Promise<number> {
  const isPending = sql`${emailOutbox.status} = 'pending'`;
  const addressedToThem = sql`lower(${emailOutbox.toAddress}) = ${params.email.toLowerCase()}`;
  const erased = await tx
    .update(emailOutbox)
    .set({
      toAddress: erasedPlaceholderEmail(),
      subject: ERASED_EMAIL_TEXT,
      html: ERASED_EMAIL_TEXT,
      text: ERASED_EMAIL_TEXT,
      status: sql`CASE WHEN ${isPending} THEN 'failed' ELSE ${emailOutbox.status} END`,
      lastError: sql`CASE WHEN ${isPending} THEN ${ERASED_BEFORE_SENDING} ELSE NULL END`,
      claimToken: null,
      claimedAt: null,
      updatedAt: sqlNow,
    })
    .where(params.orderIds.length > 0 ? or(inArray(emailOutbox.orderId, [...params.orderIds]), addressedToThem) : addressedToThem)
    .returning({ id: emailOutbox.id });
  return erased.length;
}
