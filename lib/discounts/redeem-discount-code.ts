// The discount tables' writer at order time: one more use of the code, and the redemption behind it.
import { eq, sql } from "drizzle-orm";
import type { Tx } from "@/lib/db";
import { discountCodes, discountRedemptions, sqlNow } from "@/lib/db/schema";

export type Redemption = { code: string; uses: number; usageLimit: number | null; isLimitExceeded: boolean };

/**
 * Counts one use and records the redemption (once per order). The checkout checked the limit when it
 * started, but concurrent checkouts can all pass that check: the count is re-read here, and going
 * over is reported (`isLimitExceeded`) rather than refused, since the shopper has paid that price.
 * Null when the code was deleted since the checkout.
 */
export async function redeemDiscountCode(
  tx: Tx,
  params: { discountCodeId: number; orderId: number; email: string; amount: number },
): Promise<Redemption | null> {
  const [code] = await tx
    .update(discountCodes)
    .set({ uses: sql`${discountCodes.uses} + 1`, updatedAt: sqlNow })
    .where(eq(discountCodes.id, params.discountCodeId))
    .returning({ id: discountCodes.id, code: discountCodes.code, uses: discountCodes.uses, usageLimit: discountCodes.usageLimit });
  if (!code) return null;
  await tx
    .insert(discountRedemptions)
    .values({ discountCodeId: code.id, orderId: params.orderId, email: params.email, amount: params.amount })
    .onConflictDoNothing();
  return { code: code.code, uses: code.uses, usageLimit: code.usageLimit, isLimitExceeded: code.usageLimit !== null && code.uses > code.usageLimit };
}
