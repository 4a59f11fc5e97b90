// The usage-limit rule for discount codes: paid uses, plus open checkouts holding the code, counted up to a bound.
import { sql, type SQL } from "drizzle-orm";

/** However many uses are left, holds up to this many always count (the last uses are real contention). */
const HOLDS_ALWAYS_COUNTED = 2;

/**
 * A code with a usage limit is refused when its paid uses reach the limit, or when the checkouts
 * holding it (open, unexpired) take what is left. Holds count only up to half of the uses left
 * (rounded up, and at least two): so checkouts opened by a script can never use up more than half
 * of a code's remaining uses, and a code with three or more uses left always stays available to
 * the next shopper. When one or two uses are left, holds count in full, as before: that is real
 * contention, and whoever pays first gets it. The price of the bound is that more shoppers may pay
 * with a code than it has uses left; the payment webhook re-checks the limit and flags the order
 * that went over (`discount_limit_exceeded`), and the per-client checkout budget
 * (lib/checkout/checkout-limits.ts) limits how many holds one client can open.
 */
export function isUsageLimitReached(params: { usageLimit: number | null; uses: number; held: number }): boolean {
  if (params.usageLimit === null) return false;
  const left = params.usageLimit - params.uses;
  if (left <= 0) return true;
  const countedHolds = Math.min(params.held, Math.max(HOLDS_ALWAYS_COUNTED, Math.ceil(left / 2)));
  return countedHolds >= left;
}

/** isUsageLimitReached in SQL, for a guard the database evaluates inside a write batch. */
export function usageLimitReachedSql(params: { usageLimit: SQL | unknown; uses: SQL | unknown; held: SQL }): SQL<boolean> {
  const left = sql`(${params.usageLimit} - ${params.uses})`;
  return sql<boolean>`(${params.usageLimit} IS NOT NULL AND (${left} <= 0 OR min(${params.held}, max(${HOLDS_ALWAYS_COUNTED}, (${left} + 1) / 2)) >= ${left}))`;
}
