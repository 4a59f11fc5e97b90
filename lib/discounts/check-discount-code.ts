// Decides whether a shopper's discount code applies to a subtotal, and what it is worth.
import { and, eq, gt, isNull, lte, not, or, sql, type SQL } from "drizzle-orm";
import { heldDiscountUsesSql } from "@/lib/checkout/open-checkouts";
import type { DbOrTx } from "@/lib/db";
import { discountCodes, type DiscountKind } from "@/lib/db/schema";
import { AppError } from "@/lib/app-error";
import { formatMoney } from "@/lib/money";
import { nowIso } from "@/lib/time";
import { discountAmount } from "./discount-amount";
import { isUsageLimitReached, usageLimitReachedSql } from "./discount-usage";

export type AppliedDiscount = { discountCodeId: number; code: string; kind: DiscountKind; value: number; amount: number };

export type DiscountRefusal = "unknown" | "inactive" | "not_started" | "expired" | "below_minimum" | "usage_limit_reached";

/** Codes are stored upper-case; shoppers type them however they like. */
export function normaliseDiscountCode(code: string): string {
  return code.trim().toUpperCase();
}

const longDate = new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: "UTC" });

function refuse(code: string, reason: DiscountRefusal, message: string): never {
  throw new AppError("discount_not_applicable", message, { code, reason });
}

/**
 * One statement: the code and how many open, unexpired checkouts hold it. A code's usage limit
 * counts both its recorded uses and those holds, so two shoppers cannot both take the last use
 * while paying (the webhook re-checks the limit when the order is created, in case a hold expired
 * and was paid anyway). `excludeCartId` leaves out the shopper's own open checkout, which the new
 * one replaces.
 *
 * Throws `discount_not_applicable` (422) with `details.reason` and a message the shopper can act on.
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

  if (!row) refuse(code, "unknown", `“${code}” isn't a discount code we recognise. Please check the spelling.`);
  if (!row.isActive) refuse(code, "inactive", `The code ${code} is no longer active.`);
  if (row.startsAt !== null && now < row.startsAt) {
    refuse(code, "not_started", `The code ${code} can be used from ${longDate.format(new Date(row.startsAt))}.`);
  }
  if (row.endsAt !== null && now >= row.endsAt) {
    refuse(code, "expired", `The code ${code} expired on ${longDate.format(new Date(row.endsAt))}.`);
  }
  if (params.subtotal < row.minimumSubtotal) {
    const shortBy = row.minimumSubtotal - params.subtotal;
    refuse(
      code,
      "below_minimum",
      `The code ${code} applies to orders of ${formatMoney(row.minimumSubtotal, params.currency)} or more. Add ${formatMoney(shortBy, params.currency)} to use it.`,
    );
  }
  if (isUsageLimitReached({ usageLimit: row.usageLimit, uses: row.uses, held: Number(row.held) })) {
    refuse(code, "usage_limit_reached", `The code ${code} has reached its usage limit.`);
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
