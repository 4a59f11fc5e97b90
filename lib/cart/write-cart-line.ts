// Stores a line's new quantity, creating the cart row on the shopper's first add.
import { and, eq } from "drizzle-orm";
import type { Tx } from "@/lib/db";
import { cartItems, carts } from "@/lib/db/schema";
import { newCartId } from "./cart-cookie";

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
