// The order's audit trail: every state change writes one of these in the same transaction as the change.
import { NOW_SQL_TEXT, boundSql, isBoundSql, joinSql, type BoundSql, type Tx } from "@/lib/db";
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
  orderId: BoundSql;
  message: string | BoundSql;
  data?: Record<string, unknown> | BoundSql;
};

function eventRows(events: readonly OrderEventInput[]) {
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

const EVENTS_INSERT = 'INSERT INTO "order_events" ("order_id", "type", "message", "data", "actor", "created_at") VALUES ';
const EVENT_ROW = ["(", ", ?, ", ", ", `, ?, ${NOW_SQL_TEXT})`] as const;
const PARAMETER = "?";

/** A value of the row that is either SQL the batch evaluates or a plain argument. */
function valueSql(value: string | Record<string, unknown> | BoundSql | null): BoundSql {
  if (isBoundSql(value)) return value;
  return boundSql(PARAMETER, [value === null || typeof value === "string" ? value : JSON.stringify(value)]);
}

/** recordOrderEvents for writeBatch: one multi-row insert, in the order given (ids follow it). */
export function recordOrderEventsStatement(events: readonly [BatchOrderEventInput, ...BatchOrderEventInput[]]): BoundSql {
  const [open, afterOrder, afterMessage, close] = EVENT_ROW;
  const rows = events.map((event) =>
    joinSql([
      boundSql(open),
      event.orderId,
      boundSql(afterOrder, [event.type]),
      valueSql(event.message),
      boundSql(afterMessage),
      valueSql(event.data ?? null),
      boundSql(close, [event.actor ?? "system"]),
    ]),
  );
  return joinSql([boundSql(EVENTS_INSERT), joinSql(rows, ", ")]);
}

export function recordOrderEvent(tx: Tx, event: OrderEventInput): Promise<void> {
  return recordOrderEvents(tx, [event]);
}
