// The cart's current open checkout, if the shopper already started paying.
import { and, desc, eq, gt } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db";
import { checkouts } from "@/lib/db/schema";
import { nowIso } from "@/lib/time";

/** One statement. Used so a shopper's own reservation never counts against their next attempt. */
export async function findOpenCheckoutId(db: DbOrTx, cartId: string, now: string = nowIso()): Promise<string | null> {
  const [row] = await db
    .select({ id: checkouts.id })
    .from(checkouts)
    .where(and(eq(checkouts.cartId, cartId), eq(checkouts.status, "open"), gt(checkouts.expiresAt, now)))
    .orderBy(desc(checkouts.createdAt))
    .limit(1);
  return row?.id ?? null;
}
