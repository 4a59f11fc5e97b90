// The order's audit trail: every state change writes one of these in the same transaction as the change.
import type { SQL } from "drizzle-orm";
import type { StatementBuilder, Tx } from "@/lib/db";
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
  "refund_failed",
  "disputed",
  "dispute_updated",
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

/**
 * An event in a write batch, where some values exist only once the batch's earlier statements ran:
 * the order's id, and parts of the message or data (an order number, stock after a decrement) as SQL.
 */
export type BatchOrderEventInput = Omit<OrderEventInput, "orderId" | "message" | "data"> & {
  orderId: SQL<number>;
  message: string | SQL<string>;
  data?: Record<string, unknown> | SQL<string>;
};

function eventRows<T extends OrderEventInput | BatchOrderEventInput>(events: readonly T[]) {
  return events.map((event) => ({
    orderId: event.orderId,
    type: event.type,
    message: event.message,
    data: event.data ?? null,
    actor: event.actor ?? "system",
  }));
}

/** Writes events in one statement; call with the transaction that made the change they describe. */
export async function recordOrderEvents(tx: Tx, events: readonly OrderEventInput[]): Promise<void> {
  if (events.length === 0) return;
  await tx.insert(orderEvents).values(eventRows(events));
}

/** recordOrderEvents for writeBatch: one multi-row insert, in the order given (ids follow it). */
export function recordOrderEventsStatement(db: StatementBuilder, events: readonly [BatchOrderEventInput, ...BatchOrderEventInput[]]) {
  return db.insert(orderEvents).values(eventRows(events) as (typeof orderEvents.$inferInsert)[]);
}

export function recordOrderEvent(tx: Tx, event: OrderEventInput): Promise<void> {
  return recordOrderEvents(tx, [event]);
}
