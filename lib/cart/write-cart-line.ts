// Stores a line's new quantity, creating the cart row on the shopper's first add.
import { and, eq, exists, sql } from "drizzle-orm";
import { sqlInteger, type StatementBuilder, type Tx } from "@/lib/db";
import { cartItems, carts, products, productVariants } from "@/lib/db/schema";
import { heldByOtherCheckoutsSql } from "@/lib/inventory/reservations";
import { newCartId } from "./cart-cookie";
import { MAX_LINE_QUANTITY } from "./max-line-quantity";

/** Upserts the line (quantity > 0) and touches the cart; returns the cart id, new or existing. */
export async function writeCartLine(
  tx: Tx,
  params: { existingCartId: string | null; variantId: number; quantity: number; now: string },
): Promise<string> {
  const cartId = params.existingCartId ?? newCartId();
  if (params.existingCartId) {
    await tx.update(carts).set({ updatedAt: params.now }).where(eq(carts.id, cartId));
  } else {
    await tx.insert(carts).values({ id: cartId, createdAt: params.now, updatedAt: params.now });
  }
  await tx
    .insert(cartItems)
    .values({ cartId, variantId: params.variantId, quantity: params.quantity, createdAt: params.now, updatedAt: params.now })
    .onConflictDoUpdate({
      target: [cartItems.cartId, cartItems.variantId],
      set: { quantity: params.quantity, updatedAt: params.now },
    });
  return cartId;
}

export async function deleteCartLine(tx: Tx, params: { cartId: string; variantId: number; now: string }): Promise<void> {
  await tx.delete(cartItems).where(and(eq(cartItems.cartId, params.cartId), eq(cartItems.variantId, params.variantId)));
  await tx.update(carts).set({ updatedAt: params.now }).where(eq(carts.id, params.cartId));
}

/**
 * An add to the cart for writeBatch, after it was checked by reading (findLineTarget,
 * assertAvailable). The write is relative — the line becomes what it holds *now* plus `added` — so
 * adds racing from two tabs both land, and its guard re-checks under the write lock what the reads
 * checked, for the quantity the line will really hold: the cart still exists (or is the one this
 * batch creates), the variant is still for sale, the line stays within MAX_LINE_QUANTITY, and stock
 * net of other checkouts' live holds covers it. Otherwise the quantity is NULL, which the NOT NULL
 * constraint refuses, and the batch rolls back (isGuardFailure(error, "cart_items.quantity")) for
 * the caller to read and decide again — the fresh read then names the shopper's reason.
 */
export function addCartLineStatements(
  db: StatementBuilder,
  params: { cartId: string; isNewCart: boolean; variantId: number; added: number; ownCheckoutId: string | null; now: string },
) {
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
  const willHold = sql`(coalesce((${inCart}), 0) + ${sqlInteger(params.added)})`;
  const stock = db.select({ stock: productVariants.stock }).from(productVariants).where(eq(productVariants.id, variantId));
  const covered = sql`(${stock}) - ${heldByOtherCheckoutsSql(db, variantId, { checkoutId: params.ownCheckoutId ?? "", now })} >= ${willHold}`;
  const quantity = sql<number>`CASE WHEN ${cartExists} AND ${forSale} AND ${willHold} <= ${sqlInteger(MAX_LINE_QUANTITY)} AND ${covered} THEN ${willHold} END`;
  return [
    params.isNewCart
      ? db.insert(carts).values({ id: cartId, createdAt: now, updatedAt: now })
      : db.update(carts).set({ updatedAt: now }).where(eq(carts.id, cartId)),
    // The new row's quantity is computed (and guarded) whether or not the line exists: SQLite checks
    // NOT NULL before it looks for the conflict, whose update then takes that same value.
    db
      .insert(cartItems)
      .values({ cartId, variantId, quantity, createdAt: now, updatedAt: now })
      .onConflictDoUpdate({ target: [cartItems.cartId, cartItems.variantId], set: { quantity: sql`excluded.quantity`, updatedAt: now } }),
  ];
}
