// The outbox writer: an email is rendered and stored in the transaction that caused it, and delivered after commit.
import { render, toPlainText } from "@react-email/render";
import type { ReactElement } from "react";
import type { Tx } from "@/lib/db";
import { emailOutbox } from "@/lib/db/schema";
import { recordOrderEvent } from "@/lib/orders/order-events";

export const EMAIL_KINDS = ["order_confirmation", "shipping_confirmation"] as const;
export type EmailKind = (typeof EMAIL_KINDS)[number];

export type QueueEmailParams = {
  orderId: number;
  kind: EmailKind;
  to: string;
  subject: string;
  email: ReactElement;
  actor?: string;
};

/** Sent to the provider with every attempt, so a retried send is delivered once. */
export function emailIdempotencyKey(kind: EmailKind, orderId: number): string {
  return `${kind}/${orderId}`;
}

/**
 * Writes the email row in the caller's transaction: it commits with the state change it announces
 * or not at all, and nothing is sent from inside the transaction. At most one row per (order, kind):
 * queuing it again is a no-op that reports `queued: false`. Rendering is local CPU work, not I/O.
 */
export async function queueEmail(tx: Tx, params: QueueEmailParams): Promise<{ queued: boolean; id: number | null }> {
  const html = await render(params.email);
  const text = toPlainText(html);
  const [row] = await tx
    .insert(emailOutbox)
    .values({
      orderId: params.orderId,
      kind: params.kind,
      toAddress: params.to,
      subject: params.subject,
      html,
      text,
      idempotencyKey: emailIdempotencyKey(params.kind, params.orderId),
    })
    .onConflictDoNothing()
    .returning({ id: emailOutbox.id });
  if (!row) return { queued: false, id: null };
  await recordOrderEvent(tx, {
    orderId: params.orderId,
    type: "email_queued",
    message: `${params.kind.replace("_", " ")} email queued for ${params.to}.`,
    data: { kind: params.kind, outboxId: row.id },
    actor: params.actor,
  });
  return { queued: true, id: row.id };
}
