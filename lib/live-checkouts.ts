// "A cart's open, unexpired checkout": the one definition of a live checkout hold, read by cart, discounts and checkout.
import { and, count, desc, eq, gt, ne, sql, type Placeholder, type SQL } from "drizzle-orm";
import type { DbOrTx } from "@/lib/db";
import { preparedPerHandle } from "@/lib/db/prepared";
import { checkouts, discountCodes } from "@/lib/db/schema";
import { nowIso } from "@/lib/time";

/** Open and not yet expired: the shopper may still pay, so its reservation and discount hold still count. */
export function isLiveCheckout(now: string | Placeholder): SQL {
  return and(eq(checkouts.status, "open"), gt(checkouts.expiresAt, now))!;
}

function newestLiveCheckoutOfCart(db: DbOrTx, cartId: string | Placeholder, now: string | Placeholder) {
  return db
    .select({ id: checkouts.id })
    .from(checkouts)
    .where(and(eq(checkouts.cartId, cartId), isLiveCheckout(now)))
    .orderBy(desc(checkouts.createdAt))
    .limit(1);
}

/** newestLiveCheckoutOfCart compiled once per handle (every cart read asks it). */
const newestLiveCheckoutQuery = preparedPerHandle((db) => newestLiveCheckoutOfCart(db, sql.placeholder("cartId"), sql.placeholder("now")).prepare());

/**
 * The cart's newest live checkout, if the shopper already started paying. One statement. A shopper
 * who went to payment and came back still holds its reservation until it expires: counting it against
 * them would show "Sold out" for units that are theirs, so cart and checkout reads leave it out.
 */
export async function findOpenCheckoutId(db: DbOrTx, cartId: string, now: string = nowIso()): Promise<string | null> {
  const [row] = await newestLiveCheckoutQuery(db).all({ cartId, now });
  return row?.id ?? null;
}

/** findOpenCheckoutId as a subquery, for statements that must not cost an extra query. */
export function openCheckoutIdSql(db: DbOrTx, cartId: string, now: string): SQL<string | null> {
  return sql<string | null>`(${newestLiveCheckoutOfCart(db, cartId, now)})`;
}

/**
 * How many live checkouts hold the discount code of the row being read (a correlated subquery on
 * `discount_codes.id`), other than those of `excludeCartId` (the shopper's own, which a new checkout replaces).
 */
export function heldDiscountUsesSql(db: DbOrTx, now: string, excludeCartId?: string | null): SQL<number> {
  const holds = db
    .select({ held: count() })
    .from(checkouts)
    .where(
      and(
        eq(checkouts.discountCodeId, discountCodes.id),
        isLiveCheckout(now),
        excludeCartId ? ne(checkouts.cartId, excludeCartId) : undefined,
      ),
    );
  return sql<number>`(${holds})`;
}
