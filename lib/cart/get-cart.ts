// GET /api/cart's operation: the shopper's cart, read without writing anything.
import { db } from "@/lib/db";
import type { CartUpdate } from "./cart-update";
import { loadShopperCart } from "./load-shopper-cart";

export async function getCart(params: { cartId: string | null }): Promise<CartUpdate> {
  return { cartId: params.cartId, cart: await loadShopperCart(await db(), params.cartId) };
}
