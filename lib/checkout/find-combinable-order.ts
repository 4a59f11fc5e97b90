// One parcel per customer: the earlier order of the same update that a new checkout's goods can ship with.
import { and, asc, eq, exists, gt, inArray, isNotNull, isNull, lte, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { DbOrTx } from "@/lib/db";
import { orderItems, orders, shopUpdateItems, shopUpdates } from "@/lib/db/schema";
import { maskAddress } from "./mask-address";

export type CombinedParcel = {
  orderId: number;
  orderNumber: string;
  /** Where the parcel goes (the earlier order's address), masked for whoever typed the email. */
  maskedAddress: string;
};

/** Paid and not yet shipped: the parcel is still to be packed, so more can go in it. */
const UNSHIPPED_STATUSES = ["processing", "on_hold"] as const;
const PAID_STATUSES = ["paid", "partially_refunded"] as const;

/**
 * The same customer's earliest order that is paid, unshipped, going to the same country and holding
 * a variant of an unfinished shop update that one of `variantIds` also belongs to, placed since that
 * update went live; null when there is none. One statement.
 *
 * "The same customer" is the email alone here, unlike a per-customer limit (which also counts the
 * cart and the client's address, lib/updates/customer-limit.ts): a limit stops one person buying
 * more, whereas combining sends goods to a person, so only the address the order confirmations go
 * to may claim an earlier parcel. The earlier order's address is what the shopper is shown, and the
 * parcel goes there: free shipping never reaches an address nobody paid postage to.
 */
export async function findCombinableOrder(
  db: DbOrTx,
  params: { email: string; country: string; variantIds: readonly number[]; now: string },
): Promise<CombinedParcel | null> {
  if (params.variantIds.length === 0) return null;
  const theirs = alias(shopUpdateItems, "theirs");
  const mine = alias(shopUpdateItems, "mine");
  const sameUpdate = db
    .select({ one: sql`1` })
    .from(orderItems)
    .innerJoin(theirs, eq(theirs.variantId, orderItems.variantId))
    .innerJoin(shopUpdates, eq(shopUpdates.id, theirs.updateId))
    .innerJoin(mine, eq(mine.updateId, theirs.updateId))
    .where(
      and(
        eq(orderItems.orderId, orders.id),
        inArray(mine.variantId, [...params.variantIds]),
        isNull(shopUpdates.cancelledAt),
        isNull(shopUpdates.closedAt),
        or(isNull(shopUpdates.closeAt), gt(shopUpdates.closeAt, params.now)),
        lte(shopUpdates.liveAt, orders.createdAt),
      ),
    );
  const [row] = await db
    .select({ orderId: orders.id, orderNumber: orders.orderNumber, shippingAddress: orders.shippingAddress })
    .from(orders)
    .where(
      and(
        eq(orders.email, params.email.toLowerCase()),
        eq(orders.shippingCountry, params.country.toUpperCase()),
        inArray(orders.status, [...UNSHIPPED_STATUSES]),
        inArray(orders.paymentStatus, [...PAID_STATUSES]),
        isNotNull(orders.shippingAddress),
        exists(sameUpdate),
      ),
    )
    .orderBy(asc(orders.id))
    .limit(1);
  if (!row?.shippingAddress) return null;
  return { orderId: row.orderId, orderNumber: row.orderNumber, maskedAddress: maskAddress(row.shippingAddress) };
}
