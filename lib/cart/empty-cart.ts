// Removes every line from the shopper's cart (the cart row and its cookie stay).
import { eq } from "drizzle-orm";
import { db, writeTransaction } from "@/lib/db";
import { cartItems, carts } from "@/lib/db/schema";
import { nowIso } from "@/lib/time";
import type { CartUpdate } from "./cart-update";
import { loadShopperCart } from "./load-shopper-cart";

/** DELETE /api/cart's operation; a shopper without a cart gets an empty one and nothing is written. */
export async function emptyCart(params: { cartId: string | null }): Promise<CartUpdate> {
  const { cartId } = params;
  if (cartId) {
    await writeTransaction(async (tx) => {
      await tx.delete(cartItems).where(eq(cartItems.cartId, cartId));
      await tx.update(carts).set({ updatedAt: nowIso() }).where(eq(carts.id, cartId));
    });
  }
  return { cartId, cart: await loadShopperCart(await db(), cartId) };
}
