// An order's email: the outbox row and the `email_queued` line of the order's history, in the caller's transaction.
import type { Tx } from "@/lib/db";
import { emailQueuedMessage, queueEmail, type QueueEmailParams } from "@/lib/email/queue-email";
import { recordOrderEvent } from "./order-events";

/**
 * queueEmail plus the history line, so the two commit together. A second call for the same
 * idempotency key (by default one per order and kind) queues nothing and writes no line (`queued: false`).
 */
export async function queueOrderEmail(tx: Tx, params: QueueEmailParams & { orderId: number }): Promise<{ queued: boolean; id: number | null }> {
  const result = await queueEmail(tx, params);
  if (result.id !== null) {
    await recordOrderEvent(tx, {
      orderId: params.orderId,
      type: "email_queued",
      message: emailQueuedMessage(params),
      data: { kind: params.kind, outboxId: result.id },
      actor: params.actor,
    });
  }
  return result;
}
