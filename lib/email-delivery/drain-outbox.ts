// Sends what the outbox holds: claim due rows in one short transaction, send outside it, record the outcomes in another.
import { and, eq, lte } from "drizzle-orm";
import { db, writeTransaction } from "@/lib/db";
import { emailOutbox } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { nowIso } from "@/lib/time";
import { getEmailTransport } from "@/lib/email/get-email-transport";
import { listUnsubscribeHeaders } from "@/lib/email/waitlist-unsubscribe-token";
import { prepareFailedEmailAlerts, queueFailedEmailAlerts } from "@/lib/alerts/email-failed-alert";
import { CLAIM_LEASE_MS, claimDueEmails, failExhaustedEmails, findExhaustedEmails, isFinalFailure, recordSendOutcomes, type SendOutcome } from "@/lib/email/outbox-status";
import { recordOrderEvents } from "@/lib/orders/order-events";

export type DrainResult = { sent: number; retried: number; failed: number };

/**
 * Rows per drain, sent one after another (Resend's default rate limit is a few requests a second);
 * ten sends at their 15 s timeout still finish well inside the claim's lease.
 */
const DEFAULT_LIMIT = 10;

let hasReportedClosed = false;

async function hasDueEmail(now: string): Promise<boolean> {
  const reader = await db();
  const [row] = await reader
    .select({ id: emailOutbox.id })
    .from(emailOutbox)
    .where(and(eq(emailOutbox.status, "pending"), lte(emailOutbox.nextAttemptAt, now)))
    .limit(1);
  return row !== undefined;
}

/**
 * One pass over the due rows. Runs after every response that queued mail and from the cron
 * endpoint, often several at once: the claim is what keeps them from sending a row twice. Nothing
 * is sent inside a transaction. If the process dies between a send and its record, the claim's
 * lease runs out and the row is sent again with the same idempotency key, which Resend delivers once.
 * A quick read first keeps drains that find nothing due from queuing for the writer.
 *
 * An email given up gets the owner's alert in the same transaction. Which rows that will be is
 * known before the lock (the send results, the exhausted rows read beforehand), so the alerts are
 * rendered then; the alerts queued are sent by one more pass, and alerts are never alerted, so it ends.
 */
export async function drainOutbox(options: { limit?: number } = {}): Promise<DrainResult> {
  const { result, alertsQueued } = await drainOnce(options);
  if (alertsQueued === 0) return result;
  const alerts = await drainOnce(options);
  return { sent: result.sent + alerts.result.sent, retried: result.retried + alerts.result.retried, failed: result.failed + alerts.result.failed };
}

async function drainOnce(options: { limit?: number }): Promise<{ result: DrainResult; alertsQueued: number }> {
  const result: DrainResult = { sent: 0, retried: 0, failed: 0 };
  const transport = getEmailTransport();
  if (!transport) {
    // Once per process: a drain runs after every order, and the boot line already names the gap.
    if (!hasReportedClosed) console.error("[email] not sending: EMAIL_TRANSPORT is resend but RESEND_API_KEY is not set.");
    hasReportedClosed = true;
    return { result, alertsQueued: 0 };
  }
  if (!(await hasDueEmail(nowIso()))) return { result, alertsQueued: 0 };
  const reader = await db();
  const exhausted = await findExhaustedEmails(reader, nowIso());
  const exhaustedAlerts = await prepareFailedEmailAlerts(reader, exhausted);
  const { claimed, failed, alertsQueued } = await writeTransaction(async (tx) => {
    const given = await failExhaustedEmails(tx, { ids: exhausted.map((email) => email.id), now: nowIso() });
    await recordOrderEvents(tx, given.events);
    const queued = await queueFailedEmailAlerts(tx, exhaustedAlerts, given.failed);
    const claim = await claimDueEmails(tx, { limit: options.limit ?? DEFAULT_LIMIT, now: nowIso() });
    return { claimed: claim.claimed, failed: given.failed.length, alertsQueued: queued };
  });
  result.failed += failed;
  if (claimed.length === 0) return { result, alertsQueued };

  const from = env().EMAIL_FROM;
  const outcomes: SendOutcome[] = [];
  const startedAt = Date.now();
  for (const email of claimed) {
    // A larger limit must not outlast the lease: rows left unsent stay claimed and come due when it ends.
    if (Date.now() - startedAt > CLAIM_LEASE_MS / 2) break;
    const sendResult = await transport.send({
      from,
      to: email.toAddress,
      subject: email.subject,
      html: email.html,
      text: email.text,
      idempotencyKey: email.idempotencyKey,
      headers: listUnsubscribeHeaders(email.idempotencyKey),
    });
    outcomes.push({ email, result: sendResult });
  }
  const failingAlerts = await prepareFailedEmailAlerts(
    reader,
    outcomes.filter(isFinalFailure).map(({ email }) => ({ id: email.id, kind: email.kind, orderId: email.orderId, attempts: email.attempts })),
  );
  const totals = await writeTransaction(async (tx) => {
    const recorded = await recordSendOutcomes(tx, outcomes, nowIso());
    await recordOrderEvents(tx, recorded.events);
    return { ...recorded, alertsQueued: await queueFailedEmailAlerts(tx, failingAlerts, recorded.failedEmails) };
  });
  return {
    result: { sent: totals.sent, retried: totals.retried, failed: result.failed + totals.failed },
    alertsQueued: alertsQueued + totals.alertsQueued,
  };
}
