// Adds units of a variant to the shopper's cart, merging with a line already there.
import type { AddToCartInput } from "./cart-input";
import type { RoomTokens } from "@/lib/updates/room-token";
import type { CartUpdate } from "./cart-update";
import { changeCartLine } from "./change-cart-line";

/** POST /api/cart's operation (see changeCartLine). */
export function addToCart(params: AddToCartInput & { cartId: string | null; roomTokens?: RoomTokens }): Promise<CartUpdate> {
  return changeCartLine({ cartId: params.cartId, variantId: params.variantId, change: { add: params.quantity }, roomTokens: params.roomTokens });
}
