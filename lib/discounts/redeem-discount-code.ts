// The discount tables' writer at order time: one more use of the code, and the redemption behind it.
import { and, eq, sql, type SQL } from "drizzle-orm";
import type { StatementBuilder } from "@/lib/db";
import { discountCodes, discountRedemptions, sqlNow } from "@/lib/db/schema";

/** The code as read when the order was decided, and whether this use takes it over its limit. */
export type RedemptionDecision = { discountCodeId: number; code: string; usesBefore: number; usageLimit: number | null; isLimitExceeded: boolean };

/**
 * The checkout checked the limit when it started, but concurrent checkouts can all pass that check:
 * the count is read again when the order is decided, and going over is recorded (`isLimitExceeded`)
 * rather than refused, since the shopper has paid that price. Null when the code was deleted.
 */
export function decideRedemption(code: { id: number; code: string; uses: number; usageLimit: number | null } | undefined): RedemptionDecision | null {
  if (!code) return null;
  return { discountCodeId: code.id, code: code.code, usesBefore: code.uses, usageLimit: code.usageLimit, isLimitExceeded: code.usageLimit !== null && code.uses + 1 > code.usageLimit };
}

/**
 * What the decision rests on still holds: the code has the same text and limit, and one more use
 * still goes over the limit exactly when the decision said so (a code deleted meanwhile fails it).
 * The condition a write batch's discount guard checks under the lock.
 */
export function redemptionStillHoldsSql(db: StatementBuilder, decision: RedemptionDecision): SQL {
  const isWithinLimit = sql`(${discountCodes.usageLimit} IS NULL OR ${discountCodes.uses} + 1 <= ${discountCodes.usageLimit})`;
  const same = db
    .select({ one: sql`1` })
    .from(discountCodes)
    .where(
      and(
        eq(discountCodes.id, decision.discountCodeId),
        eq(discountCodes.code, decision.code),
        sql`${discountCodes.usageLimit} IS ${decision.usageLimit}`,
        sql`${isWithinLimit} = ${decision.isLimitExceeded ? 0 : 1}`,
      ),
    );
  return sql`EXISTS ${same}`;
}

/** A code deleted since the checkout: still gone (the order then records no redemption). */
export function codeStillGoneSql(db: StatementBuilder, discountCodeId: number): SQL {
  return sql`NOT EXISTS ${db.select({ one: sql`1` }).from(discountCodes).where(eq(discountCodes.id, discountCodeId))}`;
}

/**
 * Counts one use and records the redemption (once per order: a unique index). `uses` is the count
 * after this use, as a subquery for the statements after these (the order's events).
 */
export function redeemDiscountCodeStatements(db: StatementBuilder, params: { decision: RedemptionDecision; orderId: SQL<number>; email: string; amount: number }) {
  const { discountCodeId } = params.decision;
  return {
    statements: [
      db
        .update(discountCodes)
        .set({ uses: sql`${discountCodes.uses} + 1`, updatedAt: sqlNow })
        .where(eq(discountCodes.id, discountCodeId)),
      db.insert(discountRedemptions).values({ discountCodeId, orderId: params.orderId, email: params.email, amount: params.amount }),
    ],
    uses: sql<number>`(${db.select({ uses: discountCodes.uses }).from(discountCodes).where(eq(discountCodes.id, discountCodeId))})`,
  };
}
