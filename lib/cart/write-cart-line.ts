// Stores a line's new quantity, creating the cart row on the shopper's first add.
import { and, eq, exists, sql } from "drizzle-orm";
import type { InStatement } from "@libsql/client";
import { guardStatement, toStatement, type GuardName, type StatementBuilder } from "@/lib/db";
import { cartItems, carts, products, productVariants } from "@/lib/db/schema";
import { heldByOtherCheckoutsSql } from "@/lib/inventory/reservations";

/**
 * A cart line's write for writeBatch, after it was checked by reading (findLineTarget,
 * assertAvailable): `add` units to whatever the line holds when the batch runs — so adds racing from
 * two tabs both land — or `set` it to a quantity. The guard re-checks under the write lock what the
 * reads checked, for the quantity the line will really hold: the cart still exists (or is the one
 * this batch creates), the variant is still for sale, the line stays within `maxQuantity` (the shop's
 * per-item cap as the read found it: an owner changing it in between is a race with no harm), and
 * stock net of other checkouts' live holds covers it. Otherwise the named guard `cart_line` aborts the
 * batch (`guardRefusal(error) === CART_LINE_GUARD`) for the caller to read and decide again — the
 * fresh read then names the shopper's reason.
 */
/** The guard of cartLineStatements: the cart, the variant's sale, the cap or the stock moved since the read. */
export const CART_LINE_GUARD = "cart_line" satisfies GuardName;

export function cartLineStatements(
  db: StatementBuilder,
  params: {
    cartId: string;
    isNewCart: boolean;
    variantId: number;
    change: { add: number } | { set: number };
    ownCheckoutId: string | null;
    maxQuantity: number;
    now: string;
  },
): InStatement[] {
  const { cartId, variantId, now } = params;
  const forSale = exists(
    db
      .select({ one: sql`1` })
      .from(productVariants)
      .innerJoin(products, eq(products.id, productVariants.productId))
      .where(and(eq(productVariants.id, variantId), eq(productVariants.isActive, true), eq(products.status, "active"))),
  );
  const cartExists = exists(db.select({ one: sql`1` }).from(carts).where(eq(carts.id, cartId)));
  const inCart = db.select({ quantity: cartItems.quantity }).from(cartItems).where(and(eq(cartItems.cartId, cartId), eq(cartItems.variantId, variantId)));
  const willHold = "add" in params.change ? sql`(coalesce((${inCart}), 0) + ${params.change.add})` : params.change.set;
  const stock = db.select({ stock: productVariants.stock }).from(productVariants).where(eq(productVariants.id, variantId));
  const covered = sql`(${stock}) - ${heldByOtherCheckoutsSql(db, variantId, { checkoutId: params.ownCheckoutId ?? "", now })} >= ${willHold}`;
  const quantity = sql<number>`${willHold}`;
  return [
    toStatement(
      params.isNewCart
        ? db.insert(carts).values({ id: cartId, createdAt: now, updatedAt: now })
        : db.update(carts).set({ updatedAt: now }).where(eq(carts.id, cartId)),
    ),
    // After the cart row (a new cart is this batch's own), before the line: what the reads checked.
    guardStatement([{ name: CART_LINE_GUARD, holds: sql`${cartExists} AND ${forSale} AND ${willHold} <= ${params.maxQuantity} AND ${covered}` }]),
    // The new row's quantity is computed whether or not the line exists; the conflict's update takes that same value.
    toStatement(
      db
        .insert(cartItems)
        .values({ cartId, variantId, quantity, createdAt: now, updatedAt: now })
        .onConflictDoUpdate({ target: [cartItems.cartId, cartItems.variantId], set: { quantity: sql`excluded.quantity`, updatedAt: now } }),
    ),
  ];
}

/** deleteCartLine for writeBatch: removing needs no guard (a shopper can always clear a line). */
export function deleteCartLineStatements(db: StatementBuilder, params: { cartId: string; variantId: number; now: string }) {
  return [
    db.delete(cartItems).where(and(eq(cartItems.cartId, params.cartId), eq(cartItems.variantId, params.variantId))),
    db.update(carts).set({ updatedAt: params.now }).where(eq(carts.id, params.cartId)),
  ];
}
