// Erasure's part in lib/orders: an erased customer's orders keep the sale and lose the person, column by column.
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Tx } from "@/lib/db";
import { orderEvents, orders, sqlNow } from "@/lib/db/schema";
import { erasedPlaceholderEmail } from "@/lib/email-address";
import { newLookupToken } from "./lookup-token";
import { recordOrderEvents, type OrderEventType } from "./order-events";

/**
 * Events whose `message` can hold what a person typed or who they are: the owner's notes and
 * reasons (free text, which may name anyone or anything), and — in rows written before the
 * recipient left the email events' text — an email address. Erasure rewrites these messages from
 * their structured `data`, never by searching the text for the person's values.
 */
export const PERSONAL_TEXT_EVENT_TYPES = ["note_added", "status_changed", "cancelled", "email_queued", "email_sent", "email_failed"] as const satisfies readonly OrderEventType[];

/** Keys of an event's `data` that hold free text from outside the shop's code (the provider's error, an owner's reason or note). */
export const PERSONAL_DATA_KEYS = ["error", "reason", "note"] as const;

/**
 * The message an event of PERSONAL_TEXT_EVENT_TYPES keeps once its order is erased, as SQL over the
 * event's own columns (`prefix` is a table alias with its dot, or ""): one definition for the
 * erasure that writes it and for `npm run db:check`, which finds erased orders whose events differ.
 */
export function erasedEventMessageSql(prefix = ""): string {
  const kind = `json_extract(${prefix}data, '$.kind')`;
  const label = `CASE WHEN ${kind} IS NULL THEN 'An' ELSE upper(substr(${kind}, 1, 1)) || replace(substr(${kind}, 2), '_', ' ') END`;
  return `CASE ${prefix}type
    WHEN 'note_added' THEN 'Note removed when the customer''s personal data was erased.'
    WHEN 'status_changed' THEN 'Status changed from ' || coalesce(json_extract(${prefix}data, '$.from'), '?') || ' to ' || coalesce(json_extract(${prefix}data, '$.to'), '?') || '.'
    WHEN 'cancelled' THEN 'Order cancelled.'
    WHEN 'email_queued' THEN ${label} || ' email queued.'
    WHEN 'email_sent' THEN ${label} || ' email sent.'
    WHEN 'email_failed' THEN ${label} || ' email failed.'
    ELSE ${prefix}message END`;
}

const personalDataPaths = PERSONAL_DATA_KEYS.map((key) => `'$.${key}'`).join(", ");

/**
 * Each order keeps its number, items, amounts, tracking and payment references (the accounts and
 * any dispute with the carrier or the bank need them) and loses its email (a random placeholder
 * nobody can type), addresses and notes; a new lookup token kills the links in the emails already
 * sent. Their events lose the owner's free text, provider errors and any recipient named in
 * older email events; each order gets an `erased` event. Returns the orders' checkouts, for the
 * checkout domain to erase next.
 */
export async function eraseOrdersPersonalData(tx: Tx, params: { orderIds: readonly number[]; customerId: number; actor: string }): Promise<{ checkoutIds: string[] }> {
  const orderIds = [...params.orderIds];
  if (orderIds.length === 0) return { checkoutIds: [] };
  const rows = await tx.select({ id: orders.id, checkoutId: orders.checkoutId }).from(orders).where(inArray(orders.id, orderIds));
  for (const order of rows) {
    await tx
      .update(orders)
      .set({
        email: erasedPlaceholderEmail(),
        customerId: params.customerId,
        shippingAddress: null,
        billingAddress: null,
        notes: null,
        lookupToken: newLookupToken(),
        updatedAt: sqlNow,
      })
      .where(eq(orders.id, order.id));
  }
  await tx
    .update(orderEvents)
    .set({
      message: sql.raw(erasedEventMessageSql()),
      data: sql`CASE WHEN ${orderEvents.data} IS NULL THEN NULL ELSE json_remove(${orderEvents.data}, ${sql.raw(personalDataPaths)}) END`,
    })
    .where(and(inArray(orderEvents.orderId, orderIds), inArray(orderEvents.type, [...PERSONAL_TEXT_EVENT_TYPES])));
  await recordOrderEvents(
    tx,
    orderIds.map((orderId) => ({ orderId, type: "erased" as const, message: "Personal data erased at the customer's request.", actor: params.actor })),
  );
  return { checkoutIds: rows.map((order) => order.checkoutId).filter((id): id is string => id !== null) };
}
