// The discount tables' writer at order time: one more use of the code, and the redemption behind it.
import { and, eq, sql, type SQL } from "drizzle-orm";
import type { StatementBuilder, Tx } from "@/lib/db";
import { discountCodes, discountRedemptions, sqlNow } from "@/lib/db/schema";

export type Redemption = { code: string; uses: number; usageLimit: number | null; isLimitExceeded: boolean };

type RedeemParams = { discountCodeId: number; email: string; amount: number };

/**
 * Counts one use and records the redemption (once per order). The checkout checked the limit when it
 * started, but concurrent checkouts can all pass that check: the count is re-read here, and going
 * over is reported (`isLimitExceeded`) rather than refused, since the shopper has paid that price.
 * Null when the code was deleted since the checkout.
 */
export async function redeemDiscountCode(tx: Tx, params: RedeemParams & { orderId: number }): Promise<Redemption | null> {
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

/**
 * redeemDiscountCode for writeBatch, once the code was read before the batch and one more use kept
 * it within its limit. The increment is guarded by what that reading saw — the same code text and
 * limit, and still a use to spare — else it sets NULL, which the NOT NULL constraint refuses, and
 * the whole batch rolls back for the caller to decide again inside a transaction (where going over
 * the limit is recorded). A code deleted meanwhile leaves the redemption's code id NULL: the same.
 * `uses` is the count after this use, as a subquery for the statements after these.
 */
export function redeemDiscountCodeStatements(db: StatementBuilder, params: RedeemParams & { orderId: SQL<number>; seen: { code: string; usageLimit: number | null } }) {
  const isSame = and(eq(discountCodes.code, params.seen.code), sql`${discountCodes.usageLimit} IS ${params.seen.usageLimit}`);
  const ofCode = (column: typeof discountCodes.id | typeof discountCodes.uses) =>
    sql<number>`(${db.select({ value: column }).from(discountCodes).where(eq(discountCodes.id, params.discountCodeId))})`;
  return {
    statements: [
      db
        .update(discountCodes)
        .set({
          uses: sql`CASE WHEN ${isSame} AND (${discountCodes.usageLimit} IS NULL OR ${discountCodes.uses} < ${discountCodes.usageLimit}) THEN ${discountCodes.uses} + 1 END`,
          updatedAt: sqlNow,
        })
        .where(eq(discountCodes.id, params.discountCodeId)),
      db.insert(discountRedemptions).values({ discountCodeId: ofCode(discountCodes.id), orderId: params.orderId, email: params.email, amount: params.amount }),
    ],
    uses: ofCode(discountCodes.uses),
  };
}
