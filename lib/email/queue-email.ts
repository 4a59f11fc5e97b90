// The outbox writer: an already rendered email is stored in the transaction that caused it, and delivered after commit.
import { isUsableEmail } from "@/lib/email-address";
import { NOW_SQL_TEXT, boundSql, joinSql, type BoundSql, type Tx } from "@/lib/db";
import { emailOutbox } from "@/lib/db/schema";
import type { BatchOrderEventInput } from "@/lib/orders/order-events";
import type { RenderedEmail } from "./render-email";

export const EMAIL_KINDS = ["order_confirmation", "shipping_confirmation", "order_cancelled", "refund_issued", "owner_alert", "daily_digest", "back_in_stock", "update_live"] as const;
export type EmailKind = (typeof EMAIL_KINDS)[number];

export type QueueEmailParams = {
  /** The order it is about; null for mail about the shop as a whole (the daily digest). */
  orderId: number | null;
  kind: EmailKind;
  to: string;
  /** Rendered before the transaction (renderEmail): no React runs while the writer lock is held. */
  email: RenderedEmail;
  actor?: string;
  /**
   * What makes this email once-only (the outbox's one unique key, also sent to the provider):
   * defaults to `kind/orderId`, one per order; a refund's email passes its refund id, an alert its subject.
   */
  idempotencyKey?: string;
};

/** Sent to the provider with every attempt, so a retried send is delivered once. */
export function emailIdempotencyKey(kind: EmailKind, orderId: number): string {
  return `${kind}/${orderId}`;
}

function idempotencyKeyOf(params: QueueEmailParams): string {
  if (params.idempotencyKey) return params.idempotencyKey;
  if (params.orderId === null) throw new Error(`A ${params.kind} email about no order needs its own idempotency key.`);
  return emailIdempotencyKey(params.kind, params.orderId);
}

const EMAIL_KIND_LABELS: Record<EmailKind, string> = {
  order_confirmation: "Order confirmation",
  shipping_confirmation: "Shipping confirmation",
  order_cancelled: "Order cancelled",
  refund_issued: "Refund issued",
  owner_alert: "Owner alert",
  daily_digest: "Daily digest",
  back_in_stock: "Back in stock",
  update_live: "Update live",
};

export function emailKindLabel(kind: string): string {
  return (EMAIL_KIND_LABELS as Record<string, string>)[kind] ?? kind.replaceAll("_", " ");
}

/**
 * Writes the email row in the caller's transaction: it commits with the state change it announces
 * or not at all, and nothing is sent from inside the transaction. At most one row per idempotency
 * key (a unique index): queuing it again is a no-op that reports `queued: false`, as is queuing to an
 * address that cannot receive mail. The row starts `pending` and due at once;
 * lib/email/outbox-status.ts moves it on from there. The order's history line is the caller's to
 * write (lib/orders/queue-order-email.ts): the outbox knows nothing of orders beyond the id.
 */
export async function queueEmail(tx: Tx, params: QueueEmailParams): Promise<{ queued: boolean; id: number | null }> {
  // An erased order's placeholder (or any address that cannot receive mail): nobody to write to.
  if (!isUsableEmail(params.to)) return { queued: false, id: null };
  const [row] = await tx
    .insert(emailOutbox)
    .values(outboxRow({ ...params, idempotencyKey: idempotencyKeyOf(params) }))
    .onConflictDoNothing()
    .returning({ id: emailOutbox.id });
  return row ? { queued: true, id: row.id } : { queued: false, id: null };
}

function outboxRow<Id, Text>(params: { orderId: Id; kind: EmailKind; to: string; email: { subject: Text; html: Text; text: Text }; idempotencyKey: Text }) {
  const { orderId, kind, to, email, idempotencyKey } = params;
  return { orderId, kind, toAddress: to, subject: email.subject, html: email.html, text: email.text, idempotencyKey };
}

/** Names no recipient: the address is the outbox row's (`data.outboxId`), so erasing it there erases it everywhere. */
export function emailQueuedMessage(params: { kind: EmailKind }): string {
  return `${emailKindLabel(params.kind)} email queued.`;
}

const NOW = NOW_SQL_TEXT;
const OUTBOX_INSERT = [
  'INSERT INTO "email_outbox" ("order_id", "kind", "to_address", "subject", "html", "text", "status", "attempts", "next_attempt_at", "idempotency_key", "created_at", "updated_at") VALUES (',
  ", ?, ?, ",
  ", ",
  ", ",
  `, 'pending', 0, ${NOW}, `,
  `, ${NOW}, ${NOW})`,
] as const;
const OUTBOX_ID = '(SELECT "id" FROM "email_outbox" WHERE "idempotency_key" = ';
const KEY_OF_ORDER = "? || ";

/**
 * queueEmail for writeBatch, for an order the same batch creates (so there is no earlier row to
 * collide with): the outbox row, and its `email_queued` event for the batch's event statement.
 * Parts of the email may be SQL (slots the batch fills, e.g. the order number).
 */
export function queueEmailStatements(
  params: Omit<QueueEmailParams, "orderId" | "email" | "idempotencyKey"> & {
    orderId: BoundSql;
    email: { subject: BoundSql; html: BoundSql; text: BoundSql };
    /** Defaults to `kind/orderId`, as queueEmail's does. */
    idempotencyKey?: BoundSql;
  },
) {
  const { orderId, email } = params;
  const idempotencyKey = params.idempotencyKey ?? joinSql([boundSql(KEY_OF_ORDER, [`${params.kind}/`]), orderId]);
  const outboxId = joinSql([boundSql(OUTBOX_ID), idempotencyKey, boundSql(")")]);
  const event: BatchOrderEventInput = {
    orderId,
    type: "email_queued",
    message: emailQueuedMessage(params),
    data: joinSql([boundSql("json_object('kind', ?, 'outboxId', ", [params.kind]), outboxId, boundSql(")")]),
    actor: params.actor,
  };
  const [open, kindAndTo, afterSubject, afterHtml, afterText, close] = OUTBOX_INSERT;
  const statement = joinSql([
    boundSql(open),
    orderId,
    boundSql(kindAndTo, [params.kind, params.to]),
    email.subject,
    boundSql(afterSubject),
    email.html,
    boundSql(afterHtml),
    email.text,
    boundSql(afterText),
    idempotencyKey,
    boundSql(close),
  ]);
  return { statements: [statement], event };
}
