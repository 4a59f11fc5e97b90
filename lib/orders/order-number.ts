// Human order numbers: the settings prefix plus a sequence (HD-1001), decided by the database as the order is written.
import { sql } from "drizzle-orm";
import { boundSql, joinSql, sqlSlot, type BoundSql, type Tx } from "@/lib/db";
import { getSettings } from "@/lib/settings";

export type OrderNumbering = { orderNumberPrefix: string; orderNumberStart: number };

/** The next sequence, its one argument the start: nextOrderSeqSql. */
const NEXT_ORDER_SEQ = ['coalesce((SELECT max("order_seq") FROM "orders") + 1, CAST(', " AS INTEGER))"] as const;
const NEXT_ORDER_SEQ_TEXT = NEXT_ORDER_SEQ.join("?");
const ORDER_NUMBER_OPEN = "? || ";

/**
 * The one definition of the next number: `orderNumberStart` for the shop's first order, otherwise
 * one past the highest sequence. Evaluated by the statement that inserts the order, under the write
 * lock (in a batch or a transaction), so two orders cannot take the same number; `order_seq` and
 * `order_number` are unique in the schema as well. The start is cast so that it is concatenated as
 * "1001", never "1001.0", however the driver binds it.
 */
export function nextOrderSeqSql(numbering: OrderNumbering): BoundSql {
  return boundSql(NEXT_ORDER_SEQ_TEXT, [numbering.orderNumberStart]);
}

export function orderNumberSql(numbering: OrderNumbering, seq: BoundSql): BoundSql {
  return joinSql([boundSql(ORDER_NUMBER_OPEN, [numbering.orderNumberPrefix]), seq]);
}

/**
 * The order number as text built before the write (an event message, the email): the prefix and a
 * slot that the write fills with the sequence it took (fillSqlSlots with `orderSeq`).
 */
export function orderNumberWithSlot(numbering: OrderNumbering): string {
  return `${numbering.orderNumberPrefix}${sqlSlot("orderSeq")}`;
}

/** The next number as the insert would take it, read inside the caller's write transaction (factories, imports). */
export async function allocateOrderNumber(tx: Tx): Promise<{ orderSeq: number; orderNumber: string }> {
  const numbering = await getSettings(tx);
  const seq = sql`${sql.raw(NEXT_ORDER_SEQ[0])}${numbering.orderNumberStart}${sql.raw(NEXT_ORDER_SEQ[1])}`;
  const [row] = await tx.select({ orderSeq: sql<number>`${seq}`, orderNumber: sql<string>`${numbering.orderNumberPrefix} || ${seq}` }).from(sql`(SELECT 1)`);
  return { orderSeq: Number(row!.orderSeq), orderNumber: String(row!.orderNumber) };
}
