// The discount tables' writer at order time: one more use of the code, and the redemption behind it.
import { NOW_SQL_TEXT, boundSql, joinSql, type BoundSql } from "@/lib/db";

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

const NOW = NOW_SQL_TEXT;
const SAME_DECISION =
  'EXISTS (SELECT 1 FROM "discount_codes" WHERE "id" = ? AND "code" = ? AND "usage_limit" IS ? AND ("usage_limit" IS NULL OR "uses" + 1 <= "usage_limit") = ?)';
const STILL_GONE = 'NOT EXISTS (SELECT 1 FROM "discount_codes" WHERE "id" = ?)';
const COUNT_USE = `UPDATE "discount_codes" SET "uses" = "uses" + 1, "updated_at" = ${NOW} WHERE "id" = ?`;
const REDEMPTION_INSERT = ['INSERT INTO "discount_redemptions" ("discount_code_id", "order_id", "email", "amount", "created_at") VALUES (?, ', `, ?, ?, ${NOW})`] as const;
const USES_NOW = '(SELECT "uses" FROM "discount_codes" WHERE "id" = ?)';

/**
 * What the decision rests on still holds: the code has the same text and limit, and one more use
 * still goes over the limit exactly when the decision said so (a code deleted meanwhile fails it).
 * The condition a write batch's discount guard checks under the lock.
 */
export function redemptionStillHoldsSql(decision: RedemptionDecision): BoundSql {
  return boundSql(SAME_DECISION, [decision.discountCodeId, decision.code, decision.usageLimit, decision.isLimitExceeded ? 0 : 1]);
}

/** A code deleted since the checkout: still gone (the order then records no redemption). */
export function codeStillGoneSql(discountCodeId: number): BoundSql {
  return boundSql(STILL_GONE, [discountCodeId]);
}

/**
 * Counts one use and records the redemption (once per order: a unique index). `uses` is the count
 * after this use, as a subquery for the statements after these (the order's events).
 */
export function redeemDiscountCodeStatements(params: { decision: RedemptionDecision; orderId: BoundSql; email: string; amount: number }) {
  const { discountCodeId } = params.decision;
  return {
    statements: [
      boundSql(COUNT_USE, [discountCodeId]),
      joinSql([boundSql(REDEMPTION_INSERT[0], [discountCodeId]), params.orderId, boundSql(REDEMPTION_INSERT[1], [params.email, params.amount])]),
    ],
    uses: boundSql(USES_NOW, [discountCodeId]),
  };
}
