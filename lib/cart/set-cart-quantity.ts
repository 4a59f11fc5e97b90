// Sets how many units of a variant the shopper's cart holds; 0 removes the line.
import type { SetCartQuantityInput } from "./cart-input";
import type { RoomTokens } from "@/lib/updates/room-token";
import type { CartUpdate } from "./cart-update";
import { changeCartLine } from "./change-cart-line";

/** PATCH /api/cart's operation (see changeCartLine). */
export function setCartQuantity(params: SetCartQuantityInput & { cartId: string | null; roomTokens?: RoomTokens }): Promise<CartUpdate> {
  return changeCartLine({ cartId: params.cartId, variantId: params.variantId, change: { set: params.quantity }, roomTokens: params.roomTokens });
}
