// Human order numbers: the settings prefix plus a sequence (HD-1001), allocated inside the write transaction.
import { sql } from "drizzle-orm";
import type { Tx } from "@/lib/db";
import { orders } from "@/lib/db/schema";
import { getSettings } from "@/lib/settings";

export type OrderNumber = { orderSeq: number; orderNumber: string };

export function formatOrderNumber(prefix: string, orderSeq: number): string {
  return `${prefix}${orderSeq}`;
}

/**
 * The next number: `orderNumberStart` for the shop's first order, otherwise one past the highest
 * sequence. Read inside the caller's write transaction, where writers are serialised, so two orders
 * cannot take the same number; `order_seq` and `order_number` are unique in the schema as well.
 */
export async function allocateOrderNumber(tx: Tx): Promise<OrderNumber> {
  const settings = await getSettings(tx);
  const [row] = await tx.select({ maxSeq: sql<number | null>`max(${orders.orderSeq})` }).from(orders);
  const maxSeq = row?.maxSeq ?? null;
  const orderSeq = maxSeq === null ? settings.orderNumberStart : Number(maxSeq) + 1;
  return { orderSeq, orderNumber: formatOrderNumber(settings.orderNumberPrefix, orderSeq) };
}
