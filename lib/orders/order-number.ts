// Human order numbers: the settings prefix plus a sequence (HD-1001), decided by the database as the order is written.
import { sql, type SQL } from "drizzle-orm";
import type { StatementBuilder, Tx } from "@/lib/db";
import { sqlSlot } from "@/lib/db";
import { orders } from "@/lib/db/schema";
import { getSettings } from "@/lib/settings";

export type OrderNumbering = { orderNumberPrefix: string; orderNumberStart: number };

/**
 * The one definition of the next number: `orderNumberStart` for the shop's first order, otherwise
 * one past the highest sequence. Evaluated by the statement that inserts the order, under the write
 * lock (in a batch or a transaction), so two orders cannot take the same number; `order_seq` and
 * `order_number` are unique in the schema as well. The start is cast so that it is concatenated as
 * "1001", never "1001.0", however the driver binds it.
 */
export function nextOrderSeqSql(db: StatementBuilder | Tx, numbering: OrderNumbering): SQL<number> {
  const highest = db.select({ seq: sql`max(${orders.orderSeq})` }).from(orders);
  return sql<number>`coalesce((${highest}) + 1, CAST(${numbering.orderNumberStart} AS INTEGER))`;
}

export function orderNumberSql(numbering: OrderNumbering, seq: SQL<number>): SQL<string> {
  return sql<string>`${numbering.orderNumberPrefix} || ${seq}`;
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
  const seq = nextOrderSeqSql(tx, numbering);
  const [row] = await tx.select({ orderSeq: seq, orderNumber: orderNumberSql(numbering, seq) }).from(sql`(SELECT 1)`);
  return { orderSeq: Number(row!.orderSeq), orderNumber: String(row!.orderNumber) };
}
