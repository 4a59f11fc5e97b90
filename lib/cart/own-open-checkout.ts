// The shopper's own open checkout: its reservation is stock they already hold, not stock they lack.
import { and, desc, eq, gt, sql } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db";
import { checkouts } from "@/lib/db/schema";
import { nowIso } from "@/lib/time";

/**
 * A shopper who went to payment and came back to the cart still holds a reservation until it
 * expires. Counting it against them would show "Sold out" for units that are theirs, so the cart
 * leaves out the reservation of the cart's newest open, unexpired checkout.
 */
export function ownOpenCheckoutIdSql(cartId: string, now: string) {
  return sql<string | null>`(SELECT ${checkouts.id} FROM ${checkouts} WHERE ${checkouts.cartId} = ${cartId} AND ${checkouts.status} = 'open' AND ${checkouts.expiresAt} > ${now} ORDER BY ${checkouts.createdAt} DESC LIMIT 1)`;
}

export async function findOwnOpenCheckoutId(db: DbOrTx, cartId: string, now = nowIso()): Promise<string | null> {
  const [row] = await db
    .select({ id: checkouts.id })
    .from(checkouts)
    .where(and(eq(checkouts.cartId, cartId), eq(checkouts.status, "open"), gt(checkouts.expiresAt, now)))
    .orderBy(desc(checkouts.createdAt))
    .limit(1);
  return row?.id ?? null;
}
