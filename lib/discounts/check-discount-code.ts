// Decides whether a shopper's discount code applies to a subtotal, and what it is worth.
import { and, eq, gt, isNull, lte, not, or, sql, type SQL } from "drizzle-orm";
import { heldDiscountUsesSql } from "@/lib/live-checkouts";
import type { DbOrTx } from "@/lib/db";
import { discountCodes, type DiscountKind } from "@/lib/db/schema";
import { AppError } from "@/lib/app-error";
import { formatMoney } from "@/lib/money";
import { nowIso } from "@/lib/time";
import { discountAmount } from "./discount-amount";
import { isUsageLimitReached, usageLimitReachedSql } from "./discount-usage";

export type AppliedDiscount = { discountCodeId: number; code: string; kind: DiscountKind; value: number; amount: number };

/**
 * Why a code was refused, as a shopper may learn it. Every code that cannot be used right now —
 * unknown, switched off, not started yet, expired, used up — is the same `not_valid`, with the same
 * message: telling them apart would let anyone probe for tomorrow's sale code or a paused one. The
 * minimum spend stays specific, because it is checked only for a code that is usable now, so naming
 * it tells a prober nothing that applying the code to a bigger cart would not.
 */
export type DiscountRefusal = "not_valid" | "below_minimum";

/** Codes are stored upper-case; shoppers type them however they like. */
export function normaliseDiscountCode(code: string): string {
  return code.trim().toUpperCase();
}

export const DISCOUNT_NOT_VALID_MESSAGE = "That discount code isn't valid. Please check it, or continue without one.";

function refuse(reason: DiscountRefusal, message: string, extra: Record<string, unknown> = {}): never {
  throw new AppError("discount_not_applicable", message, { reason, ...extra });
}

/** A refusal that says the code is not usable now: the only kind that counts as a guess (discount-guess-budget.ts). */
export function isCodeNotValid(error: unknown): boolean {
  return (
    error instanceof AppError &&
    error.code === "discount_not_applicable" &&
    (error.details as { reason?: unknown } | undefined)?.reason === ("not_valid" satisfies DiscountRefusal)
  );
}

/**
 * One statement: the code and how many open, unexpired checkouts hold it. A code's usage limit
 * counts both its recorded uses and those holds, so two shoppers cannot both take the last use
 * while paying (the webhook re-checks the limit when the order is created, in case a hold expired
 * and was paid anyway). `excludeCartId` leaves out the shopper's own open checkout, which the new
 * one replaces.
 *
 * Throws `discount_not_applicable` (422) with `details.reason`: `not_valid` (one body for every code
 * not usable now, see DiscountRefusal) or `below_minimum` with the amount to add.
 */
export async function checkDiscountCode(
  db: DbOrTx,
  params: { code: string; subtotal: number; currency: string; now?: string; excludeCartId?: string | null },
): Promise<AppliedDiscount> {
  const code = normaliseDiscountCode(params.code);
  const now = params.now ?? nowIso();
  const [row] = await db
    .select({
      id: discountCodes.id,
      code: discountCodes.code,
      kind: discountCodes.kind,
      value: discountCodes.value,
      minimumSubtotal: discountCodes.minimumSubtotal,
      startsAt: discountCodes.startsAt,
      endsAt: discountCodes.endsAt,
      usageLimit: discountCodes.usageLimit,
      uses: discountCodes.uses,
      isActive: discountCodes.isActive,
      held: heldDiscountUsesSql(db, now, params.excludeCartId),
    })
    .from(discountCodes)
    .where(eq(discountCodes.code, code))
    .limit(1);

  const isUsableNow =
    row !== undefined &&
    row.isActive &&
    (row.startsAt === null || row.startsAt <= now) &&
    (row.endsAt === null || now < row.endsAt) &&
    !isUsageLimitReached({ usageLimit: row.usageLimit, uses: row.uses, held: Number(row.held) });
  if (!isUsableNow) refuse("not_valid", DISCOUNT_NOT_VALID_MESSAGE);
  if (params.subtotal < row.minimumSubtotal) {
    const shortBy = row.minimumSubtotal - params.subtotal;
    refuse(
      "below_minimum",
      `The code ${row.code} applies to orders of ${formatMoney(row.minimumSubtotal, params.currency)} or more. Add ${formatMoney(shortBy, params.currency)} to use it.`,
      { code: row.code },
    );
  }

  return {
    discountCodeId: row.id,
    code: row.code,
    kind: row.kind,
    value: row.value,
    amount: discountAmount(row.kind, row.value, params.subtotal),
  };
}

/**
 * checkDiscountCode's verdict as an SQL condition, for a write batch that cannot read and decide in
 * between: true while the code still applies to `subtotal` at `now` (active, in its window, the
 * minimum met, the usage limit not reached counting other carts' holds). The caller makes a false
 * verdict abort its batch, then runs checkDiscountCode again for the shopper's reason.
 */
export function discountStillAppliesSql(
  db: DbOrTx,
  params: { discountCodeId: number; subtotal: number; now: string; excludeCartId: string },
): SQL<boolean> {
  const applies = db
    .select({ one: sql`1` })
    .from(discountCodes)
    .where(
      and(
        eq(discountCodes.id, params.discountCodeId),
        eq(discountCodes.isActive, true),
        or(isNull(discountCodes.startsAt), lte(discountCodes.startsAt, params.now)),
        or(isNull(discountCodes.endsAt), gt(discountCodes.endsAt, params.now)),
        lte(discountCodes.minimumSubtotal, params.subtotal),
        not(
          usageLimitReachedSql({
            usageLimit: discountCodes.usageLimit,
            uses: discountCodes.uses,
            held: heldDiscountUsesSql(db, params.now, params.excludeCartId),
          }),
        ),
      ),
    );
  return sql<boolean>`EXISTS ${applies}`;
}
