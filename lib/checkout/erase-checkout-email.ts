// Erasure's part in lib/checkout: a checkout's only personal field is the email the shopper typed.
import { inArray, or, sql } from "drizzle-orm";
import type { Tx } from "@/lib/db";
import { checkouts, sqlNow } from "@/lib/db/schema";

/**
 * Forgets the email of the erased person's checkouts: those their orders came from, and any other
 * (abandoned, expired) started with their address in any letter case. The snapshot of lines and
 * the quote hold no personal data (the country is the destination's, not an address), so they stay.
 */
export async function eraseCheckoutEmails(tx: Tx, params: { checkoutIds: readonly string[]; email: string }): Promise<void> {
  const startedByThem = sql`lower(${checkouts.email}) = ${params.email.toLowerCase()}`;
  await tx
    .update(checkouts)
    .set({ email: null, updatedAt: sqlNow })
    .where(params.checkoutIds.length > 0 ? or(inArray(checkouts.id, [...params.checkoutIds]), startedByThem) : startedByThem);
}
