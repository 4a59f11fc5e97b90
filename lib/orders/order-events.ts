// The order's audit trail: every state change writes one of these in the same transaction as the change.
import type { Tx } from "@/lib/db";
import { orderEvents } from "@/lib/db/schema";

export const ORDER_EVENT_TYPES = [
  "created",
  "payment_pending",
  "paid",
  "payment_failed",
  "payment_mismatch",
  "stock_updated",
  "stock_shortfall",
  "discount_applied",
  "discount_limit_exceeded",
  "shipping_country_mismatch",
  "email_queued",
  "email_sent",
  "email_failed",
  "status_changed",
  "tracking_added",
  "tracking_updated",
  "cancelled",
  "refunded",
  "note_added",
  "erased",
] as const;
export type OrderEventType = (typeof ORDER_EVENT_TYPES)[number];

export type OrderEventInput = {
  orderId: number;
  type: OrderEventType;
  message: string;
  data?: Record<string, unknown>;
  /** `system`, `webhook`, `cron`, `admin:<id>`, `shopper`. */
  actor?: string;
};

/** Writes events in one statement; call with the transaction that made the change they describe. */
export async function recordOrderEvents(tx: Tx, events: readonly OrderEventInput[]): Promise<void> {
  if (events.length === 0) return;
  await tx.insert(orderEvents).values(
    events.map((event) => ({
      orderId: event.orderId,
      type: event.type,
      message: event.message,
      data: event.data ?? null,
      actor: event.actor ?? "system",
    })),
  );
}

export function recordOrderEvent(tx: Tx, event: OrderEventInput): Promise<void> {
  return recordOrderEvents(tx, [event]);
}
