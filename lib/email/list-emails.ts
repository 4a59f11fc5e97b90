// The admin's reads of the outbox: a page of emails newest first, and one email with its rendered parts.
import { count, desc, eq } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db";
import { emailOutbox, EMAIL_STATUSES, orders, type EmailStatus } from "@/lib/db/schema";
import { AppError } from "@/lib/app-error";
import { nowIso } from "@/lib/time";

export const EMAILS_PAGE_SIZE = 25;

const summaryColumns = {
  id: emailOutbox.id,
  kind: emailOutbox.kind,
  toAddress: emailOutbox.toAddress,
  subject: emailOutbox.subject,
  status: emailOutbox.status,
  attempts: emailOutbox.attempts,
  lastError: emailOutbox.lastError,
  nextAttemptAt: emailOutbox.nextAttemptAt,
  providerMessageId: emailOutbox.providerMessageId,
  claimToken: emailOutbox.claimToken,
  sentAt: emailOutbox.sentAt,
  createdAt: emailOutbox.createdAt,
  updatedAt: emailOutbox.updatedAt,
  orderId: emailOutbox.orderId,
  orderNumber: orders.orderNumber,
};

type SummaryRow = {
  id: number;
  kind: string;
  toAddress: string;
  subject: string;
  status: EmailStatus;
  attempts: number;
  lastError: string | null;
  nextAttemptAt: string;
  providerMessageId: string | null;
  claimToken: string | null;
  sentAt: string | null;
  createdAt: string;
  updatedAt: string;
  orderId: number | null;
  orderNumber: string | null;
};

export type EmailSummary = Omit<SummaryRow, "claimToken"> & {
  /** A drain has it right now (claimed, lease not over): it is being sent. */
  isSending: boolean;
};

function toSummary(row: SummaryRow, now: string): EmailSummary {
  const { claimToken, ...rest } = row;
  return { ...rest, isSending: row.status === "pending" && claimToken !== null && row.nextAttemptAt > now };
}

export function isEmailStatus(value: unknown): value is EmailStatus {
  return typeof value === "string" && (EMAIL_STATUSES as readonly string[]).includes(value);
}

/** One page of the outbox, newest first; `status` narrows it to pending, sent or failed emails. */
export async function listEmails(db: DbOrTx, params: { page: number; status?: EmailStatus | null }) {
  const where = params.status ? eq(emailOutbox.status, params.status) : undefined;
  const [[{ total = 0 } = {}], counts] = await Promise.all([
    db.select({ total: count() }).from(emailOutbox).where(where),
    db.select({ status: emailOutbox.status, total: count() }).from(emailOutbox).groupBy(emailOutbox.status),
  ]);
  const pageCount = Math.max(1, Math.ceil(total / EMAILS_PAGE_SIZE));
  const page = Math.min(Math.max(1, Math.trunc(params.page) || 1), pageCount);
  const rows = await db
    .select(summaryColumns)
    .from(emailOutbox)
    .leftJoin(orders, eq(orders.id, emailOutbox.orderId))
    .where(where)
    .orderBy(desc(emailOutbox.createdAt), desc(emailOutbox.id))
    .limit(EMAILS_PAGE_SIZE)
    .offset((page - 1) * EMAILS_PAGE_SIZE);
  const now = nowIso();
  const byStatus = Object.fromEntries(EMAIL_STATUSES.map((status) => [status, counts.find((row) => row.status === status)?.total ?? 0])) as Record<EmailStatus, number>;
  return { emails: rows.map((row) => toSummary(row, now)), total, page, pageCount, byStatus };
}

/** One email with its HTML and text parts; a missing id is a not_found AppError. */
export async function getEmailOrThrow(db: DbOrTx, id: number) {
  const [row] = await db
    .select({ ...summaryColumns, html: emailOutbox.html, text: emailOutbox.text, idempotencyKey: emailOutbox.idempotencyKey, claimedAt: emailOutbox.claimedAt })
    .from(emailOutbox)
    .leftJoin(orders, eq(orders.id, emailOutbox.orderId))
    .where(eq(emailOutbox.id, id));
  if (!row) throw new AppError("not_found", "That email was not found.");
  const { html, text, idempotencyKey, claimedAt, ...summary } = row;
  return { ...toSummary(summary, nowIso()), html, text, idempotencyKey, claimedAt };
}
