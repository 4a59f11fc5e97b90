// The shopper's own open checkout: its reservation is stock they already hold, not stock they lack.
import { sql } from "drizzle-orm";
import { checkouts } from "@/lib/db/schema";

/**
 * A shopper who went to payment and came back to the cart still holds a reservation until it
 * expires. Counting it against them would show "Sold out" for units that are theirs, so the cart
 * leaves out the reservation of the cart's newest open, unexpired checkout. This is the subquery
 * form of `findOpenCheckoutId` (lib/checkout), for statements that must not cost an extra query.
 */
export function ownOpenCheckoutIdSql(cartId: string, now: string) {
  return sql<string | null>`(SELECT ${checkouts.id} FROM ${checkouts} WHERE ${checkouts.cartId} = ${cartId} AND ${checkouts.status} = 'open' AND ${checkouts.expiresAt} > ${now} ORDER BY ${checkouts.createdAt} DESC LIMIT 1)`;
}
